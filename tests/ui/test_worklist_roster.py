"""The roster drives the worklist: a nurse on shift sees her beds by default, A shows the whole
ward and back; a nurse not on the roster now sees the whole ward."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ui.screens.worklist import tasks
from ui.screens.worklist.controller import WorklistController
from ui.screens.worklist.tasks import WorkItem
from ui.screens.worklist.view import WorklistView
from ui.workers import Workers

AT = "2026-12-07T13:00:00.000Z"
DOSE = {"drug_name": "Atorvastatin", "dose_value": 40, "dose_unit": "mg", "route": "po",
        "frequency": "qn"}  # fmt: skip
ITEMS = [WorkItem(f"p{b}", b, f"Patient {b}", "dose", "due", AT, DOSE, f"d{b}")
         for b in ("01", "02", "03")]  # fmt: skip


def _controller(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
                beds: frozenset[str] | None) -> WorklistController:  # fmt: skip
    def found(_ws: Any, _ward: str | None) -> tuple[list[WorkItem], frozenset[str] | None]:
        return ITEMS, beds

    monkeypatch.setattr(tasks, "my_worklist", found)
    view = WorklistView()
    qtbot.addWidget(view)
    controller = WorklistController(view, None, Workers("test"))  # type: ignore[arg-type]
    with qtbot.waitSignal(controller.sig_worklist_changed, timeout=5000):
        controller.start("CARD")
    return controller


def _beds(controller: WorklistController) -> list[str]:
    model = controller.view.model
    return [item.bed for row in range(model.rowCount()) if (item := model.item_at(row))]


def test_her_beds_by_default_and_a_switches_to_the_whole_ward(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    controller = _controller(qtbot, monkeypatch, frozenset({"01", "03"}))
    assert _beds(controller) == ["01", "03"]
    assert controller.view.heading.text().startswith("Your beds by the roster: 01, 03")
    table = controller.view.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_A)
    assert _beds(controller) == ["01", "02", "03"]
    assert controller.view.heading.text().startswith("Whole ward")
    qtbot.keyClick(table, Qt.Key.Key_A)
    assert _beds(controller) == ["01", "03"]
    controller.clear()


def test_not_on_the_roster_now_the_whole_ward(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    controller = _controller(qtbot, monkeypatch, None)
    assert _beds(controller) == ["01", "02", "03"]
    assert controller.view.heading.text().startswith("Nurse's worklist:")
    controller.clear()

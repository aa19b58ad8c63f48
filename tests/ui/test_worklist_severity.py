"""The worklist colours only what cannot wait (overdue, high-alert), never by colour alone, and
puts the overdue high-alert line (NEWS2 8 calling the doctor) above every routine line."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ui.screens.worklist.tasks import WorkItem, urgency
from ui.screens.worklist.view import WorklistView
from ui.theme import severity_tint

DOSE = {"drug_name": "Atorvastatin", "dose_value": 40, "dose_unit": "mg", "route": "po",
        "frequency": "qn"}  # fmt: skip
INSULIN = {"drug_name": "Insulin aspart", "dose_value": 6, "dose_unit": "U", "route": "sc",
           "frequency": "tid"}  # fmt: skip
AT = "2026-12-07T13:00:00.000Z"
ROUTINE_DUE = [WorkItem(f"p{n}", f"{n:02d}", f"Patient {n}", "dose", "due", AT, DOSE, f"d{n}")
               for n in range(1, 6)]  # fmt: skip
ROUND = WorkItem("r", "09", "胡海涛", "round", "overdue", "2026-12-07T12:26:00.000Z",
                 {"level": "1"}, "round:r")  # fmt: skip
NEWS2 = WorkItem("v", "09", "胡海涛", "vitals", "overdue", "2026-12-07T12:40:00.000Z",
                 {"news2": 8, "escalate": True}, "vitals", high_alert=True)  # fmt: skip
HIGH_ALERT_DUE = WorkItem("i", "03", "王五", "dose", "due", AT, INSULIN, "i@", high_alert=True)
NEW_ORDER = WorkItem("n", "04", "赵六", "order", "new", AT,
                     {"status": "placed", "order_kind": "lab", "description": "CBC"}, "n:p")  # fmt: skip


def test_overdue_first_and_high_alert_first_within_each_state() -> None:
    shuffled = [*ROUTINE_DUE, NEW_ORDER, ROUND, HIGH_ALERT_DUE, NEWS2]
    assert sorted(shuffled, key=urgency)[:4] == [NEWS2, ROUND, HIGH_ALERT_DUE, ROUTINE_DUE[0]]
    assert sorted(shuffled, key=urgency)[-1] == NEW_ORDER


def test_only_overdue_and_high_alert_lines_are_coloured_each_with_icon_and_words(
    qtbot: QtBot,
) -> None:
    view = WorklistView()
    qtbot.addWidget(view)
    items = sorted([*ROUTINE_DUE, NEW_ORDER, ROUND, HIGH_ALERT_DUE, NEWS2], key=urgency)
    view.model.set_items(items)
    model = view.model

    def cell(row: int, role: Qt.ItemDataRole, column: int = 0) -> object:
        return model.data(model.index(row, column), role)

    background = [cell(r, Qt.ItemDataRole.BackgroundRole) for r in range(len(items))]
    colours = [b.color().name() if b is not None else None for b in background]  # type: ignore[attr-defined]
    overdue, high_alert = severity_tint("critical").name(), severity_tint("high_alert").name()
    assert colours[:3] == [overdue, overdue, high_alert]
    assert colours[3:] == [None] * (len(items) - 3)  # due now and new: plain, in words only
    for row in range(3):  # never colour alone: an icon and the words too
        assert cell(row, Qt.ItemDataRole.DecorationRole) is not None
    assert cell(3, Qt.ItemDataRole.DecorationRole) is None
    assert [cell(r, Qt.ItemDataRole.DisplayRole) for r in range(3)] == [
        "OVERDUE", "OVERDUE", "DUE NOW"]  # fmt: skip
    assert "escalated to the doctor" in str(cell(0, Qt.ItemDataRole.DisplayRole, 4))
    assert str(cell(2, Qt.ItemDataRole.DisplayRole, 4)).endswith("— high-alert medicine")


def test_a_new_line_s_state_is_whole_in_chinese_and_its_tooltip_names_the_key(
    qtbot: QtBot, chinese: None
) -> None:
    view = WorklistView()
    qtbot.addWidget(view)
    view.model.set_items([NEW_ORDER])
    view.fit_state_column()
    state = view.model.index(0, 0)
    text = view.model.data(state, Qt.ItemDataRole.DisplayRole)
    needed = view.table.fontMetrics().horizontalAdvance(text) + view.table.iconSize().width()
    assert text == "新" and needed <= view.table.columnWidth(0)
    assert "空格" in view.model.data(state, Qt.ItemDataRole.ToolTipRole)

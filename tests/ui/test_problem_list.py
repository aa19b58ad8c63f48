"""The problem list by keyboard: Ctrl+Alt+P, the ICD-10 picker found by pinyin initials, by
Chinese name and by code, the arrows choose, Enter takes the code, Ctrl+Enter records; Alt+P,
the arrows and Ctrl+R resolve it. Each is on this computer's chart and queued for sync."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from offline_cache.workstation import Workstation
from tests.ui.flows import CTRL, open_patient
from tests.ui.helpers import LOGIN_SECONDS_MS
from ui.screens.problems.dialog import ProblemDialog
from workstation.clinical.icd10 import default_catalogue
from workstation.projections import tables as pt
from workstation.server.db import make_engine

ALT = Qt.KeyboardModifier.AltModifier


def _visible() -> list[ProblemDialog]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, ProblemDialog) and w.isVisible()]  # fmt: skip


def _row(problem_id: str, status: str, at: str, voided: bool = False) -> dict[str, object]:
    return {"problem_id": problem_id, "description": problem_id, "icd10": None, "status": status,
            "recorded_at": at, "voided": voided}  # fmt: skip


def test_the_list_shows_active_problems_first_and_no_voided_one(qtbot) -> None:  # noqa: ANN001
    problems = [_row("old", "active", "2024-01-01"), _row("gone", "resolved", "2024-03-01"),
                _row("new", "active", "2024-02-01"), _row("wrong", "active", "2024-04-01", True)]  # fmt: skip
    dialog = ProblemDialog("张三", default_catalogue(), problems)
    qtbot.addWidget(dialog)
    assert [p["problem_id"] for p in dialog.problems] == ["new", "old", "gone"]
    assert dialog.listed.count() == 3 and dialog.listed.item(2).text().endswith("(resolved)")


def test_the_picker_finds_by_code_chinese_english_name_and_pinyin(qtbot) -> None:  # noqa: ANN001
    dialog = ProblemDialog("张三", default_catalogue())
    qtbot.addWidget(dialog)
    searches = (("i10", "I10"), ("肺炎，未特指", "J18.9"), ("fywtz", "J18.9"),
                ("pneumonia, unspecified", "J18.9"))  # fmt: skip
    for typed, code in searches:
        dialog.search.setText(typed)
        assert dialog.found and dialog.found[0].code == code, typed
    dialog.search.setText("肺炎")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)  # the second match
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.payload() == {"description": dialog.found[1].name_zh, "status": "active",
                                "icd10": dialog.found[1].code}  # fmt: skip
    assert dialog.code.text() == dialog.found[1].code


def test_a_problem_by_keyboard_reaches_the_chart(qtbot, ward_server, open_station) -> None:  # noqa: ANN001
    station = open_station()
    patient_id = open_patient(qtbot, station)
    qtbot.keyClick(station.view, Qt.Key.Key_P, CTRL | ALT)
    qtbot.waitUntil(lambda: bool(_visible()), timeout=LOGIN_SECONDS_MS)
    dialog = _visible()[0]
    qtbot.waitUntil(dialog.search.hasFocus)
    qtbot.keyClicks(dialog.search, "i10")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.description.hasFocus)
    dialog.description.setText("原发性高血压 3级")
    with qtbot.waitSignal(station.shell.problems.sig_recorded, timeout=LOGIN_SECONDS_MS):
        qtbot.keyClick(dialog.description, Qt.Key.Key_Return, CTRL)
    with station.workstation.store.reading() as conn:
        rows = conn.execute(select(pt.problems.c.icd10, pt.problems.c.description).where(
            pt.problems.c.patient_id == patient_id)).all()  # fmt: skip
    assert ("I10", "原发性高血压 3级") in [tuple(r) for r in rows]
    _resolve_by_keyboard(qtbot, station, ward_server, patient_id)


def _problem_rows(ws: Workstation, patient_id: str) -> list[tuple[str, str, str]]:
    p = pt.problems.c
    with ws.store.reading() as conn:
        found = conn.execute(
            select(p.problem_id, p.icd10, p.status).where(p.patient_id == patient_id)
        )
        return [tuple(r) for r in found]  # type: ignore[misc]


def _resolve_by_keyboard(qtbot, station, ward_server, patient_id: str) -> None:  # noqa: ANN001
    chart = station.shell.chart
    qtbot.waitUntil(lambda: any(p["icd10"] == "I10" for p in chart.chart["problems"]))
    qtbot.keyClick(station.view, Qt.Key.Key_P, CTRL | ALT)
    qtbot.waitUntil(lambda: bool(_visible()), timeout=LOGIN_SECONDS_MS)
    dialog = _visible()[0]
    target = next(i for i, p in enumerate(dialog.problems) if p["icd10"] == "I10")
    assert "I10" in dialog.listed.item(target).text()
    # nothing chosen on the list yet: nothing is resolved, the list takes the keyboard
    qtbot.keyClick(dialog.search, Qt.Key.Key_R, CTRL)
    assert dialog.isVisible() and dialog.listed.hasFocus() and dialog.problem.text()
    for _ in range(target):
        qtbot.keyClick(dialog.listed, Qt.Key.Key_Down)
    assert dialog.listed.currentRow() == target
    others = {r for r in _problem_rows(station.workstation, patient_id) if r[1] != "I10"}
    with qtbot.waitSignal(station.shell.problems.sig_recorded, timeout=LOGIN_SECONDS_MS):
        qtbot.keyClick(dialog.listed, Qt.Key.Key_R, CTRL)
    rows = set(_problem_rows(station.workstation, patient_id))
    assert {(r[1], r[2]) for r in rows - others} == {("I10", "resolved")} and others <= rows
    with qtbot.waitSignal(station.shell.sig_synced, timeout=LOGIN_SECONDS_MS):
        station.shell.sync_now()
    assert station.workstation.status().waiting == 0  # the server took both signed events
    engine = make_engine(ward_server[1].database_url)
    with engine.connect() as conn:
        found = conn.execute(select(pt.problems.c.status).where(
            pt.problems.c.patient_id == patient_id, pt.problems.c.icd10 == "I10")).all()  # fmt: skip
    engine.dispose()
    assert [tuple(r) for r in found] == [("resolved",)]

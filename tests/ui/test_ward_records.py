"""The front sheet and the adverse-event report by keyboard: Ctrl+Shift+F, a diagnosis by pinyin
initials with its 入院病情, a second by code, Ctrl+Enter saves; Ctrl+Shift+E, category digit, what
happened, Alt+N anonymous, Ctrl+Enter reports. Both saved on this computer and queued for sync."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from tests.ui.flows import CTRL, SHIFT, open_patient
from tests.ui.helpers import LOGIN_SECONDS_MS
from tests.ui.ward import NURSE
from ui.screens.ward_records.front_sheet_dialog import FrontSheetDialog
from ui.screens.ward_records.report_dialogs import AdverseEventDialog, HandoverDialog
from workstation.projections import ward_queries

ALT = Qt.KeyboardModifier.AltModifier


def visible(kind: type) -> list:  # noqa: ANN401 - a widget class
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def test_the_front_sheet_by_keyboard(qtbot, ward_server, open_station):
    station = open_station()
    patient_id = open_patient(qtbot, station)
    qtbot.keyClick(station.view, Qt.Key.Key_F, CTRL | SHIFT)
    qtbot.waitUntil(lambda: bool(visible(FrontSheetDialog)), timeout=LOGIN_SECONDS_MS)
    dialog = visible(FrontSheetDialog)[0]
    search = dialog.findChild(QLineEdit, "frontSheetSearch")
    qtbot.waitUntil(search.hasFocus)
    qtbot.keyClicks(search, "fywtz 1")  # 肺炎，未特指, present on admission
    qtbot.keyClick(search, Qt.Key.Key_Return)
    qtbot.keyClicks(search, "i10 1")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert "complete" in dialog.check.text()
    with qtbot.waitSignal(
        station.shell.ward_records.sig_front_sheet_saved, timeout=LOGIN_SECONDS_MS
    ):
        qtbot.keyClick(search, Qt.Key.Key_Return, CTRL)
    with station.workstation.store.reading() as conn:
        sheet = ward_queries.front_sheet(conn, patient_id)
    assert [(r["code"], r["admission_condition"]) for r in sheet["discharge_diagnoses"]] == [  # type: ignore[index]
        ("J18.9", "1"),
        ("I10", "1"),
    ]


def test_an_anonymous_report_from_any_screen(qtbot, ward_server, open_station):
    station = open_station()
    open_patient(qtbot, station, username=NURSE)
    qtbot.keyClick(station.view, Qt.Key.Key_E, CTRL | SHIFT)
    qtbot.waitUntil(lambda: bool(visible(AdverseEventDialog)), timeout=LOGIN_SECONDS_MS)
    dialog = visible(AdverseEventDialog)[0]
    qtbot.waitUntil(dialog.category.hasFocus)
    qtbot.keyClick(dialog.category, "2")  # fall
    qtbot.keyClick(dialog.category, Qt.Key.Key_Tab)
    qtbot.keyClick(dialog.severity, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.description, "found on the floor")
    qtbot.keyClick(dialog.description, Qt.Key.Key_N, ALT)
    assert dialog.anonymous.isChecked() and dialog.report()["category"] == "fall"
    with qtbot.waitSignal(
        station.shell.ward_records.sig_adverse_event_reported, timeout=LOGIN_SECONDS_MS
    ):
        qtbot.keyClick(dialog.description, Qt.Key.Key_Return, CTRL)
    with station.workstation.store.reading() as conn:
        [row] = ward_queries.adverse_register(conn, viewer_id="me", viewer_role="nurse", wards=None)
    assert row["anonymous"] and row["category"] == "fall"


def test_the_handover_report_is_drafted_and_signed_by_keyboard(qtbot, ward_server, open_station):
    station = open_station()
    open_patient(qtbot, station, username=NURSE)
    qtbot.keyClick(station.view, Qt.Key.Key_Z, CTRL | SHIFT)
    qtbot.waitUntil(lambda: bool(visible(HandoverDialog)), timeout=LOGIN_SECONDS_MS)
    dialog = visible(HandoverDialog)[0]
    assert "At end 2" in dialog.counts.text()  # the small ward's two patients
    qtbot.waitUntil(dialog.note.hasFocus)
    with qtbot.waitSignal(station.shell.ward_records.sig_handover_signed, timeout=LOGIN_SECONDS_MS):
        qtbot.keyClick(dialog.note, Qt.Key.Key_Return, CTRL)
    with station.workstation.store.reading() as conn:
        [report] = ward_queries.ward_handovers(conn, dialog.draft["ward_id"])
    assert report["content"]["counts"]["present_at_end"] == 2 and report["received_by"] is None

"""Morse and Braden forms by keyboard: number keys and arrows choose, Tab moves on, the total and
risk come live from the core, Ctrl+Enter saves an AssessmentRecorded the replica holds."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.ui.flows import log_in
from tests.ui.helpers import LOGIN_SECONDS_MS
from tests.ui.nursing_forms import open_chart
from tests.ui.ward import NURSE
from ui.screens.assessments.dialog import ScaleDialog
from workstation.projections import tables as pt

WAIT = LOGIN_SECONDS_MS
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def _open_form(qtbot: QtBot, station, patient_id: str, key: Qt.Key) -> ScaleDialog:  # noqa: ANN001
    open_chart(qtbot, station, patient_id)
    qtbot.keyClick(station.view, key, CTRL | SHIFT)
    qtbot.waitUntil(lambda: station.view.findChild(ScaleDialog) is not None, timeout=WAIT)
    dialog = station.view.findChild(ScaleDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is next(iter(dialog.boxes.values())))
    return dialog


def _answer(qtbot: QtBot, keys: list[Qt.Key]) -> None:
    """One key per item into the focused item, then Tab to the next."""
    for key in keys:
        qtbot.keyClick(QApplication.focusWidget(), key)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)


def _saved(station, patient_id: str) -> list[dict]:  # noqa: ANN001
    a = pt.assessments.c
    with station.workstation.store.reading() as conn:
        rows = conn.execute(select(pt.assessments).where(a.patient_id == patient_id)).all()
    return [dict(r._mapping) for r in rows]


def test_morse_by_number_keys_live_total_and_saved(qtbot: QtBot, open_station, ward_server) -> None:  # noqa: ANN001
    _server, ward = ward_server
    station = open_station()
    log_in(qtbot, station, NURSE)
    dialog = _open_form(qtbot, station, ward.zhang_san, Qt.Key.Key_M)
    assert "张三, bed 1, MRN" in dialog.windowTitle()  # whom the form is about
    # history yes (25), secondary diagnosis yes (15), no aid (0): the sheet is incomplete
    _answer(qtbot, [Qt.Key.Key_2, Qt.Key.Key_2, Qt.Key.Key_1])
    assert dialog.total_label.text() == "Total so far 40 (3 of 6 items answered)"
    # every answer is on the screen, not only "press 1-3": the aid item's three, numbered
    aid = dialog.boxes["ambulatory_aid"]
    assert [b.text() for b in aid.group.buttons()] == [
        "1. None / bed rest / nurse assist (0)", "2. Crutches / cane / walker (15)",
        "3. Furniture (30)"]  # fmt: skip
    assert all(b.isVisible() for b in aid.group.buttons())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, CTRL)
    assert (
        dialog.message.text() == "Answer every item first."
        and _saved(station, ward.zhang_san) == []
    )
    assert QApplication.focusWidget() is dialog.boxes["iv_or_heparin_lock"]
    # IV yes (20), gait impaired (20) by arrows from weak, mental status oriented (0): 80, high
    _answer(qtbot, [Qt.Key.Key_2])
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_2)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_1)
    assert dialog.items()["gait"] == 20
    assert dialog.total_label.text() == "Total 80: high risk"
    assert dialog.result.property("severity") == "critical"  # red, with the critical icon
    assert not dialog.result.icon.pixmap().isNull()
    assert "<b>45–125 high risk</b>" in dialog.result.bands.text().replace(
        "&nbsp;", " "
    )  # the band reached, and its source
    assert "Morse et al. 1989" in dialog.result.bands.text()
    with qtbot.waitSignal(dialog.sig_saved, timeout=WAIT):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, CTRL)
    [row] = _saved(station, ward.zhang_san)
    assert (row["kind"], row["total"], row["risk"]) == ("morse", 80, "high")
    assert json.loads(row["items"])["history_of_falling"] == 25
    summary = station.view.chart.summary  # the chart reloads: the Summary tab shows the score
    qtbot.waitUntil(lambda: "Morse Fall Scale 80: high risk" in summary.toPlainText(), timeout=WAIT)


def test_braden_total_and_risk_follow_each_key(qtbot: QtBot, open_station, ward_server) -> None:  # noqa: ANN001
    _server, ward = ward_server
    station = open_station()
    log_in(qtbot, station, NURSE)
    dialog = _open_form(qtbot, station, ward.li_si, Qt.Key.Key_B)
    # 2+2+1+2+2+1 = 10: high risk (Ayello & Braden 2002: 10-12)
    _answer(qtbot, [Qt.Key.Key_2, Qt.Key.Key_2, Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_2])
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_1)
    assert dialog.total_label.text() == "Total 10: high risk"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_9)  # no 9th answer: nothing changes
    assert dialog.total_label.text() == "Total 10: high risk"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up)  # friction back to 1? stays 1
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_3)
    assert dialog.total_label.text() == "Total 12: high risk"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_4)  # nutrition excellent: 14
    assert dialog.total_label.text() == "Total 14: moderate risk"
    assert dialog.result.property("severity") == "warning"
    assert "<b>13–14 moderate risk</b>" in dialog.result.bands.text()
    with qtbot.waitSignal(dialog.sig_saved, timeout=WAIT):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, CTRL)
    [row] = _saved(station, ward.li_si)
    assert (row["kind"], row["total"], row["risk"]) == ("braden", 14, "moderate")

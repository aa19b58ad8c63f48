"""The admission nursing assessment by keyboard (Ctrl+Shift+D): digits choose the listed answers,
Enter or Tab moves on, pain is typed 0-10, free text where the answer is the patient's own;
Ctrl+Enter saves an AssessmentRecorded the replica holds and the chart's Summary shows."""

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
from ui.screens.assessments.admission import AdmissionDialog
from workstation.clinical.handoff import summarise
from workstation.clock import utc_now
from workstation.projections import tables as pt
from workstation.projections.nursing_queries import nursing_chart

WAIT = LOGIN_SECONDS_MS
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def _key(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:  # fmt: skip
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def _choose(qtbot: QtBot, digit: Qt.Key, move: Qt.Key = Qt.Key.Key_Return) -> None:
    """One answer into the focused field, then Enter (or Tab) to the next."""
    _key(qtbot, digit)
    _key(qtbot, move)


def _type(qtbot: QtBot, text: str) -> None:
    """Free text into the focused field, then Enter to the next."""
    qtbot.keyClicks(QApplication.focusWidget(), text)
    _key(qtbot, Qt.Key.Key_Return)


def _admissions(station, patient_id: str) -> list[dict]:  # noqa: ANN001
    a = pt.assessments.c
    with station.workstation.store.reading() as conn:
        rows = conn.execute(
            select(pt.assessments).where(a.patient_id == patient_id, a.kind == "admission_nursing")
        ).all()
    return [dict(r._mapping) for r in rows]


def test_admission_assessment_by_keyboard_is_saved_and_shown(
    qtbot: QtBot, open_station, ward_server
) -> None:  # noqa: ANN001
    _server, ward = ward_server
    station = open_station()
    log_in(qtbot, station, NURSE)
    open_chart(qtbot, station, ward.zhang_san)
    _key(qtbot, Qt.Key.Key_D, CTRL | SHIFT)
    qtbot.waitUntil(lambda: station.view.findChild(AdmissionDialog) is not None, timeout=WAIT)
    dialog = station.view.findChild(AdmissionDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.choices["arrived_by"])
    # wheelchair, confused, normal speech, needs help, diabetic diet, continent, pressure injury
    for digit in (Qt.Key.Key_2, Qt.Key.Key_2, Qt.Key.Key_1, Qt.Key.Key_3, Qt.Key.Key_2):
        _choose(qtbot, digit)
    _choose(qtbot, Qt.Key.Key_1, Qt.Key.Key_Tab)
    _choose(qtbot, Qt.Key.Key_4)
    assert QApplication.focusWidget() is dialog.pain
    _key(qtbot, Qt.Key.Key_Return, CTRL)  # pain not scored yet: nothing is saved
    assert dialog.message.text() == "Answer Pain (0-10) first." and not _admissions(
        station, ward.zhang_san
    )
    assert QApplication.focusWidget() is dialog.pain
    _type(qtbot, "6")
    _type(qtbot, "IV cannula left forearm")
    _type(qtbot, "glasses, dentures")
    assert QApplication.focusWidget() is dialog.texts["social"]
    with qtbot.waitSignal(dialog.sig_saved, timeout=WAIT):
        _key(qtbot, Qt.Key.Key_Return, CTRL)
        dialog.save()  # Ctrl+Enter again while the first save is on its way: saved once
    station.shell.workers.wait()
    [row] = _admissions(station, ward.zhang_san)
    assert (row["total"], row["risk"]) == (None, None)
    assert json.loads(row["items"]) == {
        "arrived_by": "wheelchair", "orientation": "confused", "communication": "normal",
        "mobility": "needs_help", "diet": "diabetic", "continence": "continent",
        "skin": "pressure_injury", "pain": "6", "lines_and_devices": "IV cannula left forearm",
        "belongings": "glasses, dentures",
    }  # fmt: skip
    summary = station.view.chart.summary  # the chart reloads: the Summary tab shows it
    qtbot.waitUntil(lambda: "Admission nursing assessment" in summary.toPlainText(), timeout=WAIT)
    text = summary.toPlainText()
    for line in ("Arrived by: wheelchair", "Skin: pressure injury", "Pain (0-10): 6/10",
                 "Lines and devices: IV cannula left forearm"):  # fmt: skip
        assert line in text
    with station.workstation.store.reading() as conn:  # the handoff reads the lines from it
        handoff = summarise(nursing_chart(conn, ward.zhang_san), now=utc_now())
    assert "IV cannula left forearm" in repr(handoff)

"""Helpers of the nurse's form tests: wait for the first sync, open a patient's chart."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.ui.helpers import LOGIN_SECONDS_MS
from workstation.projections import tables as pt


def in_replica(station, patient_id: str) -> bool:  # noqa: ANN001
    """Whether the station's replica holds the patient yet."""
    p = pt.patients.c
    with station.workstation.store.reading() as conn:
        found = conn.execute(select(p.patient_id).where(p.patient_id == patient_id)).first()
    return found is not None


def open_chart(qtbot: QtBot, station, patient_id: str) -> None:  # noqa: ANN001
    """Open the patient's chart once the first sync has brought them."""
    qtbot.waitUntil(lambda: in_replica(station, patient_id), timeout=LOGIN_SECONDS_MS)
    with qtbot.waitSignal(station.shell.chart.sig_chart_opened, timeout=LOGIN_SECONDS_MS):
        station.shell.chart.open(patient_id)

"""The ward census's charts are read ahead while the station is idle: the next opening reads
none of the patient's rows, a clinician's opening goes before the reads still waiting, nothing
is audited, and locking empties the cache and stops the reading."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import event, select

from offline_cache.tables import audit_outbox
from offline_cache.workstation import Workstation
from tests.support.station import doctor_station
from tests.support.ward import admission, amoxicillin_order, vitals
from tests.ui.flows import log_in, wait_for_census
from tests.ui.helpers import LOGIN_SECONDS_MS
from ui.idle import IdleWatcher
from ui.screens.chart import warming
from ui.screens.chart.controller import ChartController
from ui.screens.chart.view import ChartView
from ui.workers import Workers
from workstation.ids import uuid7
from workstation.projections import tables as pt

WARD = 4  # patients on the census


@pytest.fixture
def ws(tmp_path: Path, test_keyring: Any) -> Iterator[Workstation]:
    with doctor_station(tmp_path) as station:
        yield station


@pytest.fixture
def ward(ws: Workstation) -> list[str]:
    patients = []
    for bed in range(1, WARD + 1):
        payload = admission(f"病人{bed}", f"{bed:02d}", record_number=f"H00000{bed:02d}")
        patient = ws.record("PatientAdmitted", patient_id=uuid7(), payload=payload).patient_id
        assert patient is not None
        ws.record("OrderPlaced", patient_id=patient, payload=amoxicillin_order())
        ws.record("VitalsRecorded", patient_id=patient, payload=vitals(pulse=80 + bed))
        patients.append(patient)
    return patients


@pytest.fixture
def chart(
    qtbot: QtBot, ws: Workstation, monkeypatch: pytest.MonkeyPatch
) -> Iterator[ChartController]:
    monkeypatch.setattr(warming, "IDLE_MS", 50)
    view = ChartView()
    qtbot.addWidget(view)
    controller = ChartController(view, ws, Workers("work", view), view)
    yield controller
    controller.workers.wait()


def _statements(ws: Workstation) -> list[str]:
    """Every statement the replica runs from now on."""
    seen: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(ws.store.engine, "before_cursor_execute", note)
    return seen


def _warm(qtbot: QtBot, chart: ChartController, patients: list[str]) -> None:
    read: list[str] = []
    chart.warmer.sig_read_ahead.connect(read.append)
    chart.warmer.warm(patients)
    qtbot.waitUntil(lambda: read == patients, timeout=10_000)


def _chart_opened_audits(ws: Workstation) -> list[str | None]:
    with ws.store.reading() as conn:
        return list(
            conn.execute(
                select(audit_outbox.c.patient_id).where(audit_outbox.c.action == "chart_opened")
            ).scalars()
        )


def test_warming_fills_the_cache_and_the_opening_reads_no_row_of_the_patient_again(
    qtbot: QtBot, ws: Workstation, ward: list[str], chart: ChartController
) -> None:
    _warm(qtbot, chart, ward)
    assert sorted(ws.store.chart_cache.kept_patients()) == sorted(ward)
    assert _chart_opened_audits(ws) == []  # nothing was opened: no read audit row
    statements = _statements(ws)
    with qtbot.waitSignal(chart.sig_chart_opened, timeout=10_000):
        chart.open(ward[2])
    assert any("FROM patient_changes" in s for s in statements)  # the token, read again
    own = [f"FROM {t.name}" for t in (pt.orders, pt.vitals, pt.notes, pt.allergies, pt.problems)]
    assert not [s for s in statements if any(table in s for table in own)]
    assert chart.chart is not None and chart.chart["vitals"][0]["pulse_bpm"] == 83
    assert _chart_opened_audits(ws) == [ward[2]]  # the opening itself is audited


def test_an_unchanged_chart_is_not_read_again_and_a_changed_one_is(
    qtbot: QtBot, ws: Workstation, ward: list[str], chart: ChartController
) -> None:
    _warm(qtbot, chart, ward)
    ws.record("VitalsRecorded", patient_id=ward[1], payload=vitals(pulse=140))
    statements = _statements(ws)
    _warm(qtbot, chart, ward)
    assert len([s for s in statements if "FROM vitals" in s]) == len(["the changed patient's"])
    with qtbot.waitSignal(chart.sig_chart_opened, timeout=10_000):
        chart.open(ward[1])
    assert chart.chart is not None and chart.chart["vitals"][0]["pulse_bpm"] == 140


def test_a_clinicians_opening_goes_before_the_reads_still_waiting(
    qtbot: QtBot, ws: Workstation, ward: list[str], chart: ChartController
) -> None:
    happened: list[str] = []
    chart.warmer.sig_read_ahead.connect(lambda p: happened.append(f"read {p}"))
    chart.sig_chart_opened.connect(lambda p: happened.append(f"opened {p}"))
    chart.warmer.warm(ward)
    qtbot.waitUntil(lambda: bool(happened), timeout=10_000)  # the first read is done
    asked = len(happened)  # waitUntil polls: a second read may have finished meanwhile
    chart.open(ward[3])
    qtbot.waitUntil(lambda: f"opened {ward[3]}" in happened, timeout=10_000)
    # at most the read under way when the clinician asked finished before the opening
    assert happened.index(f"opened {ward[3]}") <= asked + 1, (asked, happened)
    assert asked < WARD, "every read was over before the opening was asked: nothing tested"
    qtbot.waitUntil(lambda: len(happened) == WARD + 1, timeout=10_000)  # the rest follow
    assert f"read {ward[3]}" in happened  # kept unchanged since its opening: skipped quickly


def test_a_patient_leaving_the_census_is_dropped(
    qtbot: QtBot, ws: Workstation, ward: list[str], chart: ChartController
) -> None:
    _warm(qtbot, chart, ward)
    _warm(qtbot, chart, ward[:-1])  # the last bed was discharged or transferred
    assert sorted(ws.store.chart_cache.kept_patients()) == sorted(ward[:-1])


def test_lock_empties_the_cache_and_stops_warming(
    qtbot: QtBot, ws: Workstation, ward: list[str], chart: ChartController
) -> None:
    read: list[str] = []
    chart.warmer.sig_read_ahead.connect(read.append)
    chart.warmer.warm(ward)
    qtbot.waitUntil(lambda: bool(read), timeout=10_000)
    chart.clear(forget=False)  # the screen locks
    qtbot.wait(warming.IDLE_MS + 2 * warming.BUSY_RETRY_MS)
    chart.workers.wait()
    qtbot.wait(50)  # the answer of the read under way, if any
    assert ws.store.chart_cache.kept_patients() == []
    assert len(read) <= 2  # the one under way when it locked, at most; then none
    assert _chart_opened_audits(ws) == []


def test_the_shell_reads_the_census_charts_ahead_after_login_and_forgets_them_on_lock(
    qtbot: QtBot,
    open_station,  # noqa: ANN001
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(warming, "IDLE_MS", 50)
    station = open_station()
    log_in(qtbot, station)
    wait_for_census(qtbot, station)
    census = {p["patient_id"] for p in station.view.census_model.patients}
    cache = station.workstation.store.chart_cache
    qtbot.waitUntil(lambda: set(cache.kept_patients()) == census, timeout=LOGIN_SECONDS_MS)
    station.shell.lock()
    assert cache.kept_patients() == []
    assert station.shell.chart.warmer.waiting == []


def test_no_chart_is_read_ahead_while_the_user_is_typing_or_scanning(
    qtbot: QtBot, ws: Workstation, ward: list[str], chart: ChartController, qapp: Any
) -> None:
    idle = IdleWatcher(60_000)
    qapp.installEventFilter(idle)
    try:
        idle.start()
        chart.warmer.quiet_ms = idle.quiet_ms
        read: list[str] = []
        chart.warmer.sig_read_ahead.connect(read.append)
        chart.warmer.warm(ward)
        for _ in range(20):  # a key every 200 ms: never quiet for QUIET_MS
            qtbot.keyClick(chart.view, Qt.Key.Key_Shift)
            qtbot.wait(200)
        assert read == []
        qtbot.waitUntil(lambda: read == ward, timeout=10_000)  # quiet again: read ahead
    finally:
        qapp.removeEventFilter(idle)

"""A long chart opens with its newest rows; older ones come by keyboard or by scrolling."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot
from sqlalchemy import insert

from offline_cache.session import Session
from offline_cache.workstation import Workstation
from tests.ui.helpers import OFFLINE_PATIENT as PATIENT
from tests.ui.helpers import chart_screen, offline_station
from ui.screens.chart.tasks import OLDER_PAGE_ROWS
from workstation.projections import queries
from workstation.projections import tables as pt

VITALS = queries.RECENT_ROWS + OLDER_PAGE_ROWS + 30


@pytest.fixture
def station(tmp_path: Path, test_keyring: object) -> Iterator[Workstation]:
    session = Session("doc", "doc", "Dr Doc", "physician", ("W1",), True, False)
    ws = offline_station(tmp_path / "station", session)
    with ws.store.writing() as conn:
        conn.execute(insert(pt.vitals), [
            {"vitals_id": f"v{n:04d}", "patient_id": PATIENT, "recorded_by": "rn",
             "taken_at": f"2024-01-{1 + n // 24:02d}T{n % 24:02d}:00:00.000Z", "pulse_bpm": 70}
            for n in range(VITALS)
        ])  # fmt: skip
    yield ws
    ws.close()


def test_older_vitals_by_alt_l_then_by_scrolling_to_the_end(qtbot: QtBot, station) -> None:  # noqa: ANN001
    view, chart, workers = chart_screen(qtbot, station)
    vitals = view.models["vitals"]
    assert vitals.rowCount() == queries.RECENT_ROWS
    assert vitals.rows[0]["vitals_id"] == f"v{VITALS - 1:04d}"  # newest first
    view.tabs.setCurrentIndex(4)
    assert view.older.isVisible()
    with qtbot.waitSignal(chart.sig_older_rows_loaded, timeout=10_000):
        qtbot.keyClick(view.tabs.currentWidget(), Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    assert vitals.rowCount() == queries.RECENT_ROWS + OLDER_PAGE_ROWS
    table = view.findChild(QTableView, "vitalsTable")
    assert isinstance(table, QTableView)
    with qtbot.waitSignal(chart.sig_older_rows_loaded, timeout=10_000):
        table.scrollToBottom()
    assert vitals.rowCount() == VITALS and vitals.rows[-1]["vitals_id"] == "v0000"
    assert not view.older.isVisible()  # nothing older left
    workers.wait()


def test_a_chart_opened_again_shows_a_row_written_since_and_lock_forgets_kept_charts(
    qtbot: QtBot,
    station,  # noqa: ANN001
) -> None:
    view, chart, workers = chart_screen(qtbot, station)
    assert PATIENT in station.store.chart_cache._kept
    with station.store.writing() as conn:  # a row written straight into the table: no event
        conn.execute(insert(pt.vitals), [{"vitals_id": "v9999", "patient_id": PATIENT,
                                          "recorded_by": "rn", "taken_at": "2025-01-01T00:00:00.000Z",
                                          "pulse_bpm": 140}])  # fmt: skip
    with qtbot.waitSignal(chart.sig_chart_opened, timeout=10_000):
        chart.reload()
    assert view.models["vitals"].rows[0]["vitals_id"] == "v9999"
    chart.clear(forget=False)  # the screen locks
    assert not station.store.chart_cache._kept
    workers.wait()

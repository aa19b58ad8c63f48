"""The census heading names the ward as the server publishes it, not by its code."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.ui.flows import log_in, wait_for_census
from tests.ui.helpers import LOGIN_SECONDS_MS


def test_the_census_heading_names_the_ward(qtbot: QtBot, open_station) -> None:  # noqa: ANN001
    station = open_station()
    log_in(qtbot, station)
    wait_for_census(qtbot, station)
    heading = station.view.census.heading
    qtbot.waitUntil(lambda: "Cardiology" in heading.text(), timeout=LOGIN_SECONDS_MS)
    assert heading.text() == "Ward Cardiology · 2 patients"

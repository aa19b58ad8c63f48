"""The census heading, the status bar and the patient banner name the ward as the server
publishes it, not by its code."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.ui.flows import log_in, open_by_search, wait_for_census
from tests.ui.helpers import LOGIN_SECONDS_MS


def test_the_census_heading_names_the_ward(qtbot: QtBot, open_station) -> None:  # noqa: ANN001
    station = open_station()
    log_in(qtbot, station)
    wait_for_census(qtbot, station)
    heading = station.view.census.heading
    qtbot.waitUntil(lambda: "Cardiology" in heading.text(), timeout=LOGIN_SECONDS_MS)
    assert heading.text() == "Ward Cardiology · 2 patients"
    status = station.view.status.ward
    qtbot.waitUntil(lambda: status.text() == "Ward: Cardiology", timeout=LOGIN_SECONDS_MS)
    open_by_search(qtbot, station, "zs")
    banner = station.view.chart.banner
    qtbot.waitUntil(
        lambda: "Ward Cardiology bed 1" in banner.details.text(), timeout=LOGIN_SECONDS_MS
    )

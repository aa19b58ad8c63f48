"""The managers' dashboard page: the medical affairs office lands on it after login (it reads no
chart), chooses between the whole hospital and each ward, every tab is filled from the server for
that scope, and Ctrl+E saves every tab's tables to one Excel file only its owner can read."""

from __future__ import annotations

import stat
from typing import Any

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.flows import CTRL, log_in
from tests.ui.helpers import LOGIN_SECONDS_MS
from tests.ui.ward import PASSWORD
from ui.screens.dashboard import controller
from ui.screens.dashboard.tab import DashboardTab
from workstation.reports.xlsx import Sheet
from workstation.server import auth, refdata
from workstation.server.db import make_engine, writer

WAIT = LOGIN_SECONDS_MS


class WardsTab(DashboardTab):
    """A tab filled from /manage/scope: the wards the server lets this manager read."""

    path = "/manage/scope"

    def __init__(self) -> None:
        super().__init__()
        self.wards: list[str] = []

    def title(self) -> str:
        return "wards"

    def show_data(self, data: dict[str, Any]) -> None:
        self.wards = [w["ward_id"] for w in data["wards"]]

    def sheets(self) -> list[Sheet]:
        return [Sheet("wards", ["ward"], [[w] for w in self.wards])]

    def clear(self) -> None:
        self.wards = []


def test_medical_affairs_lands_on_the_dashboard_and_exports_it(
    qtbot: QtBot, open_station, ward_server, monkeypatch, tmp_path
) -> None:  # noqa: ANN001
    _server, ward = ward_server
    with writer(make_engine(ward.database_url)) as conn:
        auth.add_user(conn, username="office", password=PASSWORD, display_name="Office Xu",
                      role="medical_affairs", wards=[])  # fmt: skip
        refdata.publish_directory(conn)
    monkeypatch.setattr(controller, "TABS", [WardsTab])
    station = open_station()
    dashboard = station.shell.dashboard
    with qtbot.waitSignal(dashboard.sig_loaded, timeout=WAIT):
        log_in(qtbot, station, "office")
    assert station.shell.view.pages.currentWidget() is dashboard.view
    assert station.view.status.ward.text() == ""  # on no ward: no raw ward code in the status bar
    scopes = [dashboard.view.scope.itemData(i) for i in range(dashboard.view.scope.count())]
    assert scopes[0] is None and len(scopes) > 1  # the whole hospital, then each ward
    tab = dashboard.view.pages[0]
    qtbot.waitUntil(lambda: tab.wards == scopes[1:], timeout=WAIT)
    dashboard.export_dir = tmp_path / "exports"  # not the user's folder
    with qtbot.waitSignal(dashboard.sig_exported, timeout=WAIT) as exported:
        qtbot.keyClick(dashboard.view.tabs, Qt.Key.Key_E, CTRL)
    path = exported.args[0]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    rows = list(load_workbook(path)["wards"].iter_rows(values_only=True))
    assert rows == [("ward",), *[(w,) for w in scopes[1:]]]
    station.shell.lock()
    assert dashboard.view.scope.count() == 0 and tab.wards == []

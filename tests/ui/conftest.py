"""UI fixtures: a real server embedded on loopback over a small ward, and the shell on a station."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from offline_cache.station_config import StationConfig
from offline_cache.workstation import Workstation
from tests.ui.ward import WARD, SmallWard, create_server_database, seed_patients
from ui.i18n import compile_translation
from ui.screens.settings.controller import SettingsController
from ui.screens.shell.controller import ShellController
from ui.screens.shell.view import ShellView
from ui.settings import StationSettings, save_settings, settings_path
from ui.workers import Workers
from workstation.server.embedded import EmbeddedServer


@pytest.fixture
def ward_server(tmp_path: Path) -> Iterator[tuple[EmbeddedServer, SmallWard]]:
    """The server running in this process over a new database holding the small ward."""
    url = create_server_database(tmp_path)
    server = EmbeddedServer(url).start()
    zhang, li = seed_patients(tmp_path, server.url)
    yield server, SmallWard(url, zhang, li)
    server.stop()


@dataclass
class Station:
    """One running shell: its window, controller and workstation."""

    view: ShellView
    shell: ShellController
    workstation: Workstation


@pytest.fixture
def open_station(
    qtbot: QtBot, tmp_path: Path, ward_server: tuple[EmbeddedServer, SmallWard]
) -> Iterator:
    """Opens shells on the station folder (the same replica each time, as after a restart)."""
    server, _ward = ward_server
    opened: list[Station] = []

    def make(*, idle_minutes: int = 5, station_config: StationConfig | None = None) -> Station:
        station_dir = tmp_path / "station"
        settings = StationSettings(
            server_url=server.url, ward_id=WARD, idle_minutes=idle_minutes, language="en"
        )
        save_settings(settings_path(station_dir), settings)
        ws = Workstation.open(
            station_dir, server_url=server.url, ward_id=WARD, attempts=2, base_delay=0.01
        )
        view = ShellView()
        qtbot.addWidget(view)
        controller = SettingsController(
            settings_path(station_dir), settings, view, station=station_config
        )
        shell = ShellController(view, ws, controller, workers=Workers("work", view),
                                sync_workers=Workers("sync", view), parent=view)  # fmt: skip
        shell.start()
        view.show()
        qtbot.waitExposed(view)
        station = Station(view, shell, ws)
        opened.append(station)
        return station

    yield make
    for station in opened:
        station.shell.shut_down()
        station.workstation.close()


@pytest.fixture
def chinese(qapp: QApplication, tmp_path: Path) -> Iterator[None]:
    """Our zh_CN translation installed for the test (built from the .ts, as at start-up)."""
    compiled = compile_translation("zh_CN", tmp_path)
    assert compiled is not None
    translator = QTranslator()
    assert translator.load(str(compiled))
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)

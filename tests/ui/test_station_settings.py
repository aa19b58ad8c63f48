"""Finding 10: Settings that change where data goes need an admin, and the hospital's station
config caps the idle lock for everyone."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from offline_cache.station_config import StationConfig, StationConfigError, load_station_config
from tests.ui.flows import CTRL, log_in
from tests.ui.helpers import LOGIN_SECONDS_MS
from tests.ui.ward import NURSE, PASSWORD, WARD
from ui.screens.settings.view import SettingsView
from ui.settings import load_settings, settings_path
from workstation.server import auth
from workstation.server.db import make_engine, writer

ADMIN = "admin1"


def _add_admin(database_url: str) -> None:
    engine = make_engine(database_url)
    with writer(engine) as conn:
        auth.add_user(conn, username=ADMIN, password=PASSWORD, display_name="Admin Qian",
                      role="admin", wards=[WARD])  # fmt: skip
    engine.dispose()


def _open_settings(qtbot: QtBot, station) -> SettingsView:  # noqa: ANN001
    station.view.activateWindow()  # a window left by an earlier test may hold the focus
    qtbot.waitUntil(lambda: QApplication.activeWindow() is station.view, timeout=LOGIN_SECONDS_MS)
    focus = QApplication.focusWidget()
    target = focus if focus is not None and station.view.isAncestorOf(focus) else station.view
    qtbot.keyClick(target, ",", CTRL)  # Ctrl+, where the focus is
    qtbot.waitUntil(
        lambda: any(v.isVisible() for v in station.view.findChildren(SettingsView)),
        timeout=LOGIN_SECONDS_MS,
    )
    return next(v for v in station.view.findChildren(SettingsView) if v.isVisible())


def _type_and_save(qtbot: QtBot, form: SettingsView, server: str, minutes: str) -> None:
    form.server_url.setFocus()
    qtbot.keyClick(form.server_url, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(form.server_url, server)
    form.idle_minutes.setFocus()
    qtbot.keyClick(form.idle_minutes, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(form.idle_minutes, minutes)
    with qtbot.waitSignal(form.accepted):
        qtbot.keyClick(form.idle_minutes, Qt.Key.Key_Return)


@pytest.mark.parametrize("who", [None, NURSE])
def test_before_login_or_for_a_non_admin_server_and_ward_are_read_only(
    qtbot: QtBot, open_station, tmp_path: Path, who: str | None
) -> None:  # noqa: ANN001
    station = open_station(idle_minutes=5)
    if who is not None:
        log_in(qtbot, station, who)
    before = load_settings(settings_path(tmp_path / "station"))
    form = _open_settings(qtbot, station)
    assert form.server_url.isReadOnly() and form.ward_id.isReadOnly()
    assert form.idle_minutes.maximum() == 5 and form.admin_note.isVisible()
    _type_and_save(qtbot, form, "http://attacker.example:80", "240")
    after = load_settings(settings_path(tmp_path / "station"))
    assert after.server_url == before.server_url and after.ward_id == before.ward_id
    assert after.idle_minutes <= 5 and station.shell.idle.timer.interval() <= 5 * 60_000


def test_a_non_admin_may_shorten_the_idle_lock(qtbot: QtBot, open_station, tmp_path: Path) -> None:  # noqa: ANN001
    station = open_station(idle_minutes=5)
    log_in(qtbot, station, NURSE)
    _type_and_save(qtbot, _open_settings(qtbot, station), "", "2")
    assert load_settings(settings_path(tmp_path / "station")).idle_minutes == 2
    assert station.shell.idle.timer.interval() == 2 * 60_000


def test_an_admin_changes_the_server_and_lengthens_the_lock_up_to_the_hospital_maximum(
    qtbot: QtBot, open_station, ward_server, tmp_path: Path
) -> None:  # noqa: ANN001
    _server, ward = ward_server
    _add_admin(ward.database_url)
    station = open_station(idle_minutes=5, station_config=StationConfig(idle_lock_max_minutes=20))
    log_in(qtbot, station, ADMIN)
    form = _open_settings(qtbot, station)
    assert not form.server_url.isReadOnly() and not form.ward_id.isReadOnly()
    assert form.idle_minutes.maximum() == 20 and not form.admin_note.isVisible()
    _type_and_save(qtbot, form, "https://ward-server.example:8765", "240")
    saved = load_settings(settings_path(tmp_path / "station"))
    assert saved.server_url == "https://ward-server.example:8765" and saved.idle_minutes == 20


def test_the_station_config_caps_the_idle_lock_and_fixes_the_server(
    qtbot: QtBot, open_station, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # noqa: ANN001
    config = tmp_path / "station.toml"
    config.write_text(
        'servers = ["https://a.example:8765", "https://b.example:8765"]\nward = "W1"\n'
        'ca_file = "/etc/ca.pem"\nidle_lock_max_minutes = 10\n'
    )
    monkeypatch.setenv("CW_STATION_CONFIG", str(config))
    hospital = load_station_config()
    assert hospital.servers == ("https://a.example:8765", "https://b.example:8765")
    assert hospital.ca_file == Path("/etc/ca.pem") and hospital.ward == "W1"
    station = open_station(idle_minutes=240, station_config=hospital)  # the user's file says 240
    assert station.shell.idle.timer.interval() == 10 * 60_000
    # both addresses, in the hospital's order: the link fails over from the first to the second
    assert (
        station.shell.settings.settings.server_url
        == "https://a.example:8765 https://b.example:8765"
    )


@pytest.mark.parametrize(
    "text",
    [
        "idle_lock_max_minutes = 0\n",
        "idle_lock_max_minutes = 999\n",
        'servers = "x"\n',
        "not toml =",
    ],
)
def test_a_broken_station_config_is_refused_not_ignored(tmp_path: Path, text: str) -> None:
    (tmp_path / "station.toml").write_text(text)
    with pytest.raises(StationConfigError, match="station config"):
        load_station_config(tmp_path / "station.toml")


def test_no_station_config_gives_the_default_maximum(tmp_path: Path) -> None:
    assert load_station_config(tmp_path / "absent.toml") == StationConfig()

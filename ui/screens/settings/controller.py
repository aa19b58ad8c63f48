"""Opens the settings form, saves what was chosen and applies what can change at once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from offline_cache.station_config import StationConfig
from ui.screens.settings.view import SettingsView
from ui.settings import StationSettings, permitted, save_settings, within_station_config


class SettingsController(QObject):
    """Keeps the station's settings (within the hospital's station config); sig_settings_changed
    carries the new ones after Save."""

    sig_settings_changed = Signal(object)

    def __init__(self, path: Path, settings: StationSettings, parent: QObject | None = None, *,
                 station: StationConfig | None = None):  # fmt: skip
        super().__init__(parent)
        self.station = station or StationConfig()
        self.path, self.settings = path, within_station_config(settings, self.station)

    def edit(self, parent: QWidget | None, *, admin: bool = False) -> SettingsView:
        """Show the form (modal to the window, not blocking the event loop); `admin` when an
        administrator is logged in and the screen is not locked."""
        view = SettingsView(self.settings, parent, admin=admin, station=self.station)
        view.accepted.connect(lambda: self._save(view.chosen(), admin=admin))
        view.open()
        return view

    def _save(self, chosen: StationSettings, *, admin: bool) -> None:
        chosen = permitted(self.settings, chosen, admin=admin, station=self.station)
        save_settings(self.path, chosen)
        self.settings = chosen
        self.sig_settings_changed.emit(chosen)

"""Opens the settings form, saves what was chosen and applies what can change at once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from ui.screens.settings.view import SettingsView
from ui.settings import StationSettings, save_settings


class SettingsController(QObject):
    """Keeps the station's settings; sig_settings_changed carries the new ones after Save."""

    sig_settings_changed = Signal(object)

    def __init__(self, path: Path, settings: StationSettings, parent: QObject | None = None):
        super().__init__(parent)
        self.path, self.settings = path, settings

    def edit(self, parent: QWidget | None) -> SettingsView:
        """Show the form (modal to the window, not blocking the event loop)."""
        view = SettingsView(self.settings, parent)
        view.accepted.connect(lambda: self._save(view.chosen()))
        view.open()
        return view

    def _save(self, chosen: StationSettings) -> None:
        save_settings(self.path, chosen)
        self.settings = chosen
        self.sig_settings_changed.emit(chosen)

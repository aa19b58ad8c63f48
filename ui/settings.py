"""Per-station settings (server address, ward, idle lock, language, theme) in an INI file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings

DEFAULT_IDLE_MINUTES = 5
LANGUAGES = ("zh_CN", "en")
THEMES = ("default", "high-contrast", "large-font")


@dataclass
class StationSettings:
    """What this PC is set up for; saved beside its local data."""

    server_url: str = ""
    ward_id: str = ""
    idle_minutes: int = DEFAULT_IDLE_MINUTES
    language: str = "zh_CN"
    theme: str = "default"


def settings_path(data_dir: Path) -> Path:
    """The station's settings file inside its data folder."""
    return Path(data_dir) / "station.ini"


def load_settings(path: Path) -> StationSettings:
    """Read the settings, with defaults for anything missing or out of range."""
    store = QSettings(str(path), QSettings.Format.IniFormat)
    defaults = StationSettings()
    try:
        idle = int(store.value("idle_minutes", defaults.idle_minutes))
    except (TypeError, ValueError):
        idle = defaults.idle_minutes
    language = str(store.value("language", defaults.language))
    theme = str(store.value("theme", defaults.theme))
    return StationSettings(
        server_url=str(store.value("server_url", "")),
        ward_id=str(store.value("ward_id", "")),
        idle_minutes=idle if 1 <= idle <= 240 else defaults.idle_minutes,
        language=language if language in LANGUAGES else defaults.language,
        theme=theme if theme in THEMES else defaults.theme,
    )


def save_settings(path: Path, settings: StationSettings) -> None:
    """Write the settings file now."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    store = QSettings(str(path), QSettings.Format.IniFormat)
    for key, value in vars(settings).items():
        store.setValue(key, value)
    store.sync()

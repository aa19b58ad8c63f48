"""Per-station settings (server address, ward, idle lock, language, theme) in an INI file."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QSettings

from offline_cache.station_config import StationConfig

DEFAULT_IDLE_MINUTES = 5
LANGUAGES = ("zh_CN", "en")
THEMES = ("default", "dark", "high-contrast", "large-font")  # ui/tokens.py THEMES


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


def within_station_config(settings: StationSettings, station: StationConfig) -> StationSettings:
    """The settings in force: the hospital's station config wins over the station's own file
    (its server and ward, and the idle lock never longer than its maximum)."""
    return replace(
        settings,
        server_url=station.server_url or settings.server_url,
        ward_id=station.ward or settings.ward_id,
        idle_minutes=station.capped_idle_minutes(settings.idle_minutes),
    )


def permitted(previous: StationSettings, chosen: StationSettings, *, admin: bool,
              station: StationConfig) -> StationSettings:  # fmt: skip
    """What may be saved of what the form holds: only an admin changes where data goes (server,
    ward) or lengthens the idle lock; anyone may shorten it and choose language and theme. The
    station config's fields and maximum hold for everyone."""
    if not admin:
        chosen = replace(
            chosen, server_url=previous.server_url, ward_id=previous.ward_id,
            idle_minutes=min(chosen.idle_minutes, previous.idle_minutes),
        )  # fmt: skip
    return within_station_config(chosen, station)

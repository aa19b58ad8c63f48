"""Where the program keeps its files: the platform's per-user data folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

APP_NAME = "clinical-workstation"


def user_data_dir() -> Path:
    """e.g. ~/.local/share/clinical-workstation on Linux, %APPDATA%/clinical-workstation on Windows."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
    return Path(base) / APP_NAME


def default_station_dir() -> Path:
    """The station's own data folder (replica, settings)."""
    return user_data_dir() / "station"


def default_demo_dir() -> Path:
    """The demo's folder: its server database, its passwords file and its station."""
    return user_data_dir() / "demo"

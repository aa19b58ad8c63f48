"""The workstation's log file. Log records name events, patients and users by id only:
no names, no payloads, no free text from the chart (PIPL: no PHI in plain files)."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOGGER_NAME = "clinical_workstation"


def configure(data_dir: Path) -> Path:
    """Send the workstation's log to data_dir/logs/workstation.log (rotated); returns the path."""
    folder = Path(data_dir) / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "workstation.log"
    logger = logging.getLogger(LOGGER_NAME)
    if not any(
        isinstance(h, RotatingFileHandler) and Path(h.baseFilename) == path for h in logger.handlers
    ):
        handler = RotatingFileHandler(path, maxBytes=5_000_000, backupCount=5, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return path


def get(name: str) -> logging.Logger:
    """A child logger of the workstation's log."""
    return logging.getLogger(f"{LOGGER_NAME}.{name}")

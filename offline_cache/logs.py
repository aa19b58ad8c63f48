"""The workstation's log file. Log records name events, patients and users by id only:
no names, no payloads, no free text from the chart (PIPL: no PHI in plain files)."""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass, field
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOGGER_NAME = "clinical_workstation"

_lock = threading.Lock()
# One handler per log file, shared by every open workstation writing to it, with its user count.
_handlers: dict[Path, tuple[RotatingFileHandler, int]] = {}


@dataclass
class LogFile:
    """A workstation's hold on its log file; release it when the workstation closes."""

    path: Path
    released: bool = field(default=False, init=False)

    def release(self) -> None:
        """Stop writing to this file once no open workstation uses it (a second call does nothing).

        A handler left behind would outlive its folder (a test's temporary one, say) and fail
        on every later record."""
        if self.released:
            return
        self.released = True
        with _lock:
            handler, users = _handlers[self.path]
            if users > 1:
                _handlers[self.path] = (handler, users - 1)
                return
            del _handlers[self.path]
        logging.getLogger(LOGGER_NAME).removeHandler(handler)
        handler.close()


def configure(data_dir: Path) -> LogFile:
    """Send the workstation's log to data_dir/logs/workstation.log (rotated).

    Workstations open on the same folder share one handler, so nothing is logged twice."""
    path = Path(
        os.path.abspath(Path(data_dir) / "logs" / "workstation.log")
    )  # as the handler has it
    logger = logging.getLogger(LOGGER_NAME)
    with _lock:
        handler, users = _handlers.get(path, (None, 0))
        if handler is None:
            path.parent.mkdir(parents=True, exist_ok=True)
            handler = RotatingFileHandler(path, maxBytes=5_000_000, backupCount=5, encoding="utf-8")
            handler.setFormatter(
                logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
            )
            logger.addHandler(handler)
        _handlers[path] = (handler, users + 1)
    logger.setLevel(logging.INFO)
    return LogFile(path)


def get(name: str) -> logging.Logger:
    """A child logger of the workstation's log."""
    return logging.getLogger(f"{LOGGER_NAME}.{name}")

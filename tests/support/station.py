"""A ward station opened on a throwaway replica with a doctor of CARD signed in (no server)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from offline_cache.session import Session
from offline_cache.workstation import Workstation


@contextmanager
def doctor_station(folder: Path) -> Iterator[Workstation]:
    """The station in `folder`, doctor-1 of CARD signed in; closed on leaving."""
    station = Workstation.open(folder / "station", ward_id="CARD")
    station.sessions.current = Session(
        "doctor-1", "doctor", "Dr Test", "physician", ("CARD",), True, False
    )
    try:
        yield station
    finally:
        station.close()

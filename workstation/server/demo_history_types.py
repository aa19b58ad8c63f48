"""The demo's weeks of past stays, as the dashboards' demo history is made of them: a `Stay` per
historical admission, and the makers that add each dashboard's events (notes, checks, scans,
doses...) to a stay. The stays' generator calls every maker of STAY_EVENT_MAKERS for each stay."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from workstation.server.auth import User
from workstation.server.demo_events import DemoLog


@dataclass(frozen=True, slots=True)
class Stay:
    """One past admission of the demo history: who, where, from when to when (None: still in),
    the transfers (when, to which ward), the attending doctor and the nurses who cared."""

    patient_id: str
    mrn: str
    ward_id: str
    bed: str
    admitted_at: datetime
    discharged_at: datetime | None
    attending_id: str
    nurse_ids: tuple[str, ...]
    transfers: tuple[tuple[datetime, str], ...] = field(default_factory=tuple)


# A maker adds its events for one stay to the log; users by username.
StayEventMaker = Callable[[Stay, DemoLog, dict[str, User], random.Random], None]

STAY_EVENT_MAKERS: list[StayEventMaker] = []

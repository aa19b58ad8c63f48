"""The server's side of the ward reports: the handover census drafted from the stored events, and
the adverse-event register as one user may read it (server-enforced: a colleague never sees the
reporter of an anonymous report, the quality office always does)."""

from __future__ import annotations

from typing import Any

import orjson
from sqlalchemy import Connection, select

from workstation.clinical.ward_census import ShiftCensus, draft_census
from workstation.events.envelope import Event, event_from_wire
from workstation.projections.ward_queries import adverse_register
from workstation.server.auth import User
from workstation.server.models import events
from workstation.server.reads import event_rows_to_wire, scope_wards

CENSUS_TYPES = ("PatientAdmitted", "PatientTransferred", "PatientDischarged",
                "DemographicsUpdated", "FrontSheetSaved")  # fmt: skip


def census_events(conn: Connection, *, until: str | None = None) -> list[Event]:
    """The events the census is counted from, in server order."""
    statement = select(events).where(events.c.type.in_(CENSUS_TYPES)).order_by(events.c.server_seq)
    if until is not None:
        statement = statement.where(events.c.recorded_at < until)
    return [
        event_from_wire(orjson.loads(orjson.dumps(wire)))
        for wire in event_rows_to_wire(conn.execute(statement))
    ]


def draft_handover(conn: Connection, *, ward_id: str, start: str, end: str) -> ShiftCensus:
    """The census of one ward's shift [start, end) from the server's events."""
    return draft_census(census_events(conn), ward_id=ward_id, start=start, end=end)


def register_for(conn: Connection, *, user: User, device_id: str) -> list[dict[str, Any]]:
    """The adverse-event register of the wards this user reads on this device."""
    wards = scope_wards(conn, user, device_id)
    return adverse_register(conn, viewer_id=user.user_id, viewer_role=user.role, wards=wards)

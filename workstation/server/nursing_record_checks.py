"""The server's proof of a nursing-record correction: a row is corrected only by the nurse who
signed it, on the same patient's record, and only once (病历书写基本规范 2010 Art. 7: the
original stays readable and the correction carries its own time and signature). Other nurses
write a row of their own."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, select

from workstation.events.envelope import Event
from workstation.projections.nursing_record_tables import nursing_record_rows as r
from workstation.server.models import events


def _target(
    conn: Connection, target_id: str, batch: Iterable[Event]
) -> tuple[str, str, str] | None:
    """(type, author, patient) of the superseded event, from this push or the store."""
    for earlier in batch:
        if earlier.event_id == target_id:
            return earlier.type, earlier.author_id, earlier.patient_id or ""
    row = conn.execute(select(events.c.type, events.c.author_id, events.c.patient_id)
                       .where(events.c.event_id == target_id)).first()  # fmt: skip
    return (row.type, row.author_id, row.patient_id or "") if row else None


def _superseded_already(conn: Connection, target_id: str, batch: Iterable[Event]) -> bool:
    if any(e.type == "NursingRecordWritten" and e.payload.get("supersedes_id") == target_id
           for e in batch):  # fmt: skip
        return True
    found = conn.execute(select(r.c.superseded_by).where(r.c.row_id == target_id)).scalar()
    return found is not None


def correction_problem(conn: Connection, event: Event, accepted: list[Event]) -> str | None:
    """Why a nursing-record correction is refused, or None (also for every other event)."""
    if event.type != "NursingRecordWritten" or not event.payload.get("supersedes_id"):
        return None
    target_id = event.payload["supersedes_id"]
    target = _target(conn, target_id, accepted)
    if target is None:
        return None  # unknown here: the projection flags it for review (a fact is not refused)
    kind, author, patient = target
    if kind != "NursingRecordWritten":
        return "a nursing-record correction supersedes a nursing-record row only"
    if patient != (event.patient_id or ""):
        return "a correction must name the same patient as the row it supersedes"
    if author != event.author_id:
        return "only the nurse who signed a row may correct it (others write a row of their own)"
    if _superseded_already(conn, target_id, accepted):
        return "this row was already corrected: correct the correction"
    return None

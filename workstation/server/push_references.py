"""The earlier events a push's events name (the order an event verifies, completes or stops,
the note it amends or cosigns, the event it voids), read once per batch.

An event acts on the chart of the event it names, so it must name the same patient: else a
clinician could stop, verify or amend another ward's order or note from a chart she may write,
past the ward scope (the projections would only flag it, but the server would have recorded
it). A cosignature (上级医师审签, 病历书写基本规范 Art. 22) is a licensed doctor's, never the note
author's own, on a note that waits for one and has none yet (a second cosignature would
rewrite who signed). Only the author of an event may void it (on the same patient's chart).
The station's notes screen checks the same before it records a cosignature; the server
cannot take the station's word for it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, select

from workstation.events.envelope import Event
from workstation.events.vocabulary import referenced_event_ids
from workstation.projections import tables as pt
from workstation.server.auth import User
from workstation.server.models import events
from workstation.server.sync_reads import chunks

_TARGETS = select(events.c.event_id, events.c.patient_id, events.c.author_id).where(
    events.c.event_id.in_(bindparam("ids", expanding=True))
)
_NOTES = select(pt.notes.c.note_id, pt.notes.c.needs_cosign, pt.notes.c.cosigned_by).where(
    pt.notes.c.note_id.in_(bindparam("ids", expanding=True))
)
COSIGN = "NoteCosigned"


@dataclass(frozen=True, slots=True)
class Target:
    """What the checks read of a named event."""

    patient_id: str | None
    author_id: str


class References:
    """The named events of one batch: those the server holds, and those accepted in the batch."""

    def __init__(self, found: dict[str, Target], waiting: dict[str, bool] | None = None) -> None:
        self.found = found
        self.waiting = waiting or {}  # note_id -> it waits for a cosignature (none given yet)

    @classmethod
    def load(cls, conn: Connection, batch: list[Event]) -> References:
        """One read (per 500 ids) of every event the batch names; none when it names none."""
        named = sorted({ref for e in batch for ref in referenced_event_ids(e.type, e.payload)})
        found: dict[str, Target] = {}
        for chunk in chunks(named, 500):
            for row in conn.execute(_TARGETS, {"ids": chunk}):
                found[row.event_id] = Target(row.patient_id, row.author_id)
        asked = (e.payload.get("note_id") for e in batch if e.type == COSIGN)
        notes = sorted({note for note in asked if isinstance(note, str)})
        waiting: dict[str, bool] = {}
        for chunk in chunks(notes, 500):
            for row in conn.execute(_NOTES, {"ids": chunk}):
                waiting[row.note_id] = bool(row.needs_cosign) and row.cosigned_by is None
        return cls(found, waiting)

    def accept(self, event: Event) -> None:
        """An event accepted in this batch, for the events after it that name it."""
        self.found[event.event_id] = Target(event.patient_id, event.author_id)
        if event.type == "NoteSigned":
            self.waiting[event.event_id] = bool(event.payload.get("needs_cosign"))
        elif event.type == COSIGN:
            self.waiting[event.payload["note_id"]] = False

    def problem(self, event: Event, author: User) -> str | None:
        """Why the event may not name what it names, or None."""
        if event.type == "EventVoided":
            return self._void_problem(event)
        if event.type == COSIGN and not author.licensed:
            return "only a licensed physician may cosign a note"
        for ref in referenced_event_ids(event.type, event.payload):
            target = self.found.get(ref)
            if target is None:  # not (yet) on the server: the projection flags what it lacks
                continue
            if None not in (target.patient_id, event.patient_id) and (
                target.patient_id != event.patient_id
            ):
                return "it names an event on another patient's chart"
            if event.type == COSIGN and target.author_id == event.author_id:
                return "a note's author may not cosign their own note"
        if event.type == COSIGN and not self.waiting.get(event.payload["note_id"], True):
            return "this note waits for no cosignature (none needed, or already cosigned)"
        return None

    def _void_problem(self, event: Event) -> str | None:
        target = self.found.get(event.payload["target_event_id"])
        if target is None:
            return None
        if target.author_id != event.author_id:
            return "only the author of an event may void it"
        if target.patient_id is not None and target.patient_id != event.patient_id:
            return "a void must name the same patient as the event it voids"
        return None

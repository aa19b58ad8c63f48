"""How the HL7 inbound files a message: the message itself (hl7_messages, under MSH-4|MSH-10),
the hospital's identifiers, the results by LIS key, and the audit row of a held or rejected one.
All in the caller's write transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, update

from workstation.clock import now_iso
from workstation.hl7v2 import mapping
from workstation.hl7v2.message import MessageProblem, Received
from workstation.server import audit, hl7_identity
from workstation.server.audit import AuditEntry
from workstation.server.hl7_plan import Plan, patient_id_of
from workstation.server.models import hl7_messages, hl7_patient_ids, hl7_results

_STORED = select(hl7_messages).where(hl7_messages.c.message_key == bindparam("key"))


_FILE = insert(hl7_messages)
_FILE_ID = insert(hl7_patient_ids)
_KNOWN_RESULTS = select(hl7_results.c.result_key).where(
    hl7_results.c.result_key.in_(bindparam("keys", expanding=True))
)
_FILED = select(hl7_messages.c.message_key).where(
    hl7_messages.c.message_key.in_(bindparam("keys", expanding=True))
)
_HELD = select(hl7_messages.c.patient_key).where(
    hl7_messages.c.status == "held",
    hl7_messages.c.patient_key.in_(bindparam("keys", expanding=True)),
)


def stored(conn: Connection, key: str) -> Any:
    """The filed message under its key (MSH-4|MSH-10), or None."""
    return conn.execute(_STORED, {"key": key}).first()


def filed_keys(conn: Connection, keys: list[str]) -> set[str]:
    """Those of the keys (MSH-4|MSH-10) already filed: one read for a batch of messages."""
    return set(conn.execute(_FILED, {"keys": sorted(set(keys))}).scalars()) if keys else set()


def held_for(conn: Connection, keys: list[str]) -> set[str]:
    """Those of the patient keys that messages are held for: one read for a group's admissions."""
    return set(conn.execute(_HELD, {"keys": sorted(set(keys))}).scalars()) if keys else set()


@dataclass
class Rows:
    """The rows several messages file, written with one statement per table (Rows.write) instead
    of one per message: the messages, their new identifiers, their results by LIS key (a later
    message's result under the same key replaces an earlier one's, as one after the other)."""

    messages: list[dict[str, Any]] = field(default_factory=list)
    identifiers: list[dict[str, Any]] = field(default_factory=list)
    results: dict[str, tuple[str, str]] = field(default_factory=dict)  # key: (patient, event)

    def write(self, conn: Connection) -> None:
        """Write what was gathered (in the caller's transaction) and forget it."""
        if self.identifiers:
            conn.execute(_FILE_ID, self.identifiers)
        if self.results:
            _write_results(conn, self.results)
        if self.messages:
            conn.execute(_FILE, self.messages)
        self.messages, self.identifiers, self.results = [], [], {}


def patient_key(received: Received) -> str | None:
    """The patient identifier a message names, when it can be read."""
    try:
        return mapping.read(received).patient.key
    except MessageProblem:
        return None


@dataclass(frozen=True, slots=True)
class Filing:
    """How a message is filed in hl7_messages."""

    status: str
    ack: str
    reason: str | None
    error_field: str | None
    patient_key: str | None
    events: int


def file_message(conn: Connection, received: Received, filing: Filing, filed: bool,
                 rows: Rows | None = None) -> None:  # fmt: skip
    """File the message (`filed`: it is in the table already, held or rejected before); a new
    one is gathered in `rows` when given."""
    values = {"status": filing.status, "ack": filing.ack, "reason": filing.reason,
              "error_field": filing.error_field, "patient_key": filing.patient_key,
              "events": filing.events, "updated_at": now_iso()}  # fmt: skip
    if filed:
        conn.execute(update(hl7_messages).where(hl7_messages.c.message_key == received.key)
                     .values(**values))  # fmt: skip
        return
    row = {
        "message_key": received.key, "sending_facility": received.sending_facility[:100],
        "control_id": received.control_id, "message_type": received.message_type[:16],
        "received_at": values["updated_at"], "charset": received.charset[:32],
        "raw": received.text, **values,
    }  # fmt: skip
    if rows is not None:
        rows.messages.append(row)
    else:
        conn.execute(_FILE, row)


def file_identifiers(conn: Connection, steps: Plan, rows: Rows | None = None) -> None:
    """The hospital identifiers the plan maps to a patient (new, or moved by a merge); a new one
    is gathered in `rows` when given."""
    h = hl7_patient_ids.c
    for ref, patient_id in steps.new_ids:
        if ref.key in steps.unfiled or patient_id_of(conn, ref) is None:
            row = {"authority": ref.authority, "identifier": ref.record_number,
                   "patient_id": patient_id}  # fmt: skip
            if rows is not None:
                rows.identifiers.append(row)
            else:
                conn.execute(_FILE_ID, row)
        else:
            conn.execute(update(hl7_patient_ids).where(
                h.authority == ref.authority, h.identifier == ref.record_number
            ).values(patient_id=patient_id))  # fmt: skip


def file_results(conn: Connection, steps: Plan, wires: list[dict[str, Any]],
                 rows: Rows | None = None) -> None:  # fmt: skip
    """Each result under its LIS key, pointing at its LabResulted event (what a correction
    supersedes): one read for the message's keys, one insert for the new ones (gathered in
    `rows` when given)."""
    labs = [w for w in wires if w["type"] == "LabResulted"]
    latest = {key: (patient_id, wire["event_id"])
              for (key, patient_id, _), wire in zip(steps.results, labs, strict=True)}  # fmt: skip
    if rows is not None:
        rows.results.update(latest)
    elif latest:
        _write_results(conn, latest)


def _write_results(conn: Connection, latest: dict[str, tuple[str, str]]) -> None:
    r = hl7_results.c
    known = set(conn.execute(_KNOWN_RESULTS, {"keys": sorted(latest)}).scalars())
    new = [{"result_key": key, "patient_id": patient_id, "event_id": event_id}
           for key, (patient_id, event_id) in latest.items() if key not in known]  # fmt: skip
    if new:
        conn.execute(insert(hl7_results), new)
    for key in sorted(known):
        conn.execute(update(hl7_results).where(r.result_key == key)
                     .values(event_id=latest[key][1]))  # fmt: skip


def audit_message(conn: Connection, actor_id: str, received: Received, status: str, reason: str,
           actor: tuple[str, dict[str, Any]] | None) -> None:  # fmt: skip
    """The audit row of a held or rejected message, or of an admin's re-run."""
    action = "hl7_message_rerun" if actor is not None else f"hl7_message_{status}"
    detail = {"message_key": received.key, "type": received.message_type, "status": status,
              "reason": reason[:500]} | ({"overrides": actor[1]} if actor else {})  # fmt: skip
    audit.append(conn, [AuditEntry(action, actor_id, None, hl7_identity.DEVICE_ID, detail)])

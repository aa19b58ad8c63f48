"""How the HL7 inbound files a message: the message itself (hl7_messages, under MSH-4|MSH-10),
the hospital's identifiers, the results by LIS key, and the audit row of a held or rejected one.
All in the caller's write transaction."""

from __future__ import annotations

from dataclasses import dataclass
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


def stored(conn: Connection, key: str) -> Any:
    """The filed message under its key (MSH-4|MSH-10), or None."""
    return conn.execute(_STORED, {"key": key}).first()


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


def file_message(conn: Connection, received: Received, filing: Filing, filed: bool) -> None:
    """File the message (`filed`: it is in the table already, held or rejected before)."""
    values = {"status": filing.status, "ack": filing.ack, "reason": filing.reason,
              "error_field": filing.error_field, "patient_key": filing.patient_key,
              "events": filing.events, "updated_at": now_iso()}  # fmt: skip
    if filed:
        conn.execute(update(hl7_messages).where(hl7_messages.c.message_key == received.key)
                     .values(**values))  # fmt: skip
        return
    conn.execute(_FILE, {
        "message_key": received.key, "sending_facility": received.sending_facility[:100],
        "control_id": received.control_id, "message_type": received.message_type[:16],
        "received_at": now_iso(), "charset": received.charset[:32], "raw": received.text, **values,
    })  # fmt: skip


def file_identifiers(conn: Connection, steps: Plan) -> None:
    """The hospital identifiers the plan maps to a patient (new, or moved by a merge)."""
    h = hl7_patient_ids.c
    for ref, patient_id in steps.new_ids:
        if ref.key in steps.unfiled or patient_id_of(conn, ref) is None:
            conn.execute(_FILE_ID, {"authority": ref.authority, "identifier": ref.record_number,
                                    "patient_id": patient_id})  # fmt: skip
        else:
            conn.execute(update(hl7_patient_ids).where(
                h.authority == ref.authority, h.identifier == ref.record_number
            ).values(patient_id=patient_id))  # fmt: skip


def file_results(conn: Connection, steps: Plan, wires: list[dict[str, Any]]) -> None:
    """Each result under its LIS key, pointing at its LabResulted event (what a correction
    supersedes): one read for the message's keys, one insert for the new ones."""
    labs = [w for w in wires if w["type"] == "LabResulted"]
    latest = {key: (patient_id, wire["event_id"])
              for (key, patient_id, _), wire in zip(steps.results, labs, strict=True)}  # fmt: skip
    if not latest:
        return
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

"""The quality projection's fold: the events after its cursor become the facts of the quality
indicators (quality_models), as manage_catchup.catch_up hands them over in server_seq order.
The rules themselves are in workstation.clinical.quality_indicators."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlalchemy import Connection, delete, insert, select, update

from workstation.clinical import quality_indicators as qi
from workstation.clock import iso, parse_iso
from workstation.server.manage_catchup import EventRow
from workstation.server.quality_models import (
    quality_alerts,
    quality_doses,
    quality_news2,
    quality_notes,
    quality_orders,
    quality_scans,
    quality_stays,
)

NAME = "quality"


def _at(text: str) -> str:
    """One spelling of a time, so that stored times compare as strings."""
    return iso(parse_iso(text))


def _ward(conn: Connection, e: EventRow) -> str | None:
    """The patient's ward as the projection knows it, else the ward the event arrived under."""
    if e.patient_id is None:
        return e.ward_id
    found = conn.execute(
        select(quality_stays.c.ward_id).where(quality_stays.c.patient_id == e.patient_id)
    ).scalar()
    return found or e.ward_id


def _admitted(conn: Connection, e: EventRow) -> None:
    p = e.payload
    admitted = parse_iso(p["admitted_at"])
    attending = p.get("attending_id") or None
    conn.execute(delete(quality_stays).where(quality_stays.c.patient_id == e.patient_id))
    conn.execute(delete(quality_notes).where(quality_notes.c.patient_id == e.patient_id))
    conn.execute(insert(quality_stays).values(
        patient_id=e.patient_id, ward_id=p["ward_id"], admitted_at=iso(admitted),
        attending_id=attending))  # fmt: skip
    for note_type, (within, _article) in qi.NOTE_DEADLINES.items():
        due = admitted + within
        conn.execute(insert(quality_notes).values(
            patient_id=e.patient_id, note_type=note_type, ward_id=p["ward_id"],
            doctor_id=attending, admitted_at=iso(admitted), due_at=iso(due)))  # fmt: skip


def _transferred(conn: Connection, e: EventRow) -> None:
    conn.execute(update(quality_stays).where(quality_stays.c.patient_id == e.patient_id)
                 .values(ward_id=e.payload["ward_id"]))  # fmt: skip


def _discharged(conn: Connection, e: EventRow) -> None:
    conn.execute(update(quality_orders).where(
        quality_orders.c.patient_id == e.patient_id, quality_orders.c.ended_at.is_(None),
    ).values(ended_at=_at(e.payload["discharged_at"])))  # fmt: skip


def _doctor_answered(conn: Connection, e: EventRow) -> None:
    """A doctor's entry on the chart answers the patient's open NEWS2 triggers of the 24 h before it."""
    answered = parse_iso(e.recorded_at)
    at, since = iso(answered), iso(answered - qi.ANSWER_HORIZON)
    t = quality_news2.c
    conn.execute(update(quality_news2).where(
        t.patient_id == e.patient_id, t.answered_at.is_(None), t.at <= at, t.at >= since,
    ).values(answered_at=at, responder_id=e.author_id))  # fmt: skip


def _note(conn: Connection, e: EventRow) -> None:
    note_type = e.payload.get("note_type")
    if note_type in qi.NOTE_DEADLINES:
        n = quality_notes.c
        conn.execute(update(quality_notes).where(
            n.patient_id == e.patient_id, n.note_type == note_type, n.signed_at.is_(None),
        ).values(signed_at=_at(e.recorded_at), doctor_id=e.author_id))  # fmt: skip
    if note_type in qi.DOCTOR_RESPONSE_NOTES:
        _doctor_answered(conn, e)


def _order(conn: Connection, e: EventRow) -> None:
    p, at, ward = e.payload, _at(e.recorded_at), _ward(conn, e)
    for fact in qi.alert_facts(p.get("overrides")):
        conn.execute(insert(quality_alerts).values(
            event_id=e.event_id, prescriber_id=e.author_id, ward_id=ward, at=at, **fact))  # fmt: skip
    med = p.get("medication")
    if p.get("order_kind") == "medication" and isinstance(med, dict):
        conn.execute(insert(quality_orders).values(
            order_id=e.event_id, patient_id=e.patient_id, ward_id=ward, placed_at=at,
            start_at=_at(p.get("start_at") or e.recorded_at), frequency=med.get("frequency"),
            duration_days=med.get("duration_days"), prn=bool(med.get("prn")), status="placed",
        ))  # fmt: skip
    _doctor_answered(conn, e)


def _verified(conn: Connection, e: EventRow) -> None:
    status = "verified" if e.type == "OrderVerified" else "rejected"
    o = quality_orders.c
    conn.execute(update(quality_orders).where(
        o.order_id == e.payload["order_id"], o.verified_at.is_(None),
    ).values(verified_at=_at(e.recorded_at), verified_by=e.author_id, status=status))  # fmt: skip


def _ended(conn: Connection, e: EventRow) -> None:
    status = "discontinued" if e.type == "OrderDiscontinued" else "completed"
    o = quality_orders.c
    conn.execute(update(quality_orders).where(o.order_id == e.payload["order_id"])
                 .values(status=status, ended_at=_at(e.recorded_at)))  # fmt: skip


def _allergy_override(conn: Connection, e: EventRow) -> None:
    conn.execute(insert(quality_alerts).values(
        event_id=e.event_id, rule_id=qi.ALLERGY_STATUS_RULE, category="drug-allergy",
        severity="critical", prescriber_id=e.author_id, ward_id=_ward(conn, e),
        at=_at(e.recorded_at), overridden=True))  # fmt: skip


def _bedside(conn: Connection, e: EventRow) -> None:
    conn.execute(insert(quality_scans).values(
        event_id=e.event_id, order_id=e.payload["order_id"], at=_at(e.recorded_at),
        result=e.payload["result"]))  # fmt: skip


def _scan_before(conn: Connection, order_id: str, given_at: str) -> str:
    """scanned / unable_to_scan by the latest bedside check of the order before the dose."""
    s = quality_scans.c
    result = conn.execute(
        select(s.result).where(s.order_id == order_id, s.at <= given_at)
        .order_by(s.at.desc()).limit(1)
    ).scalar()  # fmt: skip
    if result is None:
        return "none"
    return qi.UNABLE_TO_SCAN if result == qi.UNABLE_TO_SCAN else "scanned"


def _administered(conn: Connection, e: EventRow) -> None:
    p = e.payload
    given_at = parse_iso(p["administered_at"])
    scheduled = parse_iso(p["scheduled_for"]) if p.get("scheduled_for") else None
    given = p["outcome"] == "given"
    conn.execute(insert(quality_doses).values(
        event_id=e.event_id, order_id=p["order_id"], ward_id=_ward(conn, e),
        nurse_id=e.author_id, scheduled_for=iso(scheduled) if scheduled else None,
        administered_at=iso(given_at), outcome=p["outcome"],
        timing=qi.dose_timing(scheduled, given_at) if given else None,
        scan=_scan_before(conn, p["order_id"], iso(given_at)) if given else None,
    ))  # fmt: skip


def _vitals(conn: Connection, e: EventRow) -> None:
    total, level = qi.news2_level(e.payload)
    if level is None:
        return
    conn.execute(insert(quality_news2).values(
        event_id=e.event_id, patient_id=e.patient_id, ward_id=_ward(conn, e),
        nurse_id=e.author_id, at=_at(e.payload["taken_at"]), total=total, level=level))  # fmt: skip


def _voided(conn: Connection, e: EventRow) -> None:
    target = e.payload["target_event_id"]
    for table in (quality_alerts, quality_doses, quality_news2, quality_scans):
        conn.execute(delete(table).where(table.c.event_id == target))


FOLDS: dict[str, Callable[[Connection, EventRow], None]] = {
    "PatientAdmitted": _admitted, "PatientTransferred": _transferred,
    "PatientDischarged": _discharged, "NoteSigned": _note, "OrderPlaced": _order,
    "OrderVerified": _verified, "OrderRejected": _verified, "OrderDiscontinued": _ended,
    "OrderCompleted": _ended, "AllergyCheckOverridden": _allergy_override,
    "BedsideChecked": _bedside, "MedicationAdministered": _administered,
    "VitalsRecorded": _vitals, "EventVoided": _voided,
}  # fmt: skip


def fold(conn: Connection, rows: Sequence[EventRow]) -> None:
    """Fold one page of events (server_seq order) into the quality facts."""
    for row in rows:
        step = FOLDS.get(row.type)
        if step is not None:
            step(conn, row)

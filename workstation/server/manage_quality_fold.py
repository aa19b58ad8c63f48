"""The quality projection's fold: the events after its cursor become the facts of the quality
indicators (quality_models), as manage_catchup.catch_up hands them over in server_seq order.
The rules themselves are in workstation.clinical.quality_indicators. The statements are built
once (bound parameters) and the patients' wards are remembered for the page: a year of a large
hospital is folded in one catch-up without rebuilding SQL per event."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, delete, insert, select, update

from workstation.clinical import quality_indicators as qi
from workstation.clinical.schedule import AdministrationTimes
from workstation.clock import iso, parse_iso
from workstation.server.manage_catchup import EventRow
from workstation.server.quality_models import (
    quality_alerts,
    quality_doses,
    quality_news2,
    quality_note_signings,
    quality_notes,
    quality_orders,
    quality_scans,
    quality_stays,
)

NAME = "quality"
_LEVEL_RANK = {qi.URGENT: 1, qi.EMERGENCY: 2}

_S, _N, _O, _SC, _T, _NS = (
    quality_stays.c,
    quality_notes.c,
    quality_orders.c,
    quality_scans.c,
    quality_news2.c,
    quality_note_signings.c,
)
_WARD = select(_S.ward_id).where(_S.patient_id == bindparam("b_pid"))
_FORGET_STAY = delete(quality_stays).where(_S.patient_id == bindparam("b_pid"))
_FORGET_NOTES = delete(quality_notes).where(_N.patient_id == bindparam("b_pid"))
_MOVE = update(quality_stays).where(_S.patient_id == bindparam("b_pid"))
_END_ORDERS = update(quality_orders).where(
    _O.patient_id == bindparam("b_pid"), _O.ended_at.is_(None)
)
_FORGET_SIGNINGS = delete(quality_note_signings).where(_NS.patient_id == bindparam("b_pid"))
_FIRST_SIGNING = (
    select(_NS.signed_at, _NS.doctor_id)
    .where(_NS.patient_id == bindparam("b_pid"), _NS.note_type == bindparam("b_type"))
    .order_by(_NS.signed_at).limit(1)
)  # fmt: skip
_SETTLE_NOTE = update(quality_notes).where(
    _N.patient_id == bindparam("b_pid"), _N.note_type == bindparam("b_type")
)
_ANSWER = update(quality_news2).where(
    _T.patient_id == bindparam("b_pid"), _T.answered_at.is_(None),
    _T.at <= bindparam("b_at"), _T.at >= bindparam("b_since"),
)  # fmt: skip
_CHECK_ORDER = update(quality_orders).where(
    _O.order_id == bindparam("b_order"), _O.verified_at.is_(None)
)
_END_ORDER = update(quality_orders).where(_O.order_id == bindparam("b_order"))
_LAST_SCAN = (
    select(_SC.result).where(_SC.order_id == bindparam("b_order"), _SC.at <= bindparam("b_at"))
    .order_by(_SC.at.desc()).limit(1)
)  # fmt: skip
_PATIENT_ORDERS = select(quality_orders).where(
    _O.patient_id == bindparam("b_pid"), _O.verified_at.is_not(None), _O.status != "rejected"
)
_ONE_ORDER = select(quality_orders).where(
    _O.order_id == bindparam("b_order"), _O.verified_at.is_not(None), _O.status != "rejected"
)
_SET_DUE = update(quality_orders).where(_O.order_id == bindparam("b_order"))
_OPEN_EPISODE = select(_T.level).where(
    _T.patient_id == bindparam("b_pid"), _T.at >= bindparam("b_since"), _T.at <= bindparam("b_at")
)


def _at(text: str) -> str:
    """One spelling of a time, so that stored times compare as strings."""
    return iso(parse_iso(text))


class _Page:
    """One page's connection, with the patients' wards remembered as the page moves them."""

    def __init__(self, conn: Connection):
        self.conn = conn
        self.wards: dict[str, str | None] = {}
        self._times: AdministrationTimes | None = None

    def refresh_due(self, statement: Any, params: dict[str, Any]) -> None:
        """Store the whole schedule of the orders selected, where their end is now known."""
        self._times = self._times or AdministrationTimes.load()
        for order in self.run(statement, params).mappings().all():
            due = qi.order_due(order, self._times)
            if due is not None:
                self.run(_SET_DUE, {"b_order": order["order_id"], "due_from": iso(due[0]),
                                    "due_until": iso(due[1]), "due_count": due[2]})  # fmt: skip

    def run(self, statement: Any, params: dict[str, Any] | list[dict[str, Any]]) -> Any:
        return self.conn.execute(statement, params)

    def ward(self, e: EventRow) -> str | None:
        """The patient's ward as the projection knows it, else the ward the event arrived under."""
        if e.patient_id is None:
            return e.ward_id
        if e.patient_id not in self.wards:
            self.wards[e.patient_id] = self.run(_WARD, {"b_pid": e.patient_id}).scalar()
        return self.wards[e.patient_id] or e.ward_id


def _admitted(page: _Page, e: EventRow) -> None:
    p, pid = e.payload, e.patient_id
    admitted = parse_iso(p["admitted_at"])
    attending = p.get("attending_id") or None
    page.run(_FORGET_STAY, {"b_pid": pid})
    page.run(_FORGET_NOTES, {"b_pid": pid})
    page.run(_FORGET_SIGNINGS, {"b_pid": pid})
    page.run(insert(quality_stays), {"patient_id": pid, "ward_id": p["ward_id"],
                                     "admitted_at": iso(admitted), "attending_id": attending})  # fmt: skip
    page.wards[str(pid)] = p["ward_id"]
    page.run(insert(quality_notes), [
        {"patient_id": pid, "note_type": note_type, "ward_id": p["ward_id"], "doctor_id": attending,
         "admitted_at": iso(admitted), "due_at": iso(admitted + within)}
        for note_type, (within, _article) in qi.NOTE_DEADLINES.items()
    ])  # fmt: skip


def _transferred(page: _Page, e: EventRow) -> None:
    page.run(_MOVE, {"b_pid": e.patient_id, "ward_id": e.payload["ward_id"]})
    page.wards[str(e.patient_id)] = e.payload["ward_id"]


def _discharged(page: _Page, e: EventRow) -> None:
    page.run(_END_ORDERS, {"b_pid": e.patient_id, "ended_at": _at(e.payload["discharged_at"])})
    page.refresh_due(_PATIENT_ORDERS, {"b_pid": e.patient_id})


def _doctor_answered(page: _Page, e: EventRow) -> None:
    """A doctor's entry on the chart answers the patient's open NEWS2 triggers of the 24 h
    before it (qi.ANSWER_HORIZON)."""
    answered = parse_iso(e.recorded_at)
    page.run(_ANSWER, {"b_pid": e.patient_id, "b_at": iso(answered),
                       "b_since": iso(answered - qi.ANSWER_HORIZON),
                       "answered_at": iso(answered), "responder_id": e.author_id})  # fmt: skip


def _note(page: _Page, e: EventRow) -> None:
    note_type = e.payload.get("note_type")
    if note_type in qi.NOTE_DEADLINES:
        page.run(insert(quality_note_signings), {
            "event_id": e.event_id, "patient_id": e.patient_id, "note_type": note_type,
            "signed_at": _at(e.recorded_at), "doctor_id": e.author_id})  # fmt: skip
        _settle_note(page, e.patient_id, note_type)
    if note_type in qi.DOCTOR_RESPONSE_NOTES:
        _doctor_answered(page, e)


def _order(page: _Page, e: EventRow) -> None:
    p, at, ward = e.payload, _at(e.recorded_at), page.ward(e)
    alerts = [{"event_id": e.event_id, "prescriber_id": e.author_id, "ward_id": ward, "at": at, **f}
              for f in qi.alert_facts(p.get("overrides"))]  # fmt: skip
    if alerts:
        page.run(insert(quality_alerts), alerts)
    med = p.get("medication")
    if p.get("order_kind") == "medication" and isinstance(med, dict):
        page.run(insert(quality_orders), {
            "order_id": e.event_id, "patient_id": e.patient_id, "ward_id": ward, "placed_at": at,
            "start_at": _at(p.get("start_at") or e.recorded_at), "frequency": med.get("frequency"),
            "duration_days": med.get("duration_days"), "prn": bool(med.get("prn")),
            "status": "placed", "verified_at": None, "verified_by": None, "ended_at": None,
            "due_from": None, "due_until": None, "due_count": None,
        })  # fmt: skip
    _doctor_answered(page, e)


def _verified(page: _Page, e: EventRow) -> None:
    status = "verified" if e.type == "OrderVerified" else "rejected"
    page.run(_CHECK_ORDER, {"b_order": e.payload["order_id"], "verified_at": _at(e.recorded_at),
                            "verified_by": e.author_id, "status": status})  # fmt: skip
    page.refresh_due(_ONE_ORDER, {"b_order": e.payload["order_id"]})


def _ended(page: _Page, e: EventRow) -> None:
    status = "discontinued" if e.type == "OrderDiscontinued" else "completed"
    page.run(_END_ORDER, {"b_order": e.payload["order_id"], "status": status,
                          "ended_at": _at(e.recorded_at)})  # fmt: skip
    page.refresh_due(_ONE_ORDER, {"b_order": e.payload["order_id"]})


def _allergy_override(page: _Page, e: EventRow) -> None:
    page.run(insert(quality_alerts), {
        "event_id": e.event_id, "rule_id": qi.ALLERGY_STATUS_RULE, "category": "drug-allergy",
        "severity": "critical", "prescriber_id": e.author_id, "ward_id": page.ward(e),
        "at": _at(e.recorded_at), "overridden": True,
    })  # fmt: skip


def _bedside(page: _Page, e: EventRow) -> None:
    page.run(insert(quality_scans), {"event_id": e.event_id, "order_id": e.payload["order_id"],
                                     "at": _at(e.recorded_at), "result": e.payload["result"]})  # fmt: skip


def _scan_before(page: _Page, order_id: str, given_at: str) -> str:
    """scanned / unable_to_scan by the latest bedside check of the order before the dose."""
    result = page.run(_LAST_SCAN, {"b_order": order_id, "b_at": given_at}).scalar()
    if result is None:
        return "none"
    return qi.UNABLE_TO_SCAN if result == qi.UNABLE_TO_SCAN else "scanned"


def _administered(page: _Page, e: EventRow) -> None:
    p = e.payload
    given_at = parse_iso(p["administered_at"])
    scheduled = parse_iso(p["scheduled_for"]) if p.get("scheduled_for") else None
    given = p["outcome"] == "given"
    page.run(insert(quality_doses), {
        "event_id": e.event_id, "order_id": p["order_id"], "ward_id": page.ward(e),
        "nurse_id": e.author_id, "scheduled_for": iso(scheduled) if scheduled else None,
        "administered_at": iso(given_at), "outcome": p["outcome"],
        "timing": qi.dose_timing(scheduled, given_at) if given else None,
        "scan": _scan_before(page, p["order_id"], iso(given_at)) if given else None,
    })  # fmt: skip


def _vitals(page: _Page, e: EventRow) -> None:
    """A trigger starts an escalation unless one of the same or a higher level is already open
    for the patient (within the 24 h before): a score that stays high is one escalation."""
    total, level = qi.news2_level(e.payload)
    if level is None:
        return
    taken = parse_iso(e.payload["taken_at"])
    since = iso(taken - qi.ANSWER_HORIZON)
    open_levels = page.run(_OPEN_EPISODE, {"b_pid": e.patient_id, "b_since": since,
                                           "b_at": iso(taken)}).scalars()  # fmt: skip
    if any(_LEVEL_RANK[found] >= _LEVEL_RANK[level] for found in open_levels):
        return
    page.run(insert(quality_news2), {
        "event_id": e.event_id, "patient_id": e.patient_id, "ward_id": page.ward(e),
        "nurse_id": e.author_id, "at": iso(taken), "total": total, "level": level,
        "answered_at": None, "responder_id": None,
    })  # fmt: skip


def _settle_note(page: _Page, pid: str | None, note_type: str) -> None:
    """The note counts as signed when its earliest standing signing was; unsigned (and the
    attending's again) when none stands."""
    first = page.run(_FIRST_SIGNING, {"b_pid": pid, "b_type": note_type}).first()
    if first is None:
        attending = select(_S.attending_id).where(_S.patient_id == pid).scalar_subquery()
        values: dict[str, Any] = {"signed_at": None, "doctor_id": attending}
    else:
        values = {"signed_at": first.signed_at, "doctor_id": first.doctor_id}
    page.run(_SETTLE_NOTE.values(**values), {"b_pid": pid, "b_type": note_type})


def _voided(page: _Page, e: EventRow) -> None:
    target = e.payload["target_event_id"]
    for table in (quality_alerts, quality_doses, quality_news2, quality_scans):
        page.conn.execute(delete(table).where(table.c.event_id == target))
    signing = page.conn.execute(
        select(_NS.patient_id, _NS.note_type).where(_NS.event_id == target)
    ).first()  # fmt: skip
    if signing is not None:  # a voided note no longer meets its deadline (病历书写基本规范)
        page.conn.execute(delete(quality_note_signings).where(_NS.event_id == target))
        _settle_note(page, signing.patient_id, signing.note_type)


FOLDS: dict[str, Callable[[_Page, EventRow], None]] = {
    "PatientAdmitted": _admitted, "PatientTransferred": _transferred,
    "PatientDischarged": _discharged, "NoteSigned": _note, "OrderPlaced": _order,
    "OrderVerified": _verified, "OrderRejected": _verified, "OrderDiscontinued": _ended,
    "OrderCompleted": _ended, "AllergyCheckOverridden": _allergy_override,
    "BedsideChecked": _bedside, "MedicationAdministered": _administered,
    "VitalsRecorded": _vitals, "EventVoided": _voided,
}  # fmt: skip


def fold(conn: Connection, rows: Sequence[EventRow]) -> None:
    """Fold one page of events (server_seq order) into the quality facts."""
    page = _Page(conn)
    for row in rows:
        step = FOLDS.get(row.type)
        if step is not None:
            step(page, row)

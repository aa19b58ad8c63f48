"""Fold the ward's safety facts: a critical value's report, receipt with read-back, doctor
notified and acknowledgement (危急值报告制度); the nursing level in force, Barthel assessments
and rounds (分级护理制度); consultations, the consultant's arrival and the 会诊记录."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import delete, update

from workstation.events.envelope import Event
from workstation.projections import safety_tables as st

Handler = Callable[[Any, Event], None]


def _step(fold: Any, e: Event, table: Any, key: str, values: dict[str, Any]) -> None:
    """Write a later step on the record `key` names; flag it when the chart has no such record."""
    column = table.c[table.primary_key.columns.values()[0].name]
    done = fold.run(update(table).where(column == e.payload[key],
                                        table.c.patient_id == e.patient_id).values(**values))  # fmt: skip
    if done.rowcount == 0:
        fold.flag(e, "unknown_target", f"{e.type} refers to a record this chart does not have")


def _reported(fold: Any, e: Event) -> None:
    p = e.payload
    fold.add(st.critical_values, {
        "critical_id": e.event_id, "patient_id": e.patient_id, "result_id": p["result_id"],
        "test_code": p["test_code"], "test_name": p["test_name"], "value": p["value"],
        "unit": p.get("unit"), "flag": p.get("flag"), "basis": p["basis"],
        "reported_at": p["reported_at"], "reporter": p["reporter"], "recorded_by": e.author_id,
        "received_by": None, "received_at": None, "read_back_text": None,
        "notified_doctor": None, "notified_by": None, "notified_at": None,
        "acknowledged_by": None, "acknowledged_at": None, "action": None, "note_id": None,
        "voided": False,
    })  # fmt: skip


def _received(fold: Any, e: Event) -> None:
    p = e.payload
    _step(fold, e, st.critical_values, "critical_id", {
        "received_by": e.author_id, "received_at": p["received_at"],
        "read_back_text": p.get("read_back_text"),
    })  # fmt: skip


def _notified(fold: Any, e: Event) -> None:
    p = e.payload
    _step(fold, e, st.critical_values, "critical_id", {
        "notified_doctor": p["doctor_id"], "notified_by": e.author_id,
        "notified_at": p["notified_at"],
    })  # fmt: skip


def _acknowledged(fold: Any, e: Event) -> None:
    p = e.payload
    _step(fold, e, st.critical_values, "critical_id", {
        "acknowledged_by": e.author_id, "acknowledged_at": p["acknowledged_at"],
        "action": p["action"], "note_id": p.get("note_id"),
    })  # fmt: skip


def _level(fold: Any, e: Event) -> None:
    fold.run(delete(st.nursing_levels).where(st.nursing_levels.c.patient_id == e.patient_id))
    fold.add(st.nursing_levels, {
        "patient_id": e.patient_id, "level": e.payload["level"], "order_id": e.event_id,
        "ordered_by": e.author_id, "ordered_at": e.payload["ordered_at"],
    })  # fmt: skip


def _barthel(fold: Any, e: Event) -> None:
    fold.add(st.barthel_assessments, {
        "assessment_id": e.event_id, "patient_id": e.patient_id, "total": e.payload["total"],
        "assessed_by": e.author_id, "assessed_at": e.payload["assessed_at"], "voided": False,
    })  # fmt: skip


def _round(fold: Any, e: Event) -> None:
    fold.add(st.nursing_rounds, {
        "round_id": e.event_id, "patient_id": e.patient_id, "seen_by": e.author_id,
        "seen_at": e.payload["seen_at"], "observation": e.payload.get("observation"),
        "voided": False,
    })  # fmt: skip


def _consult(fold: Any, e: Event) -> None:
    p = e.payload
    fold.add(st.consultations, {
        "consultation_id": e.event_id, "patient_id": e.patient_id, "urgency": p["urgency"],
        "department": p["department"], "question": p["question"], "requested_by": e.author_id,
        "requested_at": p["requested_at"], "arrived_at": None, "consultant": None,
        "note_id": None, "voided": False,
    })  # fmt: skip


def _arrived(fold: Any, e: Event) -> None:
    p = e.payload
    _step(fold, e, st.consultations, "consultation_id",
          {"arrived_at": p["arrived_at"], "consultant": p["consultant"]})  # fmt: skip


def _consult_note(fold: Any, e: Event) -> None:
    _step(fold, e, st.consultations, "consultation_id", {"note_id": e.payload["note_id"]})


def safety_handlers() -> dict[str, Handler]:
    """The handlers of the ward safety events."""
    return {
        "CriticalValueReported": _reported,
        "CriticalValueReceived": _received,
        "CriticalValueDoctorNotified": _notified,
        "CriticalValueAcknowledged": _acknowledged,
        "NursingLevelOrdered": _level,
        "BarthelAssessed": _barthel,
        "NursingRoundRecorded": _round,
        "ConsultationRequested": _consult,
        "ConsultantArrived": _arrived,
        "ConsultationRecorded": _consult_note,
    }

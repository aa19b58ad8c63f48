"""The MAR's work on the worker lane, as plain functions (tested without Qt)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from offline_cache.workstation import Workstation
from workstation.clinical.allergy_status import override_payload
from workstation.clinical.formulary import Formulary
from workstation.clinical.mar import MarRow, NursingSettings, mar_grid
from workstation.clinical.schedule import AdministrationTimes
from workstation.clock import now_iso
from workstation.projections import queries
from workstation.projections import tables as pt
from workstation.projections.nursing_queries import nursing_chart

PAST, AHEAD = timedelta(hours=12), timedelta(hours=24)  # the span of the grid shown


@dataclass(frozen=True)
class Witness:
    """The second nurse's user name and password, typed on the same screen."""

    username: str
    password: str


def mar_rows(chart: dict[str, Any], now: datetime, *, settings: NursingSettings,
             times: AdministrationTimes, formulary: Formulary) -> list[MarRow]:  # fmt: skip
    """The MAR grid the nurse's screens show: doses from 12 h ago to 24 h ahead, high-alert
    flags by the station's formulary in force."""
    return mar_grid(chart, start=now - PAST, end=now + AHEAD, now=now, settings=settings,
                    times=times, formulary=formulary)  # fmt: skip


def load_mar(ws: Workstation, patient_id: str) -> dict[str, Any]:
    """The chart parts the MAR needs (orders, administrations, patient, review flags)."""
    with ws.store.reading() as conn:
        return nursing_chart(conn, patient_id)


def find_by_wristband(ws: Workstation, record_number: str) -> dict[str, Any] | None:
    """The patient whose wristband carries this record number, or None."""
    p = pt.patients.c
    with ws.store.reading() as conn:
        row = conn.execute(select(pt.patients).where(p.record_number == record_number)).first()
    return dict(row._mapping) if row else None


def find_order(ws: Workstation, order_id: str) -> dict[str, Any] | None:
    """A labelled order wherever it belongs (it may be another patient's), with its patient."""
    o = pt.orders.c
    with ws.store.reading() as conn:
        row = conn.execute(select(pt.orders).where(o.order_id == order_id)).first()
        if row is None:
            return None
        order = dict(row._mapping)
        order["patient"] = queries.patient(conn, order["patient_id"])
    return order


def record_administration(ws: Workstation, patient_id: str, payload: dict[str, Any], *,
                          bedside: dict[str, Any] | None, witness: Witness | None,
                          still_missing: Callable[[dict[str, Any]], list[str]],
                          allergy_override: str = "") -> str:  # fmt: skip
    """Save the bedside check (when there was one) and the administration; a high-alert dose's
    second nurse is checked first against the verifiers cached on this PC (LoginRefused), then
    the complete payload once more against the core's rules (`still_missing`, ValueError)."""
    payload = dict(payload)
    if witness is not None:
        payload["witness_id"] = ws.sessions.verify_cosigner(
            witness.username, witness.password
        ).user_id
    missing = still_missing(payload)
    if missing:
        raise ValueError("; ".join(missing))
    if bedside is not None:
        ws.record("BedsideChecked", patient_id=patient_id, payload=bedside)
    if allergy_override:  # a first dose given although allergies are not yet documented
        ws.record("AllergyCheckOverridden", patient_id=patient_id, payload=override_payload(
            payload["order_id"], "administration", allergy_override))  # fmt: skip
    event = ws.record("MedicationAdministered", patient_id=patient_id, payload=payload)
    return event.event_id


def record_bedside_check(ws: Workstation, patient_id: str, bedside: dict[str, Any]) -> None:
    """Save a bedside scan that did not lead to a dose (a blocked wrong patient or drug)."""
    ws.record("BedsideChecked", patient_id=patient_id, payload=bedside)


def stamp() -> str:
    """The time to put on a record made now."""
    return now_iso()

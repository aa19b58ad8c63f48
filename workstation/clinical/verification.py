"""The pharmacist's verification queue: medication orders waiting for a pharmacist, urgent ones
first and then the oldest, each with the patient's context, the order checks and the
prescriber's overrides. Verify, reject with a reason, or ask the prescriber to change the order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import orjson
from sqlalchemy import Connection, select

from workstation.clinical.allergy_status import (
    UNDOCUMENTED,
    AllergyStatus,
    allergy_status,
    verification_held,
)
from workstation.clinical.checks import Alert
from workstation.clinical.checks.context import drug_rows, patient_context_from_chart
from workstation.clinical.controlled import results_on_file
from workstation.clinical.formulary import default_formulary
from workstation.clinical.high_alert import is_high_alert
from workstation.clinical.knowledge import Knowledge
from workstation.clinical.order_group import group_skin_test, row_alerts
from workstation.projections import queries
from workstation.projections import tables as t
from workstation.projections.order_sheet_queries import with_order_sheet

RENAL_LAB_CODES = ("EGFR", "CREA", "CR", "SCR")  # eGFR and serum creatinine, as the labs send them


@dataclass(frozen=True)
class WaitingOrder:
    """One line of the queue with all a pharmacist needs to decide."""

    order: dict[str, Any]
    patient: dict[str, Any]
    changed: bool  # replaces an earlier order (a change, not a new order)
    alerts: list[Alert] = field(default_factory=list)
    overrides: list[dict[str, Any]] = field(default_factory=list)
    allergies: list[str] = field(default_factory=list)
    active_medications: list[dict[str, Any]] = field(
        default_factory=list
    )  # the orders, worded by the screen
    recent_labs: list[dict[str, Any]] = field(default_factory=list)
    renal_labs: list[dict[str, Any]] = field(default_factory=list)
    change_requests: list[dict[str, Any]] = field(default_factory=list)
    skin_test: str | None = None  # None (not needed), pending, negative, positive
    high_alert: bool = False  # ▲ beside the order: a high-alert drug on this route
    allergy_status: AllergyStatus = AllergyStatus(UNDOCUMENTED)

    @property
    def held(self) -> bool:
        """Verification waits: allergies not yet documented (an override with a reason may go on)."""
        return verification_held(self.allergy_status)

    @property
    def order_id(self) -> str:
        """The waiting order's id."""
        return str(self.order["order_id"])

    @property
    def verify_refusal(self) -> str | None:
        """Why the pharmacist may not verify it yet: a drug needing a skin test without a
        negative result on file (《中国药典》临床用药须知; 皮肤试验指导原则 2021)."""
        if self.skin_test == "positive":
            return "the skin test is positive: reject the order (皮试阳性)"
        if self.skin_test == "pending":
            return "no negative skin test on file yet: verify after the result (皮试未做)"
        return None


def _waiting_orders(conn: Connection) -> list[dict[str, Any]]:
    o = t.orders.c
    rows = conn.execute(
        select(t.orders).where(
            o.order_kind == "medication", o.status == "placed", o.voided.is_(False)
        )
    )
    found = [dict(r._mapping) for r in rows]
    return sorted(found, key=lambda r: (not r["urgent"], r["placed_at"], r["order_id"]))


def verification_queue(
    conn: Connection,
    *,
    today: date,
    ward_ids: set[str] | None = None,
    knowledge: Knowledge | None = None,
) -> list[WaitingOrder]:
    """Orders waiting for a pharmacist (of some wards, or all), most urgent then oldest first;
    their alerts by `knowledge` (the station passes the one in force; default: shipped)."""
    charts: dict[str, dict[str, Any]] = {}
    queue = []
    for order in _waiting_orders(conn):
        pid = order["patient_id"]
        if pid not in charts:
            charts[pid] = queries.chart(conn, pid)
            if charts[pid]["patient"] is not None:  # each order's bag and 出院带药 parts
                with_order_sheet(conn, charts[pid])
        chart = charts[pid]
        patient = chart["patient"]
        if patient is None or patient["status"] != "admitted":
            continue
        if ward_ids is not None and patient["ward_id"] not in ward_ids:
            continue
        order = next((o for o in chart["orders"] if o["order_id"] == order["order_id"]), order)
        queue.append(_entry(order, chart, today, knowledge))
    return queue


def _entry(
    order: dict[str, Any], chart: dict[str, Any], today: date, knowledge: Knowledge | None
) -> WaitingOrder:
    """Every drug of the order (its bag's too) re-checked; a discharge order against the other
    discharge orders, an inpatient order against the inpatient ones (checks.context)."""
    others = [o for o in chart["orders"] if o["order_id"] != order["order_id"]]
    context = patient_context_from_chart(chart | {"orders": others}, today=today,
                                         discharge=bool(order.get("discharge")))  # fmt: skip
    formulary = knowledge.formulary if knowledge else default_formulary()
    labs = [lab for lab in chart["labs"] if not lab["voided"]]
    return WaitingOrder(
        order=order,
        patient=chart["patient"],
        high_alert=any(is_high_alert(row, formulary) for row in drug_rows(order)),
        changed=bool(order.get("replaces_order_id")),
        alerts=row_alerts(order, context, knowledge),
        overrides=_overrides(order.get("overrides")),
        allergies=[a["substance"] for a in chart["allergies"] if not a["voided"]],
        allergy_status=allergy_status(chart),
        active_medications=[
            dict(o)
            for o in others
            if o["order_kind"] == "medication"
            and o["status"] in ("placed", "verified")
            and not o["voided"]
        ],  # fmt: skip
        recent_labs=labs[:5],
        renal_labs=[lab for lab in labs if lab["test_code"].upper() in RENAL_LAB_CODES][:2],
        change_requests=[
            r
            for r in chart.get("change_requests", [])
            if r["order_id"] == order["order_id"] and not r["voided"]
        ],  # fmt: skip
        skin_test=group_skin_test(order, formulary, results_on_file(chart.get("skin_tests") or ())),
    )


def verify_refusal(conn: Connection, order_id: str, *, knowledge: Knowledge | None = None,
                   today: date) -> str | None:  # fmt: skip
    """Why a waiting order may not be verified now (see WaitingOrder.verify_refusal), or None."""
    for entry in verification_queue(conn, today=today, knowledge=knowledge):
        if entry.order_id == order_id:
            return entry.verify_refusal
    return None


def _overrides(raw: str | None) -> list[dict[str, Any]]:
    """The prescriber's overrides as stored on the order: order entry's object of the alerts shown
    and the reasons given (`checks.model.overrides_payload`), a list, or an object holding one.
    Only an alert the prescriber gave a reason for is an override: an information alert merely
    shown used to be listed as "Prescriber's override: age-ppi:" with no reason."""
    if not raw:
        return []
    value = orjson.loads(raw)
    if isinstance(value, dict) and isinstance(value.get("reasons"), dict):
        reasons, shown = value["reasons"], value.get("alerts") or []
        return [{**alert, "reason": reasons[alert["rule_id"]]} for alert in shown
                if isinstance(alert, dict) and alert.get("rule_id") in reasons]  # fmt: skip
    if isinstance(value, dict):
        inner = value.get("overrides", value.get("alerts"))
        value = inner if isinstance(inner, list) else [value]
    return [v for v in value if isinstance(v, dict)]


def verify_payload(order_id: str) -> dict[str, Any]:
    """The OrderVerified payload."""
    return {"order_id": order_id}


def reject_payload(order_id: str, reason: str) -> dict[str, Any]:
    """The OrderRejected payload; a rejection always says why."""
    if not reason.strip():
        raise ValueError("a rejection needs a reason")
    return {"order_id": order_id, "reason": reason.strip()}


def change_request_payload(order_id: str, message: str) -> dict[str, Any]:
    """The OrderChangeRequested payload: what the prescriber is asked to change."""
    if not message.strip():
        raise ValueError("say what should change")
    return {"order_id": order_id, "message": message.strip()}


def may_administer(order: dict[str, Any], *, urgent_before_verification: bool) -> bool:
    """Whether a nurse may give the order's doses now: verified orders, and urgent (st) ones
    before verification when the hospital's rule allows it."""
    if order.get("voided") or order.get("status") not in ("placed", "verified"):
        return False
    if order.get("status") == "verified" or order.get("order_kind") != "medication":
        return True
    urgent = bool(order.get("urgent")) or order.get("frequency") == "st"
    return urgent and urgent_before_verification

"""The MAR's rows from a chart, Qt-free: each medication order with its doses in a time window.

A thin adapter over `workstation.clinical.schedule`; the nurse core (`workstation.clinical.mar`)
replaces it when it lands. A dose is "due" within the administration window (default ±60 min,
the issue's default), "overdue" after it, "coming" before it; a recorded dose shows its outcome.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from workstation.clinical.formulary import default_formulary
from workstation.clinical.schedule import AdministrationTimes, scheduled_doses
from workstation.clock import iso, parse_iso

WINDOW = timedelta(minutes=60)
PAST, AHEAD = timedelta(hours=12), timedelta(hours=24)
ACTIVE = ("placed", "verified")


@dataclass(frozen=True)
class Dose:
    """One scheduled (or PRN) dose of an order and what happened to it."""

    order: Mapping[str, Any]
    scheduled_for: datetime | None  # None: an as-needed (PRN) dose
    state: str  # due, overdue, coming, given, held, refused, not_given, prn, unverified
    administration: Mapping[str, Any] | None = None

    @property
    def order_id(self) -> str:
        """The order this dose belongs to."""
        return str(self.order["order_id"])

    @property
    def scheduled_iso(self) -> str | None:
        """The dose's time as stored in `scheduled_for`."""
        return iso(self.scheduled_for) if self.scheduled_for else None


@dataclass(frozen=True)
class MarOrder:
    """A medication order on the MAR with its doses in the window shown."""

    order: Mapping[str, Any]
    verified: bool
    high_alert: bool
    doses: list[Dose] = field(default_factory=list)


def high_alert(drug_code: str | None) -> bool:
    """True for a formulary high-alert drug (ISMP list; a second nurse must check it)."""
    drug = default_formulary().by_code(drug_code or "")
    return bool(drug and drug.high_alert)


def dose_state(scheduled: datetime, now: datetime, window: timedelta = WINDOW) -> str:
    """due within the window, overdue after it, coming before it."""
    if scheduled < now - window:
        return "overdue"
    if scheduled > now + window:
        return "coming"
    return "due"


def _recorded(administrations: list[Mapping[str, Any]]) -> dict[tuple[str, str], Mapping[str, Any]]:
    found: dict[tuple[str, str], Mapping[str, Any]] = {}
    for a in sorted(administrations, key=lambda a: a["administered_at"]):
        if not a.get("voided") and a.get("scheduled_for"):
            found[(a["order_id"], iso(parse_iso(a["scheduled_for"])))] = a
    return found


def mar_orders(chart: Mapping[str, Any], now: datetime, *,
               times: AdministrationTimes | None = None) -> list[MarOrder]:  # fmt: skip
    """Active medication orders with their doses from 12 h ago to 24 h ahead (PRN: one row)."""
    times = times or AdministrationTimes.load()
    recorded = _recorded(chart.get("administrations") or [])
    rows = []
    for order in chart.get("orders") or []:
        if (
            order["order_kind"] != "medication"
            or order.get("voided")
            or order["status"] not in ACTIVE
        ):
            continue
        verified = order["status"] == "verified"
        entry = MarOrder(order, verified, high_alert(order.get("drug_code")))
        if order.get("prn") or order.get("frequency") == "prn":
            entry.doses.append(Dose(order, None, "prn" if verified else "unverified"))
        else:
            pretend = order if verified else {**order, "verified_at": None}
            for when in scheduled_doses(pretend, now - PAST, now + AHEAD, times=times):
                done = recorded.get((order["order_id"], iso(when)))
                state = done["outcome"] if done else dose_state(when, now)
                entry.doses.append(Dose(order, when, state if verified else "unverified", done))
        rows.append(entry)
    return sorted(rows, key=lambda r: (not r.verified, r.order["placed_at"]))


def open_doses(orders: list[MarOrder]) -> list[Dose]:
    """Doses not yet recorded that a nurse can give now or soon, earliest first."""
    found = [d for o in orders if o.verified for d in o.doses
             if d.state in ("due", "overdue", "coming", "prn")]  # fmt: skip
    return sorted(found, key=lambda d: (d.scheduled_for is None, d.scheduled_for or datetime.max))


def best_dose_for(orders: list[MarOrder], order_id: str, now: datetime) -> Dose | None:
    """The dose of an order a scan most likely means: the open one nearest to now."""
    candidates = [d for d in open_doses(orders) if d.order_id == order_id]
    if not candidates:
        return None
    return min(
        candidates,
        key=lambda d: abs((d.scheduled_for - now).total_seconds()) if d.scheduled_for else 0,
    )

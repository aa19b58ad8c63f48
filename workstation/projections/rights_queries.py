"""Reads of order sign-off: orders awaiting a co-signature or approval, emergency overrides left
open past 24 hours (抗菌药物临床应用管理办法 2012 Art. 28), and the stewardship indicators per ward
(antibiotic use rate, Art. 40 and the 2012 national campaign's targets; special-tier approvals,
Art. 27) that the management dashboards read."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import Connection, and_, select

from workstation.clock import iso, parse_iso
from workstation.domain.enums import OrderStatus
from workstation.projections import tables as t
from workstation.projections.rights_tables import order_signoffs

OVERRIDE_HOURS = 24  # Art. 28: 越级使用 is completed within 24 hours


def _signoff_rows(conn: Connection, *conditions: Any) -> list[dict[str, Any]]:
    o, s = t.orders.c, order_signoffs.c
    query = (
        select(order_signoffs, o.description, o.status, o.voided, t.patients.c.ward_id)
        .join(t.orders, o.order_id == s.order_id)
        .join(t.patients, t.patients.c.patient_id == s.patient_id)
        .where(o.voided.is_(False), *conditions)
        .order_by(s.placed_at)
    )
    return [dict(r._mapping) for r in conn.execute(query)]


def awaiting_signoff(conn: Connection, *, ward_id: str | None = None,
                     patient_id: str | None = None) -> list[dict[str, Any]]:  # fmt: skip
    """Orders waiting for a co-signature or approval (status awaiting_cosign), oldest first."""
    conditions: list[Any] = [t.orders.c.status == OrderStatus.AWAITING_COSIGN.value]
    if ward_id is not None:
        conditions.append(t.patients.c.ward_id == ward_id)
    if patient_id is not None:
        conditions.append(order_signoffs.c.patient_id == patient_id)
    return _signoff_rows(conn, *conditions)


def _completed_at(row: Mapping[str, Any]) -> str | None:
    """When the last signature the override waited for arrived, None while one is missing."""
    times = []
    if row["needs_cosign"]:
        times.append(row["cosigned_at"])
    if row["needs_approval"]:
        times.append(row["approved_at"])
    if any(x is None for x in times):
        return None
    return max(times) if times else row["placed_at"]


def overdue_overrides(
    conn: Connection, *, now: str, ward_id: str | None = None
) -> list[dict[str, Any]]:
    """Emergency overrides not completed within 24 hours of the order: still open at `now`, or
    completed late. Each row has `due_at` and `completed_at` (None when still open)."""
    conditions: list[Any] = [order_signoffs.c.emergency.is_(True)]
    if ward_id is not None:
        conditions.append(t.patients.c.ward_id == ward_id)
    overdue = []
    for row in _signoff_rows(conn, *conditions):
        due = iso(parse_iso(row["placed_at"]) + timedelta(hours=OVERRIDE_HOURS))
        done = _completed_at(row)
        if (done is None and now > due) or (done is not None and done > due):
            overdue.append(row | {"due_at": due, "completed_at": done})
    return overdue


@dataclass(frozen=True, slots=True)
class WardAntibioticUse:
    """One ward's stewardship figures over a period."""

    ward_id: str
    patients: int  # patients in the ward during the period
    on_antibiotics: int  # of them, with at least one antibacterial order placed in the period
    special_orders: int  # special-tier orders placed
    special_approved: int  # of them, approved by a designated consultant

    @property
    def use_rate(self) -> float:
        """抗菌药物使用率: patients on antibacterials / patients, 0..1."""
        return self.on_antibiotics / self.patients if self.patients else 0.0


def antibiotic_indicators(
    conn: Connection, *, since: str, until: str, tiers: Mapping[str, str]
) -> list[WardAntibioticUse]:
    """Antibiotic use rate and special-tier approvals per ward for orders placed in [since, until).
    `tiers` maps drug codes to their tier (the formulary's `antibiotic_tier`)."""
    p, o, s = t.patients.c, t.orders.c, order_signoffs.c
    present = conn.execute(select(p.patient_id, p.ward_id).where(
        p.admitted_at < until, (p.discharged_at.is_(None)) | (p.discharged_at >= since)))  # fmt: skip
    wards: dict[str, set[str]] = {}
    for patient_id, ward_id in present:
        wards.setdefault(ward_id, set()).add(patient_id)
    orders = conn.execute(
        select(o.order_id, o.patient_id, o.drug_code, p.ward_id, s.approved_by)
        .join(t.patients, p.patient_id == o.patient_id)
        .outerjoin(order_signoffs, s.order_id == o.order_id)
        .where(and_(o.placed_at >= since, o.placed_at < until, o.voided.is_(False),
                    o.drug_code.in_(sorted(tiers))))
    ).all()  # fmt: skip
    treated: dict[str, set[str]] = {}
    special: dict[str, list[bool]] = {}
    for row in orders:
        treated.setdefault(row.ward_id, set()).add(row.patient_id)
        wards.setdefault(row.ward_id, set()).add(row.patient_id)
        if tiers.get(row.drug_code) == "special":
            special.setdefault(row.ward_id, []).append(row.approved_by is not None)
    return [
        WardAntibioticUse(ward, len(ids), len(treated.get(ward, ())), len(special.get(ward, [])),
                          sum(special.get(ward, [])))
        for ward, ids in sorted(wards.items())
    ]  # fmt: skip

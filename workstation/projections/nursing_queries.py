"""Read the nurse's station's projections: the chart with every nursing section, in one call."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from workstation.projections import infusion_tables as it
from workstation.projections import queries
from workstation.projections import tables as t
from workstation.projections.order_sheet_queries import with_order_sheet


def _rows(conn: Connection, statement: Any) -> list[dict[str, Any]]:
    return [dict(row._mapping) for row in conn.execute(statement)]


def administrations_with_details(conn: Connection, patient_id: str) -> list[dict[str, Any]]:
    """A patient's administrations, each with its extra facts (end_at, amount_given_ml,
    prn_indication, reassess_at, early_late_reason, adverse_reaction; None when absent)."""
    a, d = t.administrations, t.administration_details
    detail_columns = [c for c in d.c if c.name not in ("administration_id", "patient_id")]
    statement = (
        select(a, *detail_columns)
        .outerjoin(d, d.c.administration_id == a.c.administration_id)
        .where(a.c.patient_id == patient_id)
        .order_by(a.c.administered_at.desc())
    )
    return _rows(conn, statement)


def nursing_chart(conn: Connection, patient_id: str) -> dict[str, Any]:
    """The chart (queries.chart) plus the nurse's sections, newest first within each: intake and
    output, assessments, ward receipts, bedside checks, handoffs, and the stock movements
    (dispensed lots, returns) of the patient's orders."""
    chart = queries.chart(conn, patient_id)
    chart["administrations"] = administrations_with_details(conn, patient_id)

    def of(table: Any, order: Any) -> list[dict[str, Any]]:
        return _rows(
            conn, select(table).where(table.c.patient_id == patient_id).order_by(order.desc())
        )

    chart["intake_output"] = of(t.intake_output, t.intake_output.c.measured_at)
    chart["assessments"] = of(t.assessments, t.assessments.c.assessed_at)
    chart["ward_receipts"] = of(t.ward_receipts, t.ward_receipts.c.received_at)
    chart["bedside_checks"] = of(t.bedside_checks, t.bedside_checks.c.checked_at)
    chart["handoffs"] = of(t.handoffs, t.handoffs.c.recorded_at)
    chart["infusion_rounds"] = of(it.infusion_rounds, it.infusion_rounds.c.observed_at)
    order_ids = [o["order_id"] for o in chart["orders"]]
    s = t.stock_movements
    chart["order_stock"] = _rows(
        conn, select(s).where(s.c.order_id.in_(order_ids)).order_by(s.c.recorded_at)
    ) if order_ids else []  # fmt: skip
    return with_order_sheet(conn, chart)  # term, group, checks, verbal, 出院带药 of each order


def unable_to_scan_count(conn: Connection, *, since: str | None = None) -> int:
    """How many bedside checks were recorded as unable to scan (since a time, if given)."""
    b = t.bedside_checks.c
    statement = select(b.check_id).where(b.result == "unable_to_scan", b.voided.is_(False))
    if since is not None:
        statement = statement.where(b.checked_at >= since)
    return len(conn.execute(statement).all())

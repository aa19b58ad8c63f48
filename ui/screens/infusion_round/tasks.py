"""The infusion round's work on the worker lane: the ward's running bags read from the local
replica (works offline), and the round recorded as a signed event (sent at the next sync)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from offline_cache.workstation import Workstation
from workstation.clinical.formulary import default_formulary
from workstation.clinical.infusion import bag_drugs
from workstation.clinical.infusion_rounds import InfusionSettings, RunningBag, running_bags
from workstation.clinical.mar import mar_grid
from workstation.clock import iso, utc_now
from workstation.events.envelope import Event
from workstation.projections import queries
from workstation.projections.nursing_queries import nursing_chart

DUE_NOW = ("due", "overdue")
NEAR = timedelta(hours=2)  # a dose due or overdue this near now is the next bag to hang


@dataclass(frozen=True, slots=True)
class BagRow:
    """A running bag as the round dialog lists it."""

    patient_id: str
    order_id: str
    bed: str
    patient_name: str
    drugs: str
    carrier: dict[str, Any] | None
    scheduled_for: str | None
    next_round_at: datetime
    overdue: bool
    last_rate: float | None
    last_unit: str | None
    next_dose_due: bool  # the order's next bag is due now: a scan of its label is for the MAR


def _row(chart: dict[str, Any], bag: RunningBag, now: datetime, due_orders: set[str]) -> BagRow:
    patient, last = chart["patient"], bag.last_round or {}
    drugs = " + ".join(f"{d.drug_name} {d.dose_value:g} {d.dose_unit}".strip()
                       if d.dose_value is not None else d.drug_name
                       for d in bag_drugs(bag.order))  # fmt: skip
    return BagRow(patient["patient_id"], bag.order["order_id"], str(patient.get("bed") or ""),
                  patient["name"], drugs, (bag.order.get("group") or {}).get("carrier"),
                  bag.scheduled_for, bag.next_round_at, bag.overdue(now), last.get("rate_value"),
                  last.get("rate_unit"), bag.order["order_id"] in due_orders)  # fmt: skip


def ward_bags(ws: Workstation, ward_id: str | None, now: datetime | None = None) -> list[BagRow]:
    """The running bags of the ward's patients, the most overdue round first."""
    now = now or utc_now()
    settings, formulary, rows = InfusionSettings.load(), default_formulary(), []
    with ws.store.reading() as conn:
        charts = [nursing_chart(conn, r["patient_id"]) for r in queries.census(conn, ward_id)]
    for chart in charts:
        bags = running_bags(chart, now=now, settings=settings)
        if not bags:
            continue
        grid = mar_grid(chart, start=now - NEAR, end=now + NEAR, now=now, formulary=formulary)
        due = {d.order_id for row in grid for d in row.doses if d.status in DUE_NOW}
        rows += [_row(chart, bag, now, due) for bag in bags]
    return sorted(rows, key=lambda r: r.next_round_at)


def record_round(ws: Workstation, patient_id: str, payload: dict[str, Any]) -> Event:
    """Save the round as the logged-in nurse (on disk when this returns; synced later)."""
    return ws.record("InfusionRoundRecorded", patient_id=patient_id,
                     payload={**payload, "observed_at": payload.get("observed_at") or iso(utc_now())})  # fmt: skip

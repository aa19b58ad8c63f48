"""The Orders tab's work on the worker lane, as plain functions (tested without Qt)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from offline_cache.workstation import Workstation
from ui.screens.orders.entry import frequent_sentences
from ui.terms import ward_today
from workstation.clinical.checks import PatientContext
from workstation.clinical.checks.context import patient_context_from_chart
from workstation.clinical.checks.stats import statistics_from_orders
from workstation.clinical.controlled import results_on_file
from workstation.clinical.formulary import Formulary
from workstation.clinical.skin_tests import SKIN_TEST_CODE, skin_test_orders_for
from workstation.projections import tables as pt
from workstation.projections.order_sheet_queries import with_order_sheet

HISTORY_ROWS = 5000  # the ward's latest medication orders the suggestions are learnt from


@dataclass(frozen=True)
class OrderContext:
    """What the order line needs about one patient, loaded once when the chart opens."""

    patient_id: str
    patient: PatientContext
    frequent: dict[str, list[str]]
    discharge: PatientContext = PatientContext()  # the patient with the 出院带药 active instead


def order_context(
    ws: Workstation,
    chart: Mapping[str, Any],
    formulary: Formulary,
    frequent: dict[str, list[str]] | None = None,
) -> OrderContext:
    """The checks' patient context and the ward's usual medication sentences (read again
    unless `frequent`, read for an earlier chart, is given)."""
    if frequent is None:
        frequent = ward_sentences(ws, formulary)
    with ws.store.reading() as conn:  # each order's bag and 出院带药 parts (not inpatient therapy)
        sheet = with_order_sheet(conn, {**chart, "orders": [dict(o) for o in chart["orders"]]})
    return OrderContext(
        patient_id=str(chart["patient"]["patient_id"]),
        patient=patient_context_from_chart(sheet, today=ward_today()),
        frequent=frequent,
        discharge=patient_context_from_chart(sheet, today=ward_today(), discharge=True),
    )


def ward_sentences(ws: Workstation, formulary: Formulary) -> dict[str, list[str]]:
    """The ward's usual medication sentences, learnt from its latest medication orders."""
    o = pt.orders.c
    with ws.store.reading() as conn:
        rows = conn.execute(
            select(o.order_kind, o.drug_code, o.dose_value, o.dose_unit, o.route, o.frequency,
                   o.duration_days, o.prn, o.prn_indication, o.voided)
            .where(o.order_kind == "medication")
            .order_by(o.placed_at.desc())
            .limit(HISTORY_ROWS)
        ).all()  # fmt: skip
    return frequent_sentences((dict(r._mapping) for r in rows), formulary)


def sign_orders(ws: Workstation, patient_id: str, orders: list[dict[str, Any]]) -> list[str]:
    """Record each basket order as OrderPlaced (a modification first discontinues the order it
    replaces); saved locally, synced later. Returns the new order ids."""
    placed = []
    for payload in orders:
        replaced = payload.get("replaces_order_id")
        if replaced:
            ws.record("OrderDiscontinued", patient_id=patient_id,
                      payload={"order_id": replaced, "reason": "modified: replaced by a new order"})  # fmt: skip
        placed.append(ws.record("OrderPlaced", patient_id=patient_id, payload=payload).event_id)
    for payload in _skin_test_orders(ws, patient_id, orders):  # 皮试 goes with its drug
        ws.record("OrderPlaced", patient_id=patient_id, payload=payload)
    return placed


def _skin_test_orders(
    ws: Workstation, patient_id: str, orders: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The skin-test orders the signed basket needs (none already open, no result on file)."""
    o, st = pt.orders.c, pt.controlled_tables.skin_tests.c
    with ws.store.reading() as conn:
        on_file = results_on_file(
            dict(r._mapping) for r in conn.execute(
                select(st.substance, st.result, st.voided).where(st.patient_id == patient_id))
        )  # fmt: skip
        open_codes = conn.execute(
            select(o.code).where(o.patient_id == patient_id, o.code.like(f"{SKIN_TEST_CODE}%"),
                                 o.status.in_(("placed", "verified")), o.voided.is_(False))
        ).scalars().all()  # fmt: skip
    formulary = ws.store.reference.formulary()

    def drug_of(code: str) -> dict[str, Any] | None:
        drug = formulary.by_code(code)
        return dict(drug.entry) if drug else None

    return skin_test_orders_for(orders, drug_of, on_file=on_file, open_codes=open_codes)


def discontinue_order(ws: Workstation, patient_id: str, order_id: str, reason: str) -> str:
    """Stop an order, with the reason."""
    event = ws.record("OrderDiscontinued", patient_id=patient_id,
                      payload={"order_id": order_id, "reason": reason})  # fmt: skip
    return event.event_id


def rule_statistics(ws: Workstation) -> list[dict[str, Any]]:
    """How often each order-check rule fired and was overridden, over the ward's orders."""
    o = pt.orders.c
    with ws.store.reading() as conn:
        rows = conn.execute(select(o.overrides, o.voided).where(o.overrides.is_not(None))).all()
    return statistics_from_orders(dict(r._mapping) for r in rows).summary()

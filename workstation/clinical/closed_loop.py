"""The medication closed loop of one order: every step with its time and person, and the
exceptions, read from a nursing chart (workstation.projections.nursing_queries.nursing_chart).

Steps: signed -> verified -> dispensed (lot) -> received on the ward -> bedside check -> given
(start, and for an infusion end and amount), and each infusion round (输液巡视). Exceptions: rejected, stopped, voided, returned,
held, refused, not given (with reason), adverse reaction, and review flags on the order's events.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

STEP_ORDER = ("signed", "verified", "dispensed", "received", "bedside_check", "given")
NOT_GIVEN_OUTCOMES = ("held", "refused", "not_given")


@dataclass(frozen=True, slots=True)
class LoopEvent:
    """One step or exception: kind, when (UTC ISO), who, free text as recorded (a reason, the
    order's description) and coded facts a screen words in its language: lot, amount and unit,
    bedside result, dose, end time, mL given, witness (a user id), what was voided."""

    kind: str
    at: str
    by: str | None
    detail: str = ""
    exception: bool = False
    facts: tuple[tuple[str, str], ...] = ()

    def fact(self, key: str) -> str | None:
        """One coded fact, or None."""
        return next((value for name, value in self.facts if name == key), None)


def _order(chart: Mapping[str, Any], order_id: str) -> Mapping[str, Any]:
    found = next((o for o in chart.get("orders") or [] if o["order_id"] == order_id), None)
    if found is None:
        raise KeyError(f"order {order_id} is not on this chart")
    return found


def _order_steps(order: Mapping[str, Any]) -> list[LoopEvent]:
    steps = [LoopEvent("signed", order["placed_at"], order["placed_by"], order["description"])]
    if order.get("verified_at"):
        steps.append(LoopEvent("verified", order["verified_at"], order.get("verified_by")))
    if order.get("status") in ("rejected", "discontinued") and order.get("ended_at"):
        kind = "rejected" if order["status"] == "rejected" else "stopped"
        steps.append(LoopEvent(kind, order["ended_at"], order.get("ended_by"),
                               order.get("end_reason") or "", exception=True))  # fmt: skip
    if order.get("voided"):
        steps.append(
            LoopEvent("voided", order["placed_at"], None, "", True, (("voided", "order"),))
        )
    return steps


def _stock_steps(chart: Mapping[str, Any], order_id: str) -> list[LoopEvent]:
    steps = []
    for m in chart.get("order_stock") or []:
        if m["order_id"] != order_id or m.get("voided"):
            continue
        facts = _lot_facts(m["lot"], abs(m["quantity_delta"]), m.get("unit"))
        if m["movement_kind"] == "dispense":
            steps.append(LoopEvent("dispensed", m["recorded_at"], m["recorded_by"], facts=facts))
        elif m["quantity_delta"] > 0:
            steps.append(LoopEvent("returned", m["recorded_at"], m["recorded_by"],
                                   m.get("reason") or "", True, facts))  # fmt: skip
    for r in chart.get("ward_receipts") or []:
        if r.get("order_id") == order_id and not r.get("voided"):
            steps.append(LoopEvent("received", r["received_at"], r["received_by"],
                                   facts=_lot_facts(r["lot"], r["quantity"], r.get("unit"))))  # fmt: skip
    return steps


def _bedside_steps(chart: Mapping[str, Any], order_id: str) -> list[LoopEvent]:
    steps = []
    for c in chart.get("bedside_checks") or []:
        if c["order_id"] != order_id or c.get("voided"):
            continue
        steps.append(LoopEvent("bedside_check", c["checked_at"], c["checked_by"],
                               c.get("unable_to_scan_reason") or "", c["result"] != "match",
                               (("result", c["result"]),)))  # fmt: skip
    return steps


def _dose_steps(chart: Mapping[str, Any], order_id: str) -> list[LoopEvent]:
    steps = []
    for a in chart.get("administrations") or []:
        if a["order_id"] != order_id:
            continue
        at, by = a["administered_at"], a["recorded_by"]
        if a.get("voided"):
            steps.append(LoopEvent("voided", at, by, "", True, (("voided", "dose"),)))
        elif a["outcome"] == "given":
            steps.append(LoopEvent("given", at, by, facts=_given_facts(a)))
        else:
            steps.append(LoopEvent(a["outcome"], at, by, a.get("reason") or "", True))
        if a.get("adverse_reaction") and not a.get("voided"):
            steps.append(LoopEvent("adverse_reaction", a.get("end_at") or at, by,
                                   a["adverse_reaction"], True))  # fmt: skip
    return steps


def _lot_facts(lot: str, quantity: float, unit: str | None) -> tuple[tuple[str, str], ...]:
    return (("lot", lot), ("quantity", f"{quantity:g}"), ("unit", unit or ""))


def _given_facts(a: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    facts = []
    if a.get("dose_value"):
        facts.append(("dose", f"{a['dose_value']:g} {a['dose_unit']} {a['route']}"))
    if a.get("end_at"):
        facts.append(("ended", a["end_at"]))
    if a.get("amount_given_ml") is not None:
        facts.append(("given_ml", f"{a['amount_given_ml']:g}"))
    if a.get("witness_id"):
        facts.append(("witness", a["witness_id"]))
    return tuple(facts)


def _flag_steps(chart: Mapping[str, Any], order_id: str) -> list[LoopEvent]:
    events = {a["administration_id"]: a for a in chart.get("administrations") or []}
    return [
        LoopEvent("flagged", events[f["event_id"]]["administered_at"], None, f["message"], True)
        for f in chart.get("flags") or []
        if f["event_id"] in events and events[f["event_id"]]["order_id"] == order_id
    ]


def _round_steps(chart: Mapping[str, Any], order_id: str) -> list[LoopEvent]:
    """输液巡视: each round of the bag, an exception when the site is not normal."""
    steps = []
    for r in chart.get("infusion_rounds") or []:
        if r["order_id"] != order_id or r.get("voided"):
            continue
        facts = [("rate", f"{r['rate_value']:g} {r['rate_unit']}" if r.get("rate_value") else ""),
                 ("site", r["site"]), ("action", r["action"])]  # fmt: skip
        if r.get("remaining_ml") is not None:
            facts.append(("remaining_ml", f"{r['remaining_ml']:g}"))
        steps.append(LoopEvent("infusion_round", r["observed_at"], r["recorded_by"],
                               r.get("note") or "", r["site"] != "normal", tuple(facts)))  # fmt: skip
    return steps


def closed_loop(chart: Mapping[str, Any], order_id: str) -> list[LoopEvent]:
    """Every step and exception of one medication order, in time order (KeyError if unknown)."""
    order = _order(chart, order_id)
    loop = [
        *_order_steps(order), *_stock_steps(chart, order_id), *_bedside_steps(chart, order_id),
        *_dose_steps(chart, order_id), *_flag_steps(chart, order_id),
        *_round_steps(chart, order_id),
    ]  # fmt: skip
    return sorted(loop, key=lambda e: (e.at, _rank(e.kind)))


def _rank(kind: str) -> int:
    return STEP_ORDER.index(kind) if kind in STEP_ORDER else len(STEP_ORDER)


def missing_steps(loop: list[LoopEvent]) -> list[str]:
    """Steps of the normal path not (yet) seen, for a screen to show as open."""
    seen = {e.kind for e in loop}
    return [kind for kind in STEP_ORDER if kind not in seen]

"""Dosing per m² of body surface area (anticancer drugs): the BSA and the dose per m² shown with
every order of a per-m² drug, the per-course ceiling (`max_cycle_dose`), and a warning — never
a guessed BSA — when the chart's height or weight is missing or stale. The single and daily
per-m² ceilings themselves are checked by `checks.dose` with the same BSA."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from workstation.clinical.body_surface import (
    FRESHNESS_SOURCE,
    MOSTELLER_SOURCE,
    BodySize,
    dosing_bsa,
    problems,
)
from workstation.clinical.checks.common import names
from workstation.clinical.checks.dose import limit_alert, limit_for_route, limit_maximum
from workstation.clinical.checks.model import Alert, MedicationOrder, PatientContext
from workstation.clinical.formulary import Drug
from workstation.clinical.formulary_schema import LIMIT_KEYS, limit_base_unit
from workstation.clinical.knowledge import Knowledge


def per_m2_limits(drug: Drug) -> list[Mapping[str, Any]]:
    """The drug's ceilings written per m² (empty for a drug not dosed by BSA)."""
    found = []
    for key in LIMIT_KEYS:
        spec = drug.entry.get(key)
        for limit in spec if isinstance(spec, list) else [spec] if spec else []:
            if str(limit.get("unit") or "").lower().endswith("/m2"):
                found.append(limit)
    return found


def check(order: MedicationOrder, patient: PatientContext, kb: Knowledge) -> list[Alert]:
    """For a per-m² drug: a warning when no BSA can be dosed by, else the BSA and dose per m²
    (info); for any drug with a per-course ceiling, a course above it."""
    drug = kb.formulary.by_code(order.drug_code)
    if drug is None or order.dose_value is None or not order.dose_unit:
        return []
    limits = per_m2_limits(drug)
    bsa = dosing_bsa(patient.body)
    if limits and bsa is None:
        return [_no_bsa(order, patient.body, kb)]
    alerts: list[Alert] = []
    if limits and bsa:
        unit = limit_base_unit(str(limits[0]["unit"]))
        amount = drug.dose_in(order.dose_value, order.dose_unit, unit)
        alerts += [] if amount is None else [_shown(order, patient.body, kb, amount, unit, bsa)]
    cycle = limit_for_route(drug.entry.get("max_cycle_dose"), order.route)
    if cycle:
        alerts.extend(_cycle(drug, order, patient, kb, cycle, bsa))
    return alerts


def _no_bsa(order: MedicationOrder, body: BodySize | None, kb: Knowledge) -> Alert:
    en, zh = names(kb, order.drug_code)
    why = problems(body)
    return Alert(
        category="dose-single", severity="warning",
        message=f"{en} is dosed per m² of body surface area: {'; '.join(w[0] for w in why)} — "
                "the BSA cannot be computed and the dose per m² is not checked."
                " Record a current height and weight.",
        message_zh=f"{zh}按体表面积（每m²）给药：{'；'.join(w[1] for w in why)}——无法计算体表面积，"
                   "每m²剂量未核对。请记录当前身高和体重。",
        rule_id=f"dose-bsa-missing-{order.drug_code}",
        source=f"{MOSTELLER_SOURCE}; {FRESHNESS_SOURCE}",
    )  # fmt: skip


def _shown(order: MedicationOrder, body: BodySize | None, kb: Knowledge, amount: float,
           unit: str, bsa: float) -> Alert:  # fmt: skip
    en, zh = names(kb, order.drug_code)
    height = body.height_cm if body else None
    weight = body.weight_kg if body else None
    per = f"{amount:g} {unit} = {amount / bsa:.3g} {unit}/m²"
    return Alert(
        category="dose-single", severity="info",
        message=f"{en}: BSA {bsa:.2f} m² (Mosteller; height {height:g} cm, weight {weight:g} kg):"
                f" {per}",
        message_zh=f"{zh}：体表面积{bsa:.2f}m²（Mosteller公式；身高{height:g}cm，体重{weight:g}kg）："
                   f"{per}",
        rule_id=f"dose-bsa-{order.drug_code}",
        source=MOSTELLER_SOURCE,
    )  # fmt: skip


def _course_amount(drug: Drug, order: MedicationOrder, unit: str) -> float:
    """The order's amount over its course: dose x doses a day x days (one day when unwritten)."""
    if order.dose_value is None or not order.dose_unit:
        return 0.0
    amount = drug.dose_in(order.dose_value, order.dose_unit, unit) or 0.0
    return amount * (order.doses_per_day or 1) * (order.duration_days or 1)


def _cycle(drug: Drug, order: MedicationOrder, patient: PatientContext, kb: Knowledge,
           cycle: Mapping[str, Any], bsa: float | None) -> Iterable[Alert]:  # fmt: skip
    unit = limit_base_unit(str(cycle["unit"]))
    total = _course_amount(drug, order, unit) + sum(
        _course_amount(drug, active, unit)
        for active in patient.active_orders
        if active.drug_code == order.drug_code
    )
    maximum = limit_maximum(cycle, patient.weight_kg, bsa)
    if maximum is not None and total > maximum * (1 + 1e-9):
        yield limit_alert("cycle", order, kb, total, maximum, unit, cycle, bsa=bsa)

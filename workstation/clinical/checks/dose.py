"""Single-dose and daily-dose limits from the formulary (`max_single_dose`, `max_daily_dose`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from workstation.clinical.body_surface import dosing_bsa
from workstation.clinical.checks.common import names, rule_alert
from workstation.clinical.checks.model import Alert, MedicationOrder, PatientContext
from workstation.clinical.dispense_forms import APPLICATION, is_supply_order
from workstation.clinical.formulary import Drug
from workstation.clinical.formulary_schema import limit_base_unit
from workstation.clinical.knowledge import Knowledge


def limit_for_route(spec: Any, route: str | None) -> Mapping[str, Any] | None:
    """The limit that applies to the route: a route-specific one first, else a general one."""
    items = spec if isinstance(spec, list) else [spec] if isinstance(spec, Mapping) else []
    routed = [s for s in items if s.get("route") and route and s["route"] == route]
    general = [s for s in items if not s.get("route")]
    chosen = (routed or general or [None])[0]
    return chosen if chosen and chosen.get("value") else None


def _in_limit_unit(drug: Drug, value: float, unit: str, limit: Mapping[str, Any],
                   weight_kg: float | None, bsa: float | None = None) -> tuple[float, float] | None:  # fmt: skip
    """(dose, maximum) in the limit's unit (through the drug's forms for tablets or mL);
    per-kg limits are scaled by the weight, per-m² ones by the body surface area; a limit in
    applications counts each dose of a tube's order as one application (适量)."""
    maximum = limit_maximum(limit, weight_kg, bsa)
    if _unit(limit) == APPLICATION:  # a semisolid's label limits how often it is applied
        dose: float | None = 1.0 if is_supply_order(drug, unit) else None
    else:
        dose = drug.dose_in(value, unit, _unit(limit))
    return None if dose is None or maximum is None else (dose, maximum)


def daily_amount(drug: Drug, order: MedicationOrder, weight: float | None,
                 limit: Mapping[str, Any], bsa: float | None = None) -> float | None:  # fmt: skip
    """The order's dose a day in the limit's unit (None when it cannot be worked out)."""
    if order.dose_value is None or not order.dose_unit or not order.doses_per_day:
        return None
    pair = _in_limit_unit(drug, order.dose_value, order.dose_unit, limit, weight, bsa)
    return None if pair is None else pair[0] * order.doses_per_day


_LABELS = {"single": ("single dose", "单次剂量"), "daily": ("daily dose", "日剂量"),
           "cycle": ("dose of the course", "本疗程剂量")}  # fmt: skip


def limit_alert(kind: str, order: MedicationOrder, kb: Knowledge, amount: float, maximum: float,
                unit: str, limit: Mapping[str, Any], *, naive: bool = False,
                bsa: float | None = None) -> Alert:  # fmt: skip
    """A dose above a ceiling (single, daily or per course): critical for a high-alert drug."""
    en, zh = names(kb, order.drug_code)
    drug = kb.drug(order.drug_code) or {}
    label, label_zh = _LABELS[kind]
    whose = " for an opioid-naive patient (no opioid tolerance recorded)" if naive else ""
    whose_zh = "（阿片类未耐受患者，未记录阿片耐受）" if naive else ""
    per, per_zh = per_m2_words(amount, maximum, unit, limit, bsa)
    message = f"{en}: {label} {amount:g} {unit}{per} exceeds the maximum {maximum:g} {unit}{whose}"
    message_zh = f"{zh}：{label_zh}{amount:g}{unit}{per_zh}超过最大量{maximum:g}{unit}{whose_zh}"
    if unit == APPLICATION:
        message = f"{en}: applied {amount:g} times a day, more than the label's {maximum:g}"
        message_zh = f"{zh}：每日涂用{amount:g}次，超过说明书的每日{maximum:g}次"
    return Alert(
        category="dose-single" if kind == "single" else "dose-daily",
        severity="critical" if _high_alert(drug, order.route) else "warning",
        message=message,
        message_zh=message_zh,
        rule_id=f"dose-{'naive-' if naive else ''}{kind}-{order.drug_code}",
        source=kb.cite(str(limit.get("source") or "label")),
    )


def _high_alert(drug: Mapping[str, Any], route: str | None) -> bool:
    """ISMP high-alert drug (for the given route when the formulary limits it to some routes)."""
    routes = drug.get("high_alert_routes")
    return bool(drug.get("high_alert")) and (not routes or route in routes)


WEEKLY_OR_ONCE = {"qw", "st"}


def _weekly_only(order: MedicationOrder, kb: Knowledge) -> list[Alert]:
    """A once-weekly drug (methotrexate for non-cancer use) ordered more often than weekly."""
    frequency = (order.frequency or "").lower()
    if not frequency or frequency in WEEKLY_OR_ONCE:
        return []
    groups = kb.groups_of(order.drug_code, order.route)
    en, zh = names(kb, order.drug_code)
    return [
        rule_alert(
            kb, "dose-daily", rule, prefix=f"{en} {frequency}: ", prefix_zh=f"{zh} {frequency}："
        )
        for rule in kb.dose_rules["weekly_only"]
        if rule["group"] in groups
    ][:1]


def check(order: MedicationOrder, patient: PatientContext, kb: Knowledge) -> list[Alert]:
    """Alerts when one dose, or the day's total (with active orders of the same drug), is too
    high, or a once-weekly drug is ordered more often."""
    drug = kb.formulary.by_code(order.drug_code)
    if drug is None or order.dose_value is None or not order.dose_unit:
        return []
    alerts: list[Alert] = _weekly_only(order, kb)
    if alerts:
        return alerts
    bsa = dosing_bsa(patient.body)
    single = limit_for_route(drug.entry.get("max_single_dose"), order.route)
    pair = single and _in_limit_unit(
        drug, order.dose_value, order.dose_unit, single, patient.weight_kg, bsa
    )
    if single and pair and pair[0] > pair[1] * (1 + 1e-9):
        alerts.append(
            limit_alert("single", order, kb, pair[0], pair[1], _unit(single), single, bsa=bsa)
        )
    alerts.extend(_daily_alerts(drug, order, patient, kb, "max_daily_dose", bool(alerts)))
    if not alerts and not patient.opioid_tolerant:
        alerts.extend(_opioid_naive(drug, order, patient, kb))
    return alerts


def _opioid_naive(drug: Drug, order: MedicationOrder, patient: PatientContext,
                  kb: Knowledge) -> list[Alert]:  # fmt: skip
    """The opioid-naive ceilings (`opioid_naive_single_dose` / `_daily_dose`), which a patient
    whose opioid tolerance a doctor recorded does not meet."""
    assert order.dose_value is not None and order.dose_unit
    single = limit_for_route(drug.entry.get("opioid_naive_single_dose"), order.route)
    pair = single and _in_limit_unit(
        drug, order.dose_value, order.dose_unit, single, patient.weight_kg
    )
    if single and pair and pair[0] > pair[1] * (1 + 1e-9):
        return [
            limit_alert("single", order, kb, pair[0], pair[1], _unit(single), single, naive=True)
        ]
    return _daily_alerts(drug, order, patient, kb, "opioid_naive_daily_dose", False, naive=True)


def limit_maximum(
    limit: Mapping[str, Any], weight_kg: float | None, bsa: float | None = None
) -> float | None:
    """The limit's value, scaled by the weight for a per-kg limit (None without a weight) and by
    the body surface area for a per-m² one (None without a BSA to dose by)."""
    value = float(limit["value"])
    unit = str(limit.get("unit") or "").lower()
    if unit.endswith("/kg"):
        return value * weight_kg if weight_kg else None
    if unit.endswith("/m2"):
        return value * bsa if bsa else None
    return value


def per_m2_words(amount: float, maximum: float, unit: str, limit: Mapping[str, Any],
                 bsa: float | None) -> tuple[str, str]:  # fmt: skip
    """` (110 mg/m², BSA 1.82 m²; limit 100 mg/m²)` beside a dose checked against a per-m² limit."""
    if not bsa or not str(limit.get("unit") or "").lower().endswith("/m2"):
        return "", ""
    per, most = f"{amount / bsa:.3g} {unit}/m²", f"{maximum / bsa:.3g} {unit}/m²"
    return (f" ({per}, BSA {bsa:.2f} m²; limit {most})",
            f"（{per}，体表面积{bsa:.2f}m²；上限{most}）")  # fmt: skip


def _unit(limit: Mapping[str, Any]) -> str:
    return limit_base_unit(str(limit.get("unit") or ""))


def _daily_alerts(drug: Drug, order: MedicationOrder, patient: PatientContext, kb: Knowledge,
                  field: str, single_fired: bool, *, naive: bool = False) -> list[Alert]:  # fmt: skip
    """The order's day beside the active orders of the same drug, against the daily ceiling
    (`field`: the maximum, or the opioid-naive one) of the order's route. An active order by a route with a ceiling of its own (morphine: 极量 sc 60,
    po 100 mg a day) counts as its share of that ceiling: milligrams by another route are not
    milligrams by this one, and no conversion ratio is assumed."""
    daily = limit_for_route(drug.entry.get(field), order.route)
    if daily is None:
        return []
    weight, bsa = patient.weight_kg, dosing_bsa(patient.body)
    total, maximum = (
        daily_amount(drug, order, weight, daily, bsa),
        limit_maximum(daily, weight, bsa),
    )
    if total is None or maximum is None or (single_fired and (order.doses_per_day or 0) <= 1):
        return []
    shares: list[tuple[str, float, float]] = []  # another route: its amount and its own ceiling
    for active in patient.active_orders:
        if active.drug_code != order.drug_code:
            continue
        own = limit_for_route(drug.entry.get(field), active.route) or daily
        amount, own_maximum = (
            daily_amount(drug, active, weight, own, bsa),
            limit_maximum(own, weight, bsa),
        )
        if own is daily or not own_maximum:
            total += amount or 0.0
        elif amount:
            total += amount / own_maximum * maximum
            shares.append((str(active.route), amount, own_maximum))
    if total <= maximum * (1 + 1e-9):
        return []
    alert = limit_alert("daily", order, kb, round(total, 1), maximum, _unit(daily), daily,
                        naive=naive, bsa=bsa)  # fmt: skip
    return [_with_shares(alert, shares, _unit(daily))]


def _with_shares(alert: Alert, shares: list[tuple[str, float, float]], unit: str) -> Alert:
    """The daily alert says which other route's order was counted by its share of its ceiling."""
    if not shares:
        return alert
    en = "; ".join(f"{route} {amount:g} {unit} of its {most:g}" for route, amount, most in shares)
    zh = "；".join(
        f"{route} {amount:g}{unit}/其上限{most:g}{unit}" for route, amount, most in shares
    )
    return replace(alert, message=f"{alert.message} (other routes counted as their share of their own maximum: {en})",
                   message_zh=f"{alert.message_zh}（其他途径按占其自身上限的比例计：{zh}）")  # fmt: skip

"""Renal dose adjustment: the formulary's `renal` tiers against the patient's kidney function —
Cockcroft–Gault CrCl for a tier written `crcl_below` (the label speaks of CrCl), eGFR for one
written `egfr_below`. A tier may carry the adjusted dose (`max_single_dose`, `max_daily_dose`):
an order already within it is information, not a warning."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from workstation.clinical.checks.clearance import (
    CKD_EPI_2021,
    COCKCROFT_GAULT,
    Clearance,
    crcl_of,
    egfr_ckd_epi_2021,
    egfr_of,
    patient_egfr,
)
from workstation.clinical.checks.common import names
from workstation.clinical.checks.dose import daily_amount, limit_maximum
from workstation.clinical.checks.drug_diagnosis import icd10_of
from workstation.clinical.checks.model import Alert, MedicationOrder, PatientContext
from workstation.clinical.formulary_schema import limit_base_unit
from workstation.clinical.knowledge import Knowledge

__all__ = [
    "CKD_EPI_2021", "COCKCROFT_GAULT", "check", "egfr_ckd_epi_2021", "patient_egfr", "tier_limit",
]  # fmt: skip

_BASES = ("crcl_below", "egfr_below", "creatinine_above")


def tier_limit(entry: Mapping[str, Any]) -> tuple[str, float]:
    """(`crcl`, `egfr` or `creatinine`, threshold) of a renal tier."""
    for key in _BASES:
        if entry.get(key) is not None:
            return key.split("_")[0], float(entry[key])
    raise KeyError("a renal tier needs crcl_below, egfr_below or creatinine_above")


def _clearance(kind: str, patient: PatientContext) -> Clearance | None:
    if kind == "crcl":
        return crcl_of(patient)
    if kind == "egfr":
        return egfr_of(patient)
    creatinine = patient.labs.get("creatinine_umol_l")
    return Clearance(float(creatinine), "creatinine", "", "") if creatinine else None


def _entries(spec: Any, route: str | None) -> list[Mapping[str, Any]]:
    """The tiers of the order's route (a tier with `routes` is about those only: IV voriconazole)."""
    items = spec if isinstance(spec, list) else [spec] if isinstance(spec, Mapping) else []
    return [
        s for s in items
        if isinstance(s, Mapping) and any(s.get(k) for k in _BASES)
        and (not s.get("routes") or route in s["routes"])
    ]  # fmt: skip


def _under(value: float, threshold: float, entry: Mapping[str, Any]) -> bool:
    """Below the threshold, or at it where the label's band includes it (`inclusive`: Zyloprim's
    "creatinine clearance of 10 to 20 mL/min")."""
    return value < threshold or (bool(entry.get("inclusive")) and value == threshold)


def _applying(
    entries: list[Mapping[str, Any]], patient: PatientContext
) -> tuple[Mapping[str, Any], Clearance] | None:
    """The strictest tier the patient's clearance falls under, with that clearance."""
    found: list[tuple[float, Mapping[str, Any], Clearance]] = []
    cache: dict[str, Clearance | None] = {}
    for entry in entries:
        kind, threshold = tier_limit(entry)
        if kind not in cache:
            cache[kind] = _clearance(kind, patient)
        clearance = cache[kind]
        if clearance is None:
            continue
        if kind == "creatinine" and clearance.value > threshold:
            found.append((-threshold, entry, clearance))  # the highest creatinine is strictest
        elif kind != "creatinine" and _under(clearance.value, threshold, entry):
            found.append((threshold, entry, clearance))
    if not found:
        return None
    _, entry, clearance = min(found, key=lambda item: item[0])
    return entry, clearance


def check(order: MedicationOrder, patient: PatientContext, kb: Knowledge) -> list[Alert]:
    """An alert when kidney function is below the drug's renal threshold (the strictest tier)."""
    drug = kb.drug(order.drug_code) or {}
    applying = _applying(_entries(drug.get("renal"), order.route), patient)
    if applying is None:
        return []
    entry, clearance = applying
    avoid = str(entry.get("action", "")).lower() in {"avoid", "contraindicated"}
    reduced = not avoid and within_renal_dose(order, patient, kb, entry)
    en, zh = names(kb, order.drug_code)
    advice = str(entry.get("advice") or ("avoid" if avoid else "reduce the dose"))
    advice_zh = str(entry.get("advice_zh") or ("避免使用" if avoid else "需减量"))
    if reduced:
        advice = f"the dose is within the renal limit ({advice})"
        advice_zh = f"剂量已在肾功能限量内（{advice_zh}）"
    kind, threshold = tier_limit(entry)
    side, side_zh = ("above", "高于") if kind == "creatinine" else ("below", "低于")
    if entry.get("inclusive") and kind != "creatinine":
        side, side_zh = "at or below", "不高于"
    return [Alert(
        category="renal",
        severity="critical" if avoid else "info" if reduced else "warning",
        message=f"{en}: {clearance.text()} is {side} {threshold:g}: {advice}",
        message_zh=f"{zh}：{clearance.text_zh()}{side_zh}{threshold:g}：{advice_zh}",
        rule_id=f"renal-{order.drug_code}",
        source=kb.cite(str(entry.get("source") or "label")),
    )]  # fmt: skip


def within_renal_dose(
    order: MedicationOrder, patient: PatientContext, kb: Knowledge, entry: Mapping[str, Any]
) -> bool:
    """Whether a `reduce` tier's adjusted dose is kept (rivaroxaban 15 mg at CrCl 15–50; a
    single-dose and a daily ceiling both, where the tier has both): the adjusted dose has been
    ordered, so the alert is information. A tier without a number cannot say so."""
    drug = kb.formulary.by_code(order.drug_code)
    single = _limit(entry.get("max_single_dose"), order.route, patient.diagnoses)
    daily = _limit(entry.get("max_daily_dose"), order.route, patient.diagnoses)
    if drug is None or (single is None and daily is None):
        return False
    weight = patient.weight_kg
    if single is not None:
        dose = (
            drug.dose_in(order.dose_value, order.dose_unit, _unit_of(single))
            if order.dose_value is not None and order.dose_unit
            else None
        )
        maximum = limit_maximum(single, weight)
        if dose is None or maximum is None or dose > maximum * (1 + 1e-9):
            return False
    if daily is not None:
        amount = daily_amount(drug, order, weight, daily)
        maximum = limit_maximum(daily, weight)
        if amount is None or maximum is None or amount > maximum * (1 + 1e-9):
            return False
    return True


def _limit(spec: Any, route: str | None, diagnoses: tuple[str, ...]) -> Mapping[str, Any] | None:
    """A tier's ceiling for the route and the patient's indication: one written for a diagnosis
    the patient has (`for_icd10`: enoxaparin's treatment dose in DVT/PE) first, then a
    route-specific one, else a general one."""
    items = spec if isinstance(spec, list) else [spec] if isinstance(spec, Mapping) else []
    items = [s for s in items if not s.get("for_icd10") or _has_any(diagnoses, s["for_icd10"])]
    indicated = [s for s in items if s.get("for_icd10")]
    routed = [s for s in items if s.get("route") and s["route"] == route]
    general = [s for s in items if not s.get("route") and not s.get("for_icd10")]
    chosen = (indicated or routed or general or [None])[0]
    return chosen if chosen and chosen.get("value") else None


def _has_any(diagnoses: tuple[str, ...], prefixes: list[str]) -> bool:
    codes = [icd10_of(d) for d in diagnoses]
    return any(code and code.startswith(icd10_of(p)) for code in codes for p in prefixes)


def _unit_of(limit: Mapping[str, Any]) -> str:
    return limit_base_unit(str(limit.get("unit") or ""))

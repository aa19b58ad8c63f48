"""Renal dose adjustment: the formulary's `renal` entry against the patient's eGFR."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from workstation.clinical.checks.common import names
from workstation.clinical.checks.dose import daily_amount, limit_maximum
from workstation.clinical.checks.model import Alert, MedicationOrder, PatientContext
from workstation.clinical.knowledge import Knowledge

CKD_EPI_2021 = (
    "Inker LA et al. New creatinine- and cystatin C-based equations to estimate GFR without "
    "race (CKD-EPI 2021), N Engl J Med 2021;385:1737"
)
_UMOL_PER_MG_DL = 88.4  # creatinine: 1 mg/dL = 88.4 µmol/L


def egfr_ckd_epi_2021(creatinine_umol_l: float, age_years: float, sex: str) -> float:
    """eGFR (mL/min/1.73 m²) by the race-free CKD-EPI 2021 creatinine equation."""
    female = sex.lower().startswith("f")
    kappa, alpha = (0.7, -0.241) if female else (0.9, -0.302)
    ratio = creatinine_umol_l / _UMOL_PER_MG_DL / kappa
    egfr = 142 * min(ratio, 1) ** alpha * max(ratio, 1) ** -1.200 * 0.9938**age_years
    return egfr * (1.012 if female else 1.0)


def patient_egfr(patient: PatientContext) -> float | None:
    """The measured eGFR, else one computed from creatinine, age and sex, else None."""
    measured = patient.labs.get("egfr_ml_min_1_73m2")
    if measured is not None:
        return float(measured)
    creatinine = patient.labs.get("creatinine_umol_l")
    if creatinine and patient.age_years is not None and patient.sex:
        return egfr_ckd_epi_2021(float(creatinine), patient.age_years, patient.sex)
    return None


def _entries(spec: Any) -> list[Mapping[str, Any]]:
    items = spec if isinstance(spec, list) else [spec] if isinstance(spec, Mapping) else []
    return [s for s in items if s.get("egfr_below") is not None]


def check(order: MedicationOrder, patient: PatientContext, kb: Knowledge) -> list[Alert]:
    """An alert when the eGFR is below the drug's renal threshold (the strictest one that applies)."""
    drug = kb.drug(order.drug_code) or {}
    entries = _entries(drug.get("renal"))
    egfr = patient_egfr(patient) if entries else None
    if egfr is None:
        return []
    applying = [e for e in entries if egfr < float(e["egfr_below"])]
    if not applying:
        return []
    entry = min(applying, key=lambda e: float(e["egfr_below"]))
    avoid = str(entry.get("action", "")).lower() in {"avoid", "contraindicated"}
    reduced = not avoid and _within_renal_dose(order, patient, kb, entry)
    en, zh = names(kb, order.drug_code)
    advice = str(entry.get("advice") or ("avoid" if avoid else "reduce the dose"))
    advice_zh = str(entry.get("advice_zh") or ("避免使用" if avoid else "需减量"))
    if reduced:
        advice, advice_zh = (
            f"the dose is within the renal limit ({advice})",
            f"剂量已在肾功能限量内（{advice_zh}）",
        )
    measured = "egfr_ml_min_1_73m2" in patient.labs
    basis = "" if measured else " (CKD-EPI 2021 from creatinine)"
    return [Alert(
        category="renal",
        severity="critical" if avoid else "info" if reduced else "warning",
        message=f"{en}: eGFR {egfr:.0f}{basis} is below {entry['egfr_below']}: {advice}",
        message_zh=f"{zh}：eGFR {egfr:.0f}低于{entry['egfr_below']}：{advice_zh}",
        rule_id=f"renal-{order.drug_code}",
        source=kb.cite(str(entry.get("source") or "label")),
    )]  # fmt: skip


def _within_renal_dose(
    order: MedicationOrder, patient: PatientContext, kb: Knowledge, entry: Mapping[str, Any]
) -> bool:
    """Whether a `reduce` tier's own daily maximum (rivaroxaban 15 mg at CrCl 15–50) is kept:
    the reduced dose has been ordered, so the alert is information."""
    limit = entry.get("max_daily_dose")
    drug = kb.formulary.by_code(order.drug_code)
    if not isinstance(limit, Mapping) or drug is None:
        return False
    amount = daily_amount(drug, order, patient.weight_kg, limit)
    maximum = limit_maximum(limit, patient.weight_kg)
    return amount is not None and maximum is not None and amount <= maximum * (1 + 1e-9)

"""Kidney function for renal dosing: Cockcroft–Gault creatinine clearance where a label speaks
of CrCl, eGFR (measured, or CKD-EPI 2021 from creatinine) where it speaks of eGFR."""

from __future__ import annotations

from dataclasses import dataclass

from workstation.clinical.checks.model import PatientContext

CKD_EPI_2021 = (
    "Inker LA et al. New creatinine- and cystatin C-based equations to estimate GFR without "
    "race (CKD-EPI 2021), N Engl J Med 2021;385:1737"
)
COCKCROFT_GAULT = (
    "Cockcroft DW, Gault MH. Prediction of creatinine clearance from serum creatinine, "
    "Nephron 1976;16:31-41"
)
_UMOL_PER_MG_DL = 88.4  # creatinine: 1 mg/dL = 88.4 µmol/L


@dataclass(frozen=True, slots=True)
class Clearance:
    """A kidney-function figure, what it is (`crcl` or `egfr`) and how it was reached, in words
    the alert shows (`CrCl 28 mL/min, Cockcroft–Gault: 82 y, 50 kg, female, creatinine 110 µmol/L`)."""

    value: float
    kind: str
    basis: str
    basis_zh: str

    def text(self) -> str:
        """`CrCl 28 mL/min (Cockcroft–Gault: ...)`, `eGFR 25` or `creatinine 300 µmol/L`."""
        name = {"crcl": "CrCl", "egfr": "eGFR"}.get(self.kind, "creatinine")
        unit = {"crcl": " mL/min", "egfr": ""}.get(self.kind, " µmol/L")
        return f"{name} {self.value:.0f}{unit}" + (f" ({self.basis})" if self.basis else "")

    def text_zh(self) -> str:
        """`肌酐清除率 28 mL/min（Cockcroft–Gault：...）` or `eGFR 25`."""
        name = {"crcl": "肌酐清除率", "egfr": "eGFR"}.get(self.kind, "血肌酐")
        unit = {"crcl": " mL/min", "egfr": ""}.get(self.kind, " µmol/L")
        return f"{name} {self.value:.0f}{unit}" + (f"（{self.basis_zh}）" if self.basis_zh else "")


def egfr_ckd_epi_2021(creatinine_umol_l: float, age_years: float, sex: str) -> float:
    """eGFR (mL/min/1.73 m²) by the race-free CKD-EPI 2021 creatinine equation."""
    female = sex.lower().startswith("f")
    kappa, alpha = (0.7, -0.241) if female else (0.9, -0.302)
    ratio = creatinine_umol_l / _UMOL_PER_MG_DL / kappa
    egfr = 142 * min(ratio, 1) ** alpha * max(ratio, 1) ** -1.200 * 0.9938**age_years
    return egfr * (1.012 if female else 1.0)


def crcl_cockcroft_gault(
    creatinine_umol_l: float, age_years: float, weight_kg: float, sex: str
) -> float:
    """Creatinine clearance (mL/min) = (140 − age) × weight / (72 × creatinine mg/dL), × 0.85 for
    women (actual body weight)."""
    female = sex.lower().startswith("f")
    crcl = (140 - age_years) * weight_kg / (72 * creatinine_umol_l / _UMOL_PER_MG_DL)
    return crcl * (0.85 if female else 1.0)


def patient_egfr(patient: PatientContext) -> float | None:
    """The measured eGFR, else one computed from creatinine, age and sex, else None."""
    found = egfr_of(patient)
    return found.value if found else None


def egfr_of(patient: PatientContext) -> Clearance | None:
    """The measured eGFR, else CKD-EPI 2021 from creatinine, age and sex, else None."""
    measured = patient.labs.get("egfr_ml_min_1_73m2")
    if measured is not None:
        return Clearance(float(measured), "egfr", "", "")
    creatinine = patient.labs.get("creatinine_umol_l")
    if creatinine and patient.age_years is not None and patient.sex:
        value = egfr_ckd_epi_2021(float(creatinine), patient.age_years, patient.sex)
        return Clearance(value, "egfr", "CKD-EPI 2021 from creatinine", "由肌酐按CKD-EPI 2021计算")
    return None


def crcl_of(patient: PatientContext) -> Clearance | None:
    """Cockcroft–Gault CrCl from the latest creatinine, age, weight and sex; without one of them
    the eGFR stands in (said so in the alert), else None."""
    creatinine = patient.labs.get("creatinine_umol_l")
    age, weight, sex = patient.age_years, patient.weight_kg, patient.sex
    if creatinine and age is not None and weight and sex:
        value = crcl_cockcroft_gault(float(creatinine), age, float(weight), sex)
        female = sex.lower().startswith("f")
        basis = (
            f"Cockcroft–Gault: {age:g} y, {float(weight):g} kg, "
            f"{'female' if female else 'male'}, creatinine {float(creatinine):g} µmol/L"
        )
        basis_zh = (
            f"Cockcroft–Gault：{age:g}岁，{float(weight):g} kg，{'女' if female else '男'}，"
            f"肌酐 {float(creatinine):g} µmol/L"
        )
        return Clearance(value, "crcl", basis, basis_zh)
    egfr = egfr_of(patient)
    if egfr is None:
        return None
    missing = next(
        name for name, value in (("creatinine", creatinine), ("age", age is not None),
                                 ("weight", weight), ("sex", sex)) if not value
    )  # fmt: skip
    return Clearance(
        egfr.value,
        "egfr",
        f"in place of CrCl: no {missing} recorded" + (f"; {egfr.basis}" if egfr.basis else ""),
        "无法计算肌酐清除率，以eGFR代替" + (f"；{egfr.basis_zh}" if egfr.basis_zh else ""),
    )

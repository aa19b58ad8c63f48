"""The checks' patient context built from the projection chart, and the eGFR equation."""

from __future__ import annotations

from datetime import date

import pytest

from workstation.clinical.checks.context import age_on, patient_context_from_chart
from workstation.clinical.checks.renal import egfr_ckd_epi_2021


def test_ckd_epi_2021_matches_published_calculator_values():
    # 60-year-old, creatinine 1.0 mg/dL (88.4 µmol/L): 64 (female) and 86 (male) mL/min/1.73 m²
    assert egfr_ckd_epi_2021(88.4, 60, "female") == pytest.approx(64.5, abs=0.5)
    assert egfr_ckd_epi_2021(88.4, 60, "male") == pytest.approx(86.2, abs=0.5)


def test_age_counts_whole_years():
    assert age_on("1950-06-15", date(2026, 6, 14)) == 75
    assert age_on("1950-06-15", date(2026, 6, 15)) == 76
    assert age_on(None, date(2026, 1, 1)) is None


def _order(code: str, status: str = "placed", **extra: object) -> dict[str, object]:
    return {"order_kind": "medication", "drug_code": code, "dose_value": 3.0, "dose_unit": "mg",
            "route": "po", "frequency": "bid", "status": status, "voided": False, "prn": False,
            "description": code, **extra}  # fmt: skip


def test_context_from_chart():
    chart = {
        "patient": {"birth_date": "1950-01-01", "sex": "female", "weight_kg": 58.0,
                    "diagnosis": "心力衰竭"},
        "allergies": [{"substance": "青霉素", "voided": False}, {"substance": "sulfa", "voided": True}],
        "problems": [
            {"icd10": "I48.0", "description": "atrial fibrillation", "status": "active", "voided": False},
            {"icd10": "J18.9", "description": "pneumonia", "status": "resolved", "voided": False},
        ],
        "orders": [
            _order("warfarin"), _order("aspirin", status="discontinued"),
            _order("ceftriaxone", voided=True), {**_order("x"), "order_kind": "lab"},
        ],
        "labs": [
            {"test_code": "K", "numeric_value": 5.6, "resulted_at": "2026-01-02T08:00", "voided": False},
            {"test_code": "K", "numeric_value": 4.0, "resulted_at": "2026-01-01T08:00", "voided": False},
            {"test_code": "INR", "numeric_value": 2.2, "resulted_at": "2026-01-01T08:00", "voided": False},
            {"test_code": "HGB", "numeric_value": 120, "resulted_at": "2026-01-01T08:00", "voided": False},
        ],
    }  # fmt: skip
    context = patient_context_from_chart(chart, today=date(2026, 1, 3))
    assert context.age_years == 76 and context.sex == "female" and context.weight_kg == 58.0
    assert context.allergies == ("青霉素",)
    assert [o.drug_code for o in context.active_orders] == ["warfarin"]
    assert context.active_orders[0].doses_per_day == 2
    assert context.labs == {"potassium_mmol_l": 5.6, "inr": 2.2}
    assert context.diagnoses == ("I48.0 atrial fibrillation", "心力衰竭")

"""Dosing per m² of body surface area (issue 11 item 0, the 目录's anticancer drugs): the BSA from
the chart's latest height and weight (Mosteller), the per-m² ceilings, and a clear warning
(never a guess) when the height or the weight is missing or stale."""

from __future__ import annotations

import math
from datetime import date

import pytest

from workstation.clinical.body_surface import (
    HEIGHT_FRESH_DAYS,
    WEIGHT_FRESH_DAYS,
    BodySize,
    body_size_from_chart,
    mosteller,
)
from workstation.clinical.checks import MedicationOrder, PatientContext, check_order
from workstation.clinical.formulary import default_formulary, formulary_from_document
from workstation.clinical.knowledge import load_knowledge

_SOURCE = "test fixture"
_VIAL = {"form_en": "injection", "form_zh": "注射剂", "strength": 100, "unit": "mg",
         "dispense_unit": "vial"}  # fmt: skip


def _knowledge():
    drug = {
        "code": "docetaxel", "name_en": "Docetaxel", "name_zh": "多西他赛", "pinyin": "dxts",
        "atc": "L01CD02", "forms": [_VIAL], "routes": ["ivgtt"], "default_dose": 130,
        "default_unit": "mg", "default_frequency": "st", "high_alert": True,
        "max_single_dose": {"value": 100, "unit": "mg/m2", "source": _SOURCE},
        "max_cycle_dose": {"value": 100, "unit": "mg/m2", "cycle_days": 21, "source": _SOURCE},
    }  # fmt: skip
    return load_knowledge(formulary=formulary_from_document({"drugs": [drug]}))


def _alerts(dose: float, body: BodySize | None, *, days: int | None = None):
    order = MedicationOrder("docetaxel", dose, "mg", "ivgtt", "st", 1, duration_days=days)
    return check_order(order, PatientContext(weight_kg=70, body=body), _knowledge())


FRESH = BodySize(height_cm=170, weight_kg=70, height_days=30, weight_days=1)


def test_mosteller_is_the_square_root_of_height_times_weight_over_3600() -> None:
    assert mosteller(170, 70) == pytest.approx(math.sqrt(170 * 70 / 3600))
    assert round(mosteller(170, 70), 2) == 1.82
    assert FRESH.bsa_m2 == pytest.approx(mosteller(170, 70))


def test_a_dose_within_the_per_m2_ceiling_shows_the_bsa_and_the_dose_per_m2() -> None:
    alerts = _alerts(130, FRESH)
    assert [a.severity for a in alerts] == ["info"]
    assert "BSA 1.82 m²" in alerts[0].message and "71.5 mg/m²" in alerts[0].message
    assert "Mosteller" in alerts[0].source and "体表面积1.82m²" in alerts[0].message_zh


def test_a_dose_above_the_per_m2_ceiling_is_critical_for_a_high_alert_drug() -> None:
    alerts = _alerts(200, FRESH)  # 110 mg/m² against 100 mg/m²
    single = [a for a in alerts if a.rule_id == "dose-single-docetaxel"]
    assert single and single[0].severity == "critical"
    assert "110 mg/m²" in single[0].message and "BSA 1.82 m²" in single[0].message


def test_a_course_above_the_per_cycle_ceiling_warns() -> None:
    alerts = _alerts(100, FRESH, days=3)  # 300 mg in the course: 165 mg/m²
    assert any(a.rule_id == "dose-cycle-docetaxel" for a in alerts)
    assert not any(a.rule_id == "dose-cycle-docetaxel" for a in _alerts(100, FRESH, days=1))


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (None, "height not recorded"),
        (BodySize(height_cm=None, weight_kg=70, height_days=None, weight_days=1),
         "height not recorded"),
        (BodySize(height_cm=170, weight_kg=70, height_days=1,
                  weight_days=WEIGHT_FRESH_DAYS + 1), "weight measured 8 days ago"),
        (BodySize(height_cm=170, weight_kg=70, height_days=HEIGHT_FRESH_DAYS + 1,
                  weight_days=1), "height measured 366 days ago"),
        (BodySize(height_cm=170, weight_kg=70, height_days=1, weight_days=None),
         "date of the weight unknown"),
    ],
)  # fmt: skip
def test_missing_or_stale_height_or_weight_warns_and_never_guesses(body, words) -> None:
    alerts = _alerts(130, body)
    assert [a.severity for a in alerts] == ["warning"]
    assert words in alerts[0].message and "not checked" in alerts[0].message
    assert "未核对" in alerts[0].message_zh
    # even a dose far above the ceiling for any plausible BSA is not silently passed
    assert any(a.severity == "warning" for a in _alerts(400, body))


def test_the_chart_gives_the_latest_height_and_weight_with_their_age() -> None:
    chart = {
        "patient": {"weight_kg": 80, "admitted_at": "2026-11-01T08:00:00Z"},
        "vitals": [
            {"taken_at": "2026-12-01T08:00:00Z", "height_cm": 168, "weight_kg": None},
            {"taken_at": "2026-12-05T08:00:00Z", "height_cm": None, "weight_kg": 66.5},
            {"taken_at": "2026-12-06T08:00:00Z", "weight_kg": 99, "voided": True},
        ],
    }  # fmt: skip
    body = body_size_from_chart(chart, today=date(2026, 12, 7))
    assert body == BodySize(height_cm=168, weight_kg=66.5, height_days=6, weight_days=2)
    only_admission = body_size_from_chart({"patient": chart["patient"]}, today=date(2026, 12, 7))
    assert only_admission == BodySize(None, 80, None, 36)


def _shipped(code: str, dose: float, unit: str, route: str, freq: str = "st", per_day: float = 1,
             body: BodySize | None = FRESH, days: int | None = None) -> list[tuple[str, str]]:  # fmt: skip
    order = MedicationOrder(code, dose, unit, route, freq, per_day, duration_days=days)
    alerts = check_order(order, PatientContext(weight_kg=body.weight_kg if body else 70, body=body))
    return [(a.rule_id.removesuffix(f"-{code}"), a.severity) for a in alerts]


@pytest.mark.parametrize(
    ("code", "dose", "unit", "route", "expected"),
    [
        ("docetaxel", 130, "mg", "ivgtt", [("dose-bsa", "info")]),  # 71.5 mg/m²
        ("docetaxel", 200, "mg", "ivgtt", [("dose-single", "critical"), ("dose-cycle", "critical"),
                                           ("dose-bsa", "info")]),
        ("paclitaxel", 300, "mg", "ivgtt", [("dose-bsa", "info")]),  # 165 mg/m²
        ("carboplatin", 1000, "mg", "ivgtt", [("dose-single", "critical")]),  # above AUC 6 × 150
        ("vincristine", 4, "mg", "iv", [("dose-single", "critical"), ("dose-bsa", "info")]),
        ("vincristine", 3, "mg", "iv", [("dose-daily", "critical"), ("dose-bsa", "info")]),  # 2 mg cap
        ("rituximab", 650, "mg", "ivgtt", [("dose-bsa", "info")]),  # 357 mg/m²
    ],
)  # fmt: skip
def test_the_shipped_anticancer_ceilings(code, dose, unit, route, expected) -> None:
    assert sorted(_shipped(code, dose, unit, route)) == sorted(expected)


def test_a_cyclophosphamide_course_is_checked_per_kg_and_the_chemotherapy_is_high_alert() -> None:
    assert ("dose-cycle", "critical") in _shipped(
        "cyclophosphamide", 1200, "mg", "ivgtt", "qd", 1, days=3
    )  # 3.6 g for 70 kg > 50 mg/kg
    assert _shipped("cyclophosphamide", 1000, "mg", "ivgtt") == []
    formulary = default_formulary()
    chemo = ["cisplatin", "docetaxel", "capecitabine", "cytarabine", "vincristine", "tretinoin"]
    assert all(formulary.by_code(code).high_alert for code in chemo)  # type: ignore[union-attr]


def test_a_shipped_per_m2_drug_without_a_height_warns() -> None:
    assert _shipped("oxaliplatin", 150, "mg", "ivgtt", body=None) == [
        ("dose-bsa-missing", "warning")
    ]

"""Dot-phrases filled from a chart dict, in Chinese and English."""

from __future__ import annotations

from typing import Any

from workstation.clinical.dot_phrases import PHRASES, expand

EMPTY: dict[str, Any] = {"vitals": [], "orders": [], "allergies": [], "problems": [], "labs": []}


def full_chart() -> dict[str, Any]:
    return {
        "vitals": [
            {"taken_at": "2024-03-01T00:00:00.000Z", "temperature_c": 38.5, "pulse_bpm": 110,
             "voided": False},
            {"taken_at": "2024-03-02T00:00:00.000Z", "temperature_c": 37.2, "pulse_bpm": 96,
             "resp_rate": 18, "systolic_mmhg": 128, "diastolic_mmhg": 76, "spo2_pct": 97,
             "on_oxygen": True, "voided": False},
        ],
        "orders": [
            {"order_kind": "medication", "status": "verified", "drug_name": "furosemide",
             "description": "furosemide", "dose_value": 20.0, "dose_unit": "mg", "route": "iv",
             "frequency": "bid", "prn": False, "placed_at": "2024-03-01T01:00:00Z", "voided": False},
            {"order_kind": "medication", "status": "discontinued", "drug_name": "digoxin",
             "description": "digoxin", "placed_at": "2024-03-01T01:00:00Z", "voided": False},
            {"order_kind": "lab", "status": "placed", "description": "CBC",
             "placed_at": "2024-03-01T01:00:00Z", "voided": False},
        ],
        "allergies": [{"substance": "penicillin", "severity": "severe", "reaction": "rash",
                       "voided": False},
                      {"substance": "latex", "severity": "mild", "voided": True}],
        "problems": [{"description": "heart failure", "icd10": "I50.9", "status": "active",
                      "voided": False},
                     {"description": "pneumonia", "status": "resolved", "voided": False}],
        "labs": [
            {"test_code": "K", "test_name": "potassium", "value": "4.1", "unit": "mmol/L",
             "flag": None, "resulted_at": "2024-03-01T02:00:00.000Z", "voided": False},
            {"test_code": "K", "test_name": "potassium", "value": "5.9", "unit": "mmol/L",
             "flag": "H", "resulted_at": "2024-03-02T02:00:00.000Z", "voided": False},
        ],
    }  # fmt: skip


def test_vitals_uses_the_latest_set_in_both_languages() -> None:
    english = expand(".vitals", full_chart(), "en")
    assert english is not None and english.startswith(
        "T 37.2 °C, HR 96/min, RR 18/min, BP 128/76 mmHg"
    )
    assert "SpO2 97% (on oxygen)" in english and "38.5" not in english
    assert "(at 2024-03-02 08:00)" in english  # taken 00:00 UTC: on the ward's clock (+08:00)
    chinese = expand("vitals", full_chart(), "zh_CN")
    assert chinese is not None and chinese.startswith(
        "T 37.2°C，P 96次/分，R 18次/分，BP 128/76mmHg"
    )


def test_meds_lists_only_medications_in_force() -> None:
    assert expand(".meds", full_chart(), "en") == "- furosemide 20 mg iv bid"


def test_allergies_skip_voided_and_say_none_recorded_rather_than_no_allergy() -> None:
    assert expand(".allergies", full_chart(), "en") == "penicillins (severe: rash)"
    assert expand(".allergies", full_chart(), "zh_CN") == "青霉素类（重度：rash）"
    assert expand(".allergies", EMPTY, "zh_CN") == "过敏史未记录"
    nka = {**EMPTY, "allergy_reviews": [{"recorded_by": "n1", "recorded_at": "2026-03-01T08:00:00Z",
                                         "voided": False}]}  # fmt: skip
    assert expand(".allergies", nka, "en").startswith("No known allergies (n1")


def test_problems_are_the_active_ones_with_icd10() -> None:
    assert expand(".problems", full_chart(), "en") == "1. heart failure (I50.9)"


def test_labs_show_the_latest_result_per_test_with_a_flag_arrow() -> None:
    text = expand(".labs", full_chart(), "en")
    assert text is not None and text.startswith("potassium 5.9 mmol/L↑") and "4.1" not in text


def test_every_phrase_says_when_there_is_nothing_and_unknown_names_are_none() -> None:
    for name in PHRASES:
        for language in ("en", "zh_CN"):
            assert expand(name, EMPTY, language)
    assert expand(".nothing", full_chart(), "en") is None

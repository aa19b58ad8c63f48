"""Vitals plausibility: impossible values refused (as the event contract would), extreme
NEWS2 values asking for a confirmation, ordinary values passing."""

from __future__ import annotations

import pytest

from workstation.clinical.vitals_limits import check_vitals, needs_confirmation, refused
from workstation.events import Event, event_problems

AT = "2024-03-01T08:00:00.000Z"
ORDINARY = {"temperature_c": 37.2, "pulse_bpm": 82, "resp_rate": 16, "systolic_mmhg": 128,
            "diastolic_mmhg": 76, "spo2_pct": 97, "on_oxygen": False, "weight_kg": 61.5,
            "pain_score": 2}  # fmt: skip


def contract_refuses(values: dict) -> bool:
    """Whether the shared VitalsRecorded contract would refuse these values."""
    event = Event("0190b8e2-7c3a-7d1e-9f00-000000000001", "VitalsRecorded",
                  "0190b8e2-7c3a-7d1e-9f00-000000000002", "n-1", "dev-1", 1, AT,
                  {"taken_at": AT, **values})  # fmt: skip
    return bool(event_problems(event))


def test_ordinary_values_pass():
    assert check_vitals(ORDINARY) == []


@pytest.mark.parametrize(("field", "value"), [
    ("temperature_c", 370), ("temperature_c", 19.9), ("pulse_bpm", 351), ("resp_rate", 121),
    ("systolic_mmhg", 351), ("spo2_pct", 101), ("pain_score", 11), ("weight_kg", 701),
    ("pulse_bpm", -1),
])  # fmt: skip
def test_impossible_values_are_refused_like_the_event_contract(field, value):
    findings = check_vitals(ORDINARY | {field: value})
    assert refused(findings)
    assert [f.field for f in findings] == [field]
    assert contract_refuses(ORDINARY | {field: value})


def test_diastolic_at_or_above_systolic_is_impossible():
    findings = check_vitals(ORDINARY | {"systolic_mmhg": 90, "diastolic_mmhg": 90})
    assert refused(findings) and findings[0].field == "diastolic_mmhg"
    assert not refused(check_vitals(ORDINARY | {"systolic_mmhg": 90, "diastolic_mmhg": 89}))


@pytest.mark.parametrize(("field", "value", "confirm"), [
    ("pulse_bpm", 131, True), ("pulse_bpm", 130, False), ("pulse_bpm", 40, True),
    ("pulse_bpm", 41, False), ("resp_rate", 25, True), ("resp_rate", 8, True),
    ("resp_rate", 24, False), ("systolic_mmhg", 90, True), ("systolic_mmhg", 220, True),
    ("systolic_mmhg", 219, False), ("temperature_c", 35.0, True), ("temperature_c", 35.1, False),
    ("spo2_pct", 91, True), ("spo2_pct", 92, False),
])  # fmt: skip
def test_extreme_values_ask_for_confirmation(field, value, confirm):
    findings = check_vitals(ORDINARY | {field: value})
    assert not refused(findings)
    assert needs_confirmation(findings) == ([field] if confirm else [])


def test_spo2_confirmation_follows_the_patients_scale():
    copd = ORDINARY | {"spo2_pct": 88, "on_oxygen": True}
    assert needs_confirmation(check_vitals(copd)) == ["spo2_pct"]
    assert needs_confirmation(check_vitals(copd, spo2_scale=2)) == []
    assert needs_confirmation(check_vitals(copd | {"spo2_pct": 98}, spo2_scale=2)) == ["spo2_pct"]


def test_impossible_wins_over_unlikely_and_message_names_the_unit():
    assert all(f.level == "impossible" for f in check_vitals({"pulse_bpm": 400, "resp_rate": 30}))
    (finding,) = check_vitals({"pulse_bpm": 140})
    assert finding.message == "pulse_bpm 140 /min is extreme: recheck and confirm"

"""The handoff summary from a chart, and its I-PASS and SBAR text."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.unit.test_mar import TIMES, order
from workstation.clinical.handoff import handoff_text, summarise

NOW = datetime(2024, 3, 1, 5, 0, tzinfo=UTC)


def chart() -> dict:
    """A small chart with every section the handoff reads."""
    vitals = [
        {"taken_at": "2024-03-01T00:00:00.000Z", "resp_rate": 16, "spo2_pct": 97, "on_oxygen": False,
         "systolic_mmhg": 120, "pulse_bpm": 70, "consciousness": "A", "temperature_c": 37.0},
        {"taken_at": "2024-03-01T04:00:00.000Z", "resp_rate": 22, "spo2_pct": 95, "on_oxygen": True,
         "systolic_mmhg": 105, "pulse_bpm": 95, "consciousness": "A", "temperature_c": 38.4},
    ]  # fmt: skip
    return {
        "patient": {"name": "张三", "bed": "12", "record_number": "MRN0001",
                    "diagnosis": "pneumonia"},
        "problems": [{"description": "community-acquired pneumonia", "status": "active"},
                     {"description": "old fracture", "status": "resolved"}],
        "allergies": [{"substance": "penicillin", "severity": "severe"},
                      {"substance": "latex", "severity": "mild", "voided": True}],
        "orders": [order(), order("lab1", order_kind="lab", description="CBC", status="placed")],
        "administrations": [],
        "vitals": vitals,
        "assessments": [
            {"kind": "morse", "total": 45, "risk": "high", "assessed_at": "2024-03-01T00:00:00.000Z",
             "items": "{}"},
            {"kind": "admission_nursing", "total": None, "risk": None,
             "assessed_at": "2024-02-29T00:00:00.000Z",
             "items": '{"lines_and_devices": "PICC right arm"}'},
        ],
        "intake_output": [{"direction": "intake", "category": "iv", "volume_ml": 1000,
                           "measured_at": "2024-03-01T01:00:00.000Z"}],
        "handoffs": [{"text": "night: settled", "recorded_at": "2024-02-29T12:00:00.000Z"}],
    }  # fmt: skip


def test_summary_is_filled_from_the_chart():
    summary = summarise(chart(), now=NOW, times=TIMES)
    assert summary.patient == "张三, bed 12, MRN0001, pneumonia"
    assert summary.news2_trend == [0, 8]  # latest: RR 2, SpO2 1, O2 2, SBP 1, pulse 1, temp 1
    assert summary.severity == "high"
    assert summary.problems == ["community-acquired pneumonia"]
    assert summary.allergies == ["penicillin (severe)"]
    assert summary.pending_results == ["CBC"]
    assert summary.lines_and_risks == ["lines: PICC right arm", "morse 45 (high)"]
    assert summary.due_next_shift[:2] == ["00:00 amox 500mg po tid (overdue)",
                                          "06:00 amox 500mg po tid (due)"]  # fmt: skip
    assert "balance +1000 mL" in summary.fluid_balance
    assert summary.last_handoff == "night: settled"


@pytest.mark.parametrize(("style", "first"), [("ipass", "I (illness severity)"),
                                              ("sbar", "S (situation)")])  # fmt: skip
def test_text_follows_the_chosen_order(style, first):
    text = handoff_text(summarise(chart(), now=NOW, times=TIMES), style)
    assert text.startswith(first)
    assert "penicillin (severe)" in text and "CBC" in text


def test_unknown_style_is_refused():
    with pytest.raises(ValueError):
        handoff_text(summarise(chart(), now=NOW, times=TIMES), "soap")

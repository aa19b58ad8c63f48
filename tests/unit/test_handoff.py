"""The handoff summary from a chart, and its I-PASS and SBAR text in English and Chinese, with
due times on the ward clock; the one wording of an allergy line."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from tests.unit.test_mar import TIMES, order
from workstation.clinical.dot_phrases import allergy_entries
from workstation.clinical.handoff import DueDose, RiskScore, handoff_text, summarise
from workstation.reports.context import Hospital, PrintContext
from workstation.reports.handoff import allergy_text

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
    assert summary.patient["name"] == "张三"
    assert summary.news2_trend == [0, 8]  # latest: RR 2, SpO2 1, O2 2, SBP 1, pulse 1, temp 1
    assert summary.severity == "high"
    assert summary.problems == ["community-acquired pneumonia"]
    assert [a["substance"] for a in summary.allergies] == ["penicillin"]
    assert summary.pending_results == ["CBC"]
    assert summary.lines == "PICC right arm"
    assert summary.risks == [RiskScore("morse", 45, "high")]
    assert summary.fluid_balance is not None and summary.fluid_balance.balance_ml == 1000
    assert summary.last_handoff == "night: settled"


def test_due_times_are_ward_wall_clock_not_utc():
    # the 00:00Z and 06:00Z rounds are 08:00 and 14:00 on the ward's +08:00 clock
    summary = summarise(chart(), now=NOW, times=TIMES)
    assert summary.due_next_shift[:2] == [DueDose("08:00", "amox 500mg po tid", "overdue"),
                                          DueDose("14:00", "amox 500mg po tid", "due")]  # fmt: skip
    text = handoff_text(summary, "ipass", language="en_US")
    assert "08:00 amox 500mg po tid (overdue); 14:00 amox 500mg po tid (due)" in text


@pytest.mark.parametrize(("style", "first"), [("ipass", "I (illness severity): high"),
                                              ("sbar", "S (situation): 张三, bed 12")])  # fmt: skip
def test_text_follows_the_chosen_order(style, first):
    text = handoff_text(summarise(chart(), now=NOW, times=TIMES), style, language="en_US")
    assert text.startswith(first)
    assert "penicillins (severe)" in text and "CBC" in text and "Morse 45 (high)" in text
    assert "lines: PICC right arm" in text and "balance +1000 mL" in text


@pytest.mark.parametrize(("style", "first"), [("ipass", "I 病情严重程度：高危；NEWS2 0 → 8"),
                                              ("sbar", "S 现状：张三，12 床，MRN0001")])  # fmt: skip
def test_chinese_text_has_no_english_words_of_its_own(style, first):
    text = handoff_text(summarise(chart(), now=NOW, times=TIMES), style, language="zh_CN")
    assert text.startswith(first)
    assert "青霉素类（重度）" in text and "08:00 amox 500mg po tid（逾时）" in text
    assert "Morse 跌倒评分 45（高风险）" in text and "平衡 +1000 mL" in text
    # once the recorded patient data is taken out, only the scales' own names stay in Latin
    for recorded in ("MRN0001", "community-acquired pneumonia", "pneumonia", "penicillin",
                     "amox 500mg po tid", "CBC", "PICC right arm"):  # fmt: skip
        text = text.replace(recorded, "")
    assert set(re.findall(r"[A-Za-z]+", text)) <= {"I", "P", "A", "S", "B", "R", "NEWS", "Morse",
                                                   "Braden", "mL"}  # fmt: skip


def test_allergy_lines_have_no_empty_reaction():
    rows = [{"substance": "penicillin", "severity": "severe", "reaction": ""},
            {"substance": "latex", "severity": "mild", "reaction": "皮疹"}]  # fmt: skip
    # "penicillin" is an allergy class's id (what a positive skin test records): it is named by
    # the class's name in the reader's language; "latex" is no class and stays as typed
    assert allergy_entries(rows, "zh_CN") == ["青霉素类（重度）", "latex（轻度：皮疹）"]
    assert allergy_entries(rows, "en_US") == ["penicillins (severe)", "latex (mild: 皮疹)"]
    ctx = PrintContext("zh_CN", "护士", NOW, Hospital("医院", "Hospital"), TIMES)
    assert allergy_text(ctx, {"allergies": rows}) == "青霉素类（重度）；latex（轻度：皮疹）"
    assert allergy_text(ctx, {"allergies": []}) == "过敏史未记录"
    reviewed = {
        "allergies": [],
        "allergy_reviews": [
            {"recorded_by": "u1", "recorded_at": "2026-03-01T00:00:00Z", "voided": False}
        ],
    }
    assert allergy_text(ctx, reviewed).startswith("无已知过敏（")


def test_unknown_style_is_refused():
    with pytest.raises(ValueError):
        handoff_text(summarise(chart(), now=NOW, times=TIMES), "soap", language="en_US")

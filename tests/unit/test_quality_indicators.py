"""The quality indicators' rules (质控) on hand-computed cases: deadlines, alerts, dose timing,
NEWS2 response, shares, medians and percentiles."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from workstation.clinical import quality_indicators as qi
from workstation.clinical.schedule import AdministrationTimes
from workstation.clock import iso

T0 = datetime(2026, 3, 2, 0, 0, tzinfo=UTC)
H = timedelta(hours=1)
MIN = timedelta(minutes=1)


def test_note_deadlines_follow_the_2010_rules() -> None:
    assert qi.note_due_at("first_progress_note", T0) == T0 + 8 * H
    assert qi.note_due_at("admission_note", T0) == T0 + 24 * H
    assert qi.note_due_at("ward_round_note", T0) == T0 + 48 * H
    assert qi.note_due_at("daily_progress_note", T0) is None


def test_note_status_counts_unsigned_notes_only_once_due() -> None:
    due = T0 + 8 * H
    assert qi.note_status(due, T0 + 8 * H, now=T0 + 9 * H) == "on_time"  # at the deadline
    assert qi.note_status(due, T0 + 8 * H + MIN, now=T0 + 9 * H) == "late"
    assert qi.note_status(due, None, now=T0 + 9 * H) == "late"
    assert qi.note_status(due, None, now=T0 + 7 * H) is None


def test_alert_facts_mark_a_rule_overridden_only_with_a_reason() -> None:
    overrides = {
        "alerts": [
            {"rule_id": "a", "category": "drug-allergy", "severity": "critical"},
            {"rule_id": "b", "category": "dose-single", "severity": "warning"},
            {"rule_id": "b", "category": "dose-single", "severity": "warning"},  # counted once
            {"category": "renal"},  # no rule id: not an alert
        ],
        "reasons": {"a": "tolerated before", "b": "  "},
    }
    facts = qi.alert_facts(overrides)
    assert [(f["rule_id"], f["overridden"]) for f in facts] == [("a", True), ("b", False)]
    assert qi.alert_facts(None) == [] and qi.alert_facts("text") == []


def test_dose_timing_uses_the_one_hour_window() -> None:
    due = T0 + 8 * H
    assert qi.dose_timing(due, due + 60 * MIN) == "on_time"
    assert qi.dose_timing(due, due + 61 * MIN) == "late"
    assert qi.dose_timing(due, due - 61 * MIN) == "early"
    assert qi.dose_timing(None, due) is None
    assert qi.dose_timing(due, due + 40 * MIN, window=30 * MIN) == "late"


def test_missed_doses_are_due_times_closed_with_nothing_recorded() -> None:
    due = [T0, T0 + 12 * H, T0 + 24 * H]
    now = T0 + 24 * H + 30 * MIN  # the last window is still open
    assert qi.missed_count(due, 1, now) == 1
    assert qi.missed_count(due, 2, now) == 0
    assert qi.missed_count(due, 0, T0 + 61 * MIN) == 1


def test_news2_levels_follow_rcp_chart_2() -> None:
    calm = {"resp_rate": 16, "spo2_pct": 97, "on_oxygen": False, "systolic_mmhg": 120,
            "pulse_bpm": 80, "consciousness": "A", "temperature_c": 37.0}  # fmt: skip
    assert qi.news2_level(calm) == (0, None)
    assert qi.news2_level({**calm, "consciousness": "V"}) == (3, "urgent")  # one red parameter
    five = {**calm, "resp_rate": 22, "spo2_pct": 94, "pulse_bpm": 95, "temperature_c": 38.5}
    assert qi.news2_level(five) == (5, "urgent")
    nine = {**calm, "resp_rate": 25, "spo2_pct": 91, "pulse_bpm": 135}
    assert qi.news2_level(nine) == (9, "emergency")


def test_response_status_against_the_hospital_windows() -> None:
    now = T0 + 5 * H
    assert qi.response_status("emergency", T0, T0 + 30 * MIN, now) == "in_time"
    assert qi.response_status("emergency", T0, T0 + 31 * MIN, now) == "late"
    assert qi.response_status("urgent", T0, T0 + 60 * MIN, now) == "in_time"
    assert qi.response_status("urgent", T0, None, now) == "unanswered"
    assert qi.response_status("urgent", T0, None, T0 + 59 * MIN) is None


def test_median_and_nearest_rank_p90() -> None:
    assert qi.median([30, 120, 45]) == 45
    assert qi.median([10, 20, 30, 40]) == 25
    assert qi.percentile([30, 120, 45], 90) == 120
    assert qi.percentile(range(1, 11), 90) == 9
    assert qi.median([]) is None and qi.percentile([], 90) is None
    assert qi.turnaround_summary([30, 120, 45]) == {"n": 3, "median_min": 45, "p90_min": 120}


def test_tally_counts_and_shares_per_key_leaving_out_undecided_rows() -> None:
    rows = [
        {"ward_id": "CARD", "status": "on_time"},
        {"ward_id": "CARD", "status": "late"},
        {"ward_id": "CARD", "status": "on_time"},
        {"ward_id": "RESP", "status": "late"},
        {"ward_id": "RESP", "status": None},  # not due yet
    ]
    assert qi.tally(rows, "ward_id", "status", "on_time") == [
        {"ward_id": "CARD", "n": 3, "on_time": 2, "share": 0.667},
        {"ward_id": "RESP", "n": 1, "on_time": 0, "share": 0.0},
    ]
    assert qi.share(0, 0) is None
    grouped = [{"ward_id": "CARD", "status": "on_time", "rows": 2},
               {"ward_id": "CARD", "status": "late", "rows": 1}]  # fmt: skip
    assert qi.tally(grouped, "ward_id", "status", "on_time")[0]["share"] == 0.667


def test_an_orders_whole_schedule_is_known_once_it_ends() -> None:
    times = AdministrationTimes.load()  # bid: 08:00 and 20:00 on the ward clock (00:00, 12:00 UTC)
    order = {"start_at": iso(T0 + 3 * H), "verified_at": iso(T0 + 5 * H), "frequency": "bid",
             "status": "verified"}  # fmt: skip
    assert qi.order_due(order, times) is None  # open-ended
    ended = {**order, "ended_at": iso(T0 + 30 * H)}
    assert qi.order_due(ended, times) == (T0 + 5 * H, T0 + 30 * H, 2)  # 12:00 and 00:00 UTC
    three_days = {**order, "duration_days": 3}
    assert qi.order_due(three_days, times) == (T0 + 5 * H, T0 + 75 * H, 6)
    assert qi.order_due({**ended, "status": "rejected"}, times) is None

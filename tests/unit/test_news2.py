"""NEWS2 against the RCP 2017 chart: both sides of every band edge of every parameter, both
SpO2 scales, the aggregate, the risk levels and the escalation rule."""

from __future__ import annotations

import pytest

from workstation.clinical.news2 import (
    consciousness_score,
    news2,
    news2_trend,
    oxygen_score,
    pulse_score,
    resp_rate_score,
    spo2_scale1_score,
    spo2_scale2_score,
    systolic_score,
    temperature_score,
)

# A set scoring 0 everywhere (RCP chart): the baseline each test changes one value of.
NORMAL = {
    "resp_rate": 16, "spo2_pct": 97, "on_oxygen": False, "systolic_mmhg": 120, "pulse_bpm": 70,
    "consciousness": "A", "temperature_c": 37.0,
}  # fmt: skip


@pytest.mark.parametrize(("rate", "score"), [
    (0, 3), (8, 3), (9, 1), (11, 1), (12, 0), (20, 0), (21, 2), (24, 2), (25, 3), (60, 3),
])  # fmt: skip
def test_respiration_rate_bands(rate, score):
    assert resp_rate_score(rate) == score


@pytest.mark.parametrize(("pct", "score"), [
    (70, 3), (91, 3), (92, 2), (93, 2), (94, 1), (95, 1), (96, 0), (100, 0),
])  # fmt: skip
def test_spo2_scale_1_bands(pct, score):
    assert spo2_scale1_score(pct) == score


@pytest.mark.parametrize(("pct", "on_oxygen", "score"), [
    (70, False, 3), (83, False, 3), (84, False, 2), (85, False, 2), (86, False, 1),
    (87, False, 1), (88, False, 0), (92, False, 0), (93, False, 0), (100, False, 0),
    (83, True, 3), (84, True, 2), (86, True, 1), (88, True, 0), (92, True, 0),
    (93, True, 1), (94, True, 1), (95, True, 2), (96, True, 2), (97, True, 3), (100, True, 3),
])  # fmt: skip
def test_spo2_scale_2_bands_on_air_and_on_oxygen(pct, on_oxygen, score):
    assert spo2_scale2_score(pct, on_oxygen=on_oxygen) == score


def test_air_or_oxygen():
    assert (oxygen_score(True), oxygen_score(False)) == (2, 0)


@pytest.mark.parametrize(("mmhg", "score"), [
    (50, 3), (90, 3), (91, 2), (100, 2), (101, 1), (110, 1), (111, 0), (219, 0), (220, 3),
    (260, 3),
])  # fmt: skip
def test_systolic_bands(mmhg, score):
    assert systolic_score(mmhg) == score


@pytest.mark.parametrize(("bpm", "score"), [
    (20, 3), (40, 3), (41, 1), (50, 1), (51, 0), (90, 0), (91, 1), (110, 1), (111, 2),
    (130, 2), (131, 3), (180, 3),
])  # fmt: skip
def test_pulse_bands(bpm, score):
    assert pulse_score(bpm) == score


@pytest.mark.parametrize(("level", "score"), [("A", 0), ("C", 3), ("V", 3), ("P", 3), ("U", 3)])
def test_consciousness_acvpu(level, score):
    assert consciousness_score(level) == score


def test_consciousness_outside_acvpu_is_an_error():
    with pytest.raises(ValueError, match="A, C, V, P, U"):
        consciousness_score("alert")


@pytest.mark.parametrize(("celsius", "score"), [
    (33.0, 3), (35.0, 3), (35.1, 1), (36.0, 1), (36.1, 0), (38.0, 0), (38.1, 1), (39.0, 1),
    (39.1, 2), (41.0, 2), (35.04, 3), (35.05, 1), (38.04, 0), (38.05, 1),
])  # fmt: skip
def test_temperature_bands_at_tenths(celsius, score):
    assert temperature_score(celsius) == score


def test_normal_set_scores_zero_and_is_complete():
    result = news2(NORMAL)
    assert (result.total, result.complete, result.risk, result.escalate) == (0, True, "low", False)
    assert result.monitoring() == "minimum 12 hourly"


def test_aggregate_adds_every_parameter():
    result = news2(NORMAL | {"resp_rate": 22, "spo2_pct": 95, "on_oxygen": True, "pulse_bpm": 95})
    assert result.scores == {"resp_rate": 2, "spo2_pct": 1, "on_oxygen": 2, "systolic_mmhg": 0,
                             "pulse_bpm": 1, "consciousness": 0, "temperature_c": 0}  # fmt: skip
    assert result.total == 6


def test_scale_2_changes_only_the_spo2_score():
    observed = NORMAL | {"spo2_pct": 97, "on_oxygen": True}
    assert news2(observed).scores["spo2_pct"] == 0
    assert news2(observed, spo2_scale=2).scores["spo2_pct"] == 3
    with pytest.raises(ValueError):
        news2(observed, spo2_scale=3)


@pytest.mark.parametrize(("changes", "total", "risk", "escalate"), [
    ({"pulse_bpm": 95}, 1, "low", False),
    ({"resp_rate": 22, "pulse_bpm": 95, "temperature_c": 38.5}, 4, "low", False),
    ({"resp_rate": 22, "pulse_bpm": 95, "temperature_c": 38.5, "systolic_mmhg": 105}, 5,
     "medium", True),
    ({"resp_rate": 22, "pulse_bpm": 115, "systolic_mmhg": 105, "temperature_c": 38.5}, 6,
     "medium", True),
    ({"resp_rate": 22, "pulse_bpm": 115, "systolic_mmhg": 95, "temperature_c": 38.5}, 7,
     "high", True),
    ({"consciousness": "C"}, 3, "low_medium", True),
    ({"systolic_mmhg": 90}, 3, "low_medium", True),
    ({"resp_rate": 21}, 2, "low", False),
])  # fmt: skip
def test_risk_and_escalation_rule(changes, total, risk, escalate):
    result = news2(NORMAL | changes)
    assert (result.total, result.risk, result.escalate) == (total, risk, escalate)


def test_monitoring_frequency_follows_risk():
    assert news2(NORMAL | {"pulse_bpm": 95}).monitoring() == "minimum 4-6 hourly"
    assert news2(NORMAL | {"consciousness": "V"}).monitoring() == "minimum 1 hourly"
    assert (
        "continuous"
        in news2(NORMAL | {"resp_rate": 30, "pulse_bpm": 140, "spo2_pct": 90}).monitoring()
    )


def test_missing_parameters_are_named_and_score_nothing():
    result = news2({"pulse_bpm": 135, "resp_rate": 16})
    assert result.total == 3 and result.escalate
    assert not result.complete
    assert set(result.missing) == {"spo2_pct", "on_oxygen", "systolic_mmhg", "consciousness",
                                   "temperature_c"}  # fmt: skip


def test_trend_is_oldest_first_and_skips_voided_sets():
    rows = [
        NORMAL | {"taken_at": "2024-03-01T12:00:00.000Z", "pulse_bpm": 95, "voided": False},
        NORMAL | {"taken_at": "2024-03-01T08:00:00.000Z", "voided": False},
        NORMAL | {"taken_at": "2024-03-01T10:00:00.000Z", "pulse_bpm": 150, "voided": True},
    ]
    trend = news2_trend(rows)
    assert [(at[11:16], score.total) for at, score in trend] == [("08:00", 0), ("12:00", 1)]

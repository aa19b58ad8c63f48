"""The rules of clinical.ward_safety without a database: the critical-value basis (lab flag or
the hospital's limit), escalation, rounds per nursing level, consultation clocks, Barthel grades."""

from __future__ import annotations

from datetime import timedelta

from workstation.clinical.ward_safety import (
    CriticalLimit,
    WardSafetySettings,
    barthel_dependency,
    consultation_status,
    critical_basis,
    critical_status,
    round_due,
)
from workstation.clock import iso, parse_iso

T0 = "2026-03-01T08:00:00.000Z"
SETTINGS = WardSafetySettings.load()


def at(minutes: float):  # noqa: ANN201 - a datetime
    return parse_iso(T0) + timedelta(minutes=minutes)


def test_the_shipped_settings_name_the_guideline_figures():
    assert SETTINGS.round_interval == {
        "special": timedelta(0), "first": timedelta(hours=1), "second": timedelta(hours=2),
        "third": timedelta(hours=3),
    }  # fmt: skip
    assert SETTINGS.consultation_due == {"emergency": timedelta(minutes=10),
                                         "routine": timedelta(hours=24)}  # fmt: skip


def test_a_lab_panic_flag_or_a_hospital_limit_makes_a_critical_value():
    assert critical_basis({"test_code": "K", "flag": "HH"}, SETTINGS) == "lab_flag"
    no_limits = WardSafetySettings()
    assert critical_basis({"test_code": "K", "flag": "H", "numeric_value": 6.9}, no_limits) is None
    assert critical_basis({"test_code": "K", "flag": "H", "numeric_value": 5.9}, SETTINGS) is None
    hospital = WardSafetySettings(limits={"K": CriticalLimit(2.8, 6.2, "the hospital's lab")})
    assert critical_basis({"test_code": "K", "numeric_value": 6.2}, hospital) == "hospital_limit"
    assert critical_basis({"test_code": "K", "numeric_value": 2.8}, hospital) == "hospital_limit"
    assert critical_basis({"test_code": "K", "numeric_value": 6.1}, hospital) is None


def test_an_open_value_escalates_after_the_hospital_minutes_and_never_drops_off():
    row = {"reported_at": T0, "received_at": None, "acknowledged_at": None}
    assert critical_status(row, at(14), SETTINGS) == "reported"
    assert critical_status(row | {"received_at": T0}, at(14), SETTINGS) == "received"
    assert critical_status(row, at(15), SETTINGS) == "escalated"
    assert critical_status(row, at(60 * 24 * 7), SETTINGS) == "escalated"
    assert (
        critical_status(row | {"acknowledged_at": iso(at(20))}, at(30), SETTINGS) == "acknowledged"
    )


def test_each_level_makes_its_round_due():
    assert round_due("special", None, T0, at(500), SETTINGS) == ("continuous", None)
    assert round_due("first", T0, T0, at(61), SETTINGS) == ("overdue", at(60))
    assert round_due("second", T0, T0, at(119), SETTINGS) == ("due", at(120))
    assert round_due("third", None, T0, at(181), SETTINGS)[0] == "overdue"
    assert round_due(None, None, T0, at(1), SETTINGS) == ("none", None)


def test_consultation_clocks():
    emergency = {"urgency": "emergency", "requested_at": T0}
    routine = {"urgency": "routine", "requested_at": T0}
    assert consultation_status(emergency, at(9), SETTINGS) == "pending"
    assert consultation_status(emergency, at(10), SETTINGS) == "overdue"
    assert (
        consultation_status(emergency | {"arrived_at": iso(at(8))}, at(30), SETTINGS) == "arrived"
    )
    assert consultation_status(routine, at(60 * 24 - 1), SETTINGS) == "pending"
    assert consultation_status(routine, at(60 * 24), SETTINGS) == "overdue"


def test_barthel_grades_of_ws_t_431():
    assert [barthel_dependency(n) for n in (40, 41, 60, 61, 99, 100)] == [
        "severe", "moderate", "moderate", "mild", "mild", "none",
    ]  # fmt: skip

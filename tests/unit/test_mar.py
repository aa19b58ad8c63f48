"""The MAR grid: dose states around the window, recorded outcomes, unverified and st orders,
PRN reassessment, doses after a stop and duplicates kept on the grid."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from workstation.clinical.formulary import default_formulary, formulary_from_document
from workstation.clinical.mar import (
    NursingSettings,
    dose_for_scan,
    is_high_alert,
    mar_grid,
    open_doses,
    time_status,
)
from workstation.clinical.schedule import AdministrationTimes

# The shipped round times are ward wall-clock in +08:00: tid is 08:00, 14:00, 20:00 local,
# i.e. 00:00, 06:00 and 12:00 UTC.
DAY = datetime(2024, 3, 1, tzinfo=UTC)
START, END = DAY, DAY + timedelta(days=1)
TIMES = AdministrationTimes.load()
FORMULARY = default_formulary()


def z(hour: int, minute: int = 0) -> str:
    """A canonical timestamp on DAY."""
    return f"2024-03-01T{hour:02d}:{minute:02d}:00.000Z"


def order(order_id: str = "o1", **changes: Any) -> dict[str, Any]:
    """A verified amoxicillin 500 mg po tid order row, started the day before."""
    row = {
        "order_id": order_id, "patient_id": "p1", "order_kind": "medication",
        "description": "amox 500mg po tid", "drug_code": "amoxicillin", "dose_value": 500,
        "dose_unit": "mg", "route": "po", "frequency": "tid", "duration_days": None,
        "prn": False, "prn_indication": None, "start_at": "2024-02-29T00:00:00.000Z",
        "status": "verified", "placed_at": "2024-02-29T00:00:00.000Z",
        "verified_at": "2024-02-29T00:10:00.000Z", "ended_at": None, "voided": False,
    }  # fmt: skip
    return row | changes


def given(order_id: str, scheduled: str | None, at: str, **extra: Any) -> dict[str, Any]:
    """An administrations row."""
    return {"administration_id": f"a-{order_id}-{at}", "order_id": order_id, "outcome": "given",
            "administered_at": at, "scheduled_for": scheduled, "voided": False} | extra  # fmt: skip


def grid(orders, administrations=(), now_hour=6, now_minute=0, **chart):
    """The grid of one day at a given UTC time."""
    now = DAY + timedelta(hours=now_hour, minutes=now_minute)
    return mar_grid({"orders": list(orders), "administrations": list(administrations), **chart},
                    start=START, end=END, now=now, times=TIMES, formulary=FORMULARY)  # fmt: skip


def states(row) -> list[tuple[str, str]]:
    """(HH:MM UTC, status) of each dose of a row."""
    return [(d.scheduled_iso[11:16] if d.scheduled_for else "prn", d.status) for d in row.doses]


@pytest.mark.parametrize(("now_minute_offset", "expected"), [
    (-61, "coming"), (-60, "due"), (0, "due"), (60, "due"), (61, "overdue"),
])  # fmt: skip
def test_window_edges(now_minute_offset, expected):
    scheduled = DAY + timedelta(hours=6)
    now = scheduled + timedelta(minutes=now_minute_offset)
    assert time_status(scheduled, now, timedelta(minutes=60)) == expected


def test_tid_day_shows_overdue_due_and_coming():
    (row,) = grid([order()], now_hour=6)
    assert states(row) == [("00:00", "overdue"), ("06:00", "due"), ("12:00", "coming")]
    assert [d.scheduled_iso for d in open_doses([row])][0] == z(0)


def test_recorded_outcomes_replace_the_time_state_and_late_is_marked():
    admins = [given("o1", z(0), z(0, 20)), given("o1", z(6), z(7, 30))]
    admins.append({**given("o1", z(12), z(12)), "outcome": "refused", "reason": "nausea"})
    (row,) = grid([order()], admins, now_hour=13)
    assert states(row) == [("00:00", "given"), ("06:00", "given"), ("12:00", "refused")]
    assert [d.early_late for d in row.doses] == [False, True, False]


def test_voided_administration_reopens_the_dose():
    (row,) = grid([order()], [given("o1", z(6), z(6)) | {"voided": True}], now_hour=6)
    assert states(row)[1] == ("06:00", "due")


def test_unverified_order_is_marked_distinct_and_not_open():
    (row,) = grid([order(status="placed", verified_at=None)], now_hour=6)
    assert not row.verified
    assert {s for _, s in states(row)} == {"unverified"}
    assert open_doses([row]) == []


@pytest.mark.parametrize(("allowed", "expected"), [(True, "due"), (False, "unverified")])
def test_st_before_verification_follows_the_hospital_setting(allowed, expected):
    st = order(frequency="st", status="placed", verified_at=None, start_at=z(6))
    now = DAY + timedelta(hours=6, minutes=5)
    settings = NursingSettings(st_before_verification=allowed)
    (row,) = mar_grid({"orders": [st]}, start=START, end=END, now=now, settings=settings,
                      times=TIMES, formulary=FORMULARY)  # fmt: skip
    assert states(row) == [("06:00", expected)]


def test_prn_lists_doses_and_their_reassessment():
    prn = order("o2", frequency="prn", prn=True, prn_indication="pain")
    dose = given("o2", None, z(6))
    (row,) = grid([prn], [dose], now_hour=6, now_minute=30)
    assert states(row) == [("prn", "given")]
    (check,) = row.reassessments
    assert (check.due_at, check.status) == (DAY + timedelta(hours=7), "coming")
    (row,) = grid([prn], [dose], now_hour=7, now_minute=30)
    assert row.reassessments[0].status == "due"
    (row,) = grid([prn], [dose], now_hour=9)
    assert row.reassessments[0].status == "overdue"
    (row,) = grid([prn], [dose], now_hour=9, vitals=[{"taken_at": z(7, 5), "voided": False}])
    assert row.reassessments[0].status == "done"


def test_prn_reassess_at_set_by_the_nurse_wins():
    prn = order("o2", frequency="prn", prn=True, prn_indication="pain")
    (row,) = grid([prn], [given("o2", None, z(6), reassess_at=z(6, 30))], now_hour=6,
                  now_minute=40)  # fmt: skip
    assert row.reassessments[0].status == "due"


def test_settings_file_loads_the_defaults():
    assert NursingSettings.load() == NursingSettings()


def test_dose_given_after_the_order_stopped_stays_on_the_grid():
    stopped = order(status="discontinued", ended_at=z(3))
    (row,) = grid([stopped], [given("o1", z(6), z(6))], now_hour=7)
    assert states(row) == [("00:00", "overdue"), ("06:00", "given")]


def test_duplicate_doses_are_both_shown():
    admins = [given("o1", z(6), z(6)), given("o1", z(6), z(6, 5)) | {"administration_id": "x"}]
    (row,) = grid([order()], admins, now_hour=7)
    assert states(row).count(("06:00", "given")) == 2


def test_stopped_order_without_doses_in_range_is_not_shown():
    assert grid([order(status="discontinued", ended_at="2024-02-29T01:00:00.000Z")]) == []


def test_verified_rows_first_and_high_alert_follows_the_formulary():
    heparin = order("o3", drug_code="heparin", route="sc", placed_at="2024-02-28T00:00:00.000Z",
                    status="placed", verified_at=None)  # fmt: skip
    rows = grid([heparin, order()])
    assert [r.order_id for r in rows] == ["o1", "o3"]
    assert [r.high_alert for r in rows] == [False, True]
    assert is_high_alert({"drug_code": "amiodarone", "route": "po"}, FORMULARY) is False
    assert is_high_alert({"drug_code": "amiodarone", "route": "iv"}, FORMULARY) is True


def test_high_alert_follows_the_formulary_passed_in_not_the_shipped_one():
    """A pharmacy that published heparin as not high-alert (a test's choice) changes the row."""
    drugs = [dict(d.entry) | ({"high_alert": False} if d.code == "heparin" else {})
             for d in FORMULARY]  # fmt: skip
    published = formulary_from_document({"drugs": drugs})
    heparin = order("o3", drug_code="heparin", route="sc", status="placed", verified_at=None)
    (row,) = mar_grid({"orders": [heparin]}, start=START, end=END, now=DAY + timedelta(hours=6),
                      times=TIMES, formulary=published)  # fmt: skip
    assert row.high_alert is False and grid([heparin])[0].high_alert is True


def test_dose_for_scan_takes_the_open_dose_nearest_now():
    (row,) = grid([order()], now_hour=5, now_minute=30)
    dose = dose_for_scan([row], "o1", DAY + timedelta(hours=5, minutes=30))
    assert dose is not None and dose.scheduled_iso == z(6)
    assert dose_for_scan([row], "other", DAY) is None

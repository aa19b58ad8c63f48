"""MAR schedule expansion: round times per frequency, order start, course length and status."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from workstation.clinical.schedule import (
    SETTINGS_FILE,
    AdministrationTimes,
    ScheduleSettingsError,
    scheduled_doses,
)
from workstation.clock import iso
from workstation.events.vocabulary import FREQUENCIES
from workstation.resources import resource
from workstation.server.demo_events import LOCAL, ROUND_HOURS

TIMES = AdministrationTimes.load()
DAY0 = datetime(2026, 3, 2, tzinfo=LOCAL)  # a Monday, ward midnight


def order(frequency: str, *, start_hour: float = 7, **extra: object) -> dict[str, object]:
    start = DAY0 + timedelta(hours=start_hour)
    return {"frequency": frequency, "start_at": iso(start), "status": "verified", "voided": False,
            "prn": frequency == "prn", **extra}  # fmt: skip


def local_clock(doses: list[datetime]) -> list[str]:
    return [d.astimezone(LOCAL).strftime("%d %H:%M") for d in doses]


def doses(frequency: str, days: int = 1, **extra: object) -> list[str]:
    found = scheduled_doses(
        order(frequency, **extra), DAY0, DAY0 + timedelta(days=days), times=TIMES
    )
    return local_clock(found)


def test_the_settings_cover_every_scheduled_frequency_and_match_the_demo_rounds() -> None:
    for frequency in FREQUENCIES:
        if frequency not in ("st", "prn"):
            assert TIMES.times[frequency], frequency
    for frequency, hours in ROUND_HOURS.items():
        assert [t.hour for t in TIMES.times[frequency]] == sorted(hours), frequency
    assert TIMES.zone.utcoffset(None) == timedelta(hours=8)


@pytest.mark.parametrize(
    ("frequency", "expected"),
    [
        ("qd", ["02 08:00"]),
        ("bid", ["02 08:00", "02 20:00"]),
        ("tid", ["02 08:00", "02 14:00", "02 20:00"]),
        ("qid", ["02 08:00", "02 12:00", "02 16:00", "02 20:00"]),
        (  # 阿昔洛韦滴眼液 每2小时一次: the even hours from the start
            "q2h",
            [
                "02 08:00",
                "02 10:00",
                "02 12:00",
                "02 14:00",
                "02 16:00",
                "02 18:00",
                "02 20:00",
                "02 22:00",
            ],
        ),  # fmt: skip
        (
            "q4h",
            ["02 08:00", "02 12:00", "02 16:00", "02 20:00"],
        ),  # 00:00 and 04:00 precede the start
        ("q6h", ["02 12:00", "02 18:00"]),
        ("q8h", ["02 08:00", "02 16:00"]),
        ("q12h", ["02 08:00", "02 20:00"]),
        ("qn", ["02 21:00"]),
        ("qm", []),  # 06:00 is before a 07:00 start
        ("qod", ["02 08:00"]),
        ("qw", ["02 08:00"]),
        ("st", ["02 07:00"]),
        ("prn", []),
    ],
)
def test_each_frequency_on_its_first_day(frequency: str, expected: list[str]) -> None:
    assert doses(frequency) == expected


def test_every_other_day_and_weekly_count_from_the_start_day() -> None:
    assert doses("qod", days=5) == ["02 08:00", "04 08:00", "06 08:00"]
    assert doses("qw", days=15) == ["02 08:00", "09 08:00", "16 08:00"]
    assert doses("qm", days=3) == ["03 06:00", "04 06:00"]


def test_a_course_ends_after_its_duration() -> None:
    assert doses("bid", days=5, duration_days=2) == ["02 08:00", "02 20:00", "03 08:00", "03 20:00"]


def test_no_dose_is_due_before_the_pharmacist_verified_the_order() -> None:
    verified = iso(DAY0 + timedelta(hours=9))
    assert doses("bid", verified_at=verified) == ["02 20:00"]


def test_a_discontinued_order_stops_and_a_rejected_or_voided_one_has_no_doses() -> None:
    stopped = iso(DAY0 + timedelta(days=1, hours=10))
    assert doses("bid", days=3, status="discontinued", ended_at=stopped) == [
        "02 08:00", "02 20:00", "03 08:00"
    ]  # fmt: skip
    assert doses("bid", days=3, status="rejected") == []
    assert doses("bid", days=3, voided=True) == []


def test_st_is_due_once_and_only_inside_the_window() -> None:
    assert doses("st", days=3) == ["02 07:00"]
    later = scheduled_doses(
        order("st"), DAY0 + timedelta(hours=8), DAY0 + timedelta(days=1), times=TIMES
    )
    assert later == []


def test_the_window_is_half_open_and_in_utc() -> None:
    at_eight = DAY0 + timedelta(hours=8)
    found = scheduled_doses(order("qd"), at_eight, at_eight + timedelta(hours=1), times=TIMES)
    assert found == [at_eight.astimezone(UTC)] and found[0].tzinfo == UTC
    assert scheduled_doses(order("qd"), DAY0, at_eight, times=TIMES) == []


def test_a_settings_file_missing_a_frequency_is_refused(tmp_path: Path) -> None:
    raw = json.loads(resource(*SETTINGS_FILE).read_text(encoding="utf-8"))
    del raw["times"]["qod"]
    broken = tmp_path / "times.json"
    broken.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ScheduleSettingsError, match="qod"):
        AdministrationTimes.load(broken)
    raw["times"]["qod"] = ["25:99"]
    broken.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ScheduleSettingsError):
        AdministrationTimes.load(broken)

"""The nursing record's rules, hand-computed: the 24-hour totals run from the hospital's day start
(07:00) to the next, the shift totals over the ward's shifts, both [start, end) so a row at
exactly 07:00 or 16:00 opens the next period; a superseded row counts no more; who gets the 危重
form; what a nurse types for volumes; what a row must carry."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest

from workstation.clinical.nursing_record import (
    RecordSettings,
    day_totals,
    parse_volumes,
    record_form,
    sheet_lines,
    shift_totals,
)
from workstation.clock import iso
from workstation.events.fields import check_fields
from workstation.events.vocabulary import EVENT_TYPES


def check_payload(name: str, payload: dict) -> list[str]:
    """Every problem of a payload of the event type, as both sides check it."""
    spec = EVENT_TYPES[name]
    return check_fields(payload, spec.fields) + [p for rule in spec.rules for p in rule(payload)]


ZONE = timezone(timedelta(hours=8))
SETTINGS = RecordSettings(
    day_start=time(7, 0),
    shifts=(
        ("day", time(8), time(16)),
        ("evening", time(16), time(0)),
        ("night", time(0), time(8)),
    ),
)


def at(day: int, hh: int, mm: int, ss: int = 0) -> str:
    """A ward-time moment of March 2026 as stored (UTC ISO)."""
    return iso(datetime(2026, 3, day, hh, mm, ss, tzinfo=ZONE))


def row(row_id: str, written_at: str, intake: dict | None = None, output: dict | None = None,
        superseded_by: str | None = None) -> dict:  # fmt: skip
    return {"row_id": row_id, "written_at": written_at, "intake": intake or {},
            "output": output or {}, "superseded_by": superseded_by}  # fmt: skip


ROWS = [
    row("A", at(1, 6, 59), {"oral": 100}),
    row("B", at(1, 7, 0), {"iv": 500}, {"urine": 300}),
    row("G", at(1, 10, 0), {"oral": 999}, superseded_by="X"),
    row("X", at(1, 10, 0), {"oral": 99}),
    row("C", at(1, 15, 59), {"oral": 200}),
    row("D", at(1, 16, 0), output={"urine": 400}),
    row("E", at(2, 6, 59, 59), output={"drain": 50}),
    row("F", at(2, 7, 0), {"oral": 150}),
]


def test_the_24_hour_totals_run_from_seven_to_seven() -> None:
    days = day_totals(ROWS, ZONE, SETTINGS)
    assert [d.start.date() for d in days] == [date(2026, 2, 28), date(2026, 3, 1), date(2026, 3, 2)]
    before, first, second = days
    assert (before.intake_ml, before.output_ml) == (100, 0)  # 06:59 is the day before
    assert first.intake == {"iv": 500, "oral": 299}  # 99 from the correction, not 999
    assert first.output == {"urine": 700, "drain": 50}  # 06:59:59 the next morning still counts
    assert (first.intake_ml, first.output_ml, first.balance_ml) == (799, 750, 49)
    assert first.end - first.start == timedelta(hours=24)
    assert first.start == datetime(2026, 3, 1, 7, 0, tzinfo=ZONE)
    assert (second.intake_ml, second.output_ml) == (150, 0)  # 07:00 opens the new day


def test_the_shift_totals_follow_the_wards_shifts() -> None:
    shifts = shift_totals(ROWS, ZONE, SETTINGS)
    assert [(s.kind, s.start.astimezone(ZONE).strftime("%d %H")) for s in shifts] == [
        ("night", "01 00"), ("day", "01 08"), ("evening", "01 16"), ("night", "02 00"),
    ]  # fmt: skip
    night, day, evening, next_night = shifts
    assert (night.intake, night.output) == ({"oral": 100, "iv": 500}, {"urine": 300})
    assert (day.intake_ml, day.output_ml) == (299, 0)  # 15:59 is the day shift's
    assert (evening.intake_ml, evening.output_ml) == (0, 400)  # 16:00 opens the evening
    assert evening.end == datetime(2026, 3, 2, 0, 0, tzinfo=ZONE)  # ends the next day
    assert (next_night.intake_ml, next_night.output_ml) == (150, 50)


def test_the_sheet_puts_each_total_after_the_last_row_of_its_period() -> None:
    lines = sheet_lines(ROWS, ZONE, SETTINGS)
    named = [item["row_id"] if kind == "row" else f"{kind}:{item.kind}" for kind, item in lines]
    assert named == ["A", "day:day", "B", "shift:night", "G", "X", "C", "shift:day", "D",
                     "shift:evening", "E", "day:day", "F", "shift:night", "day:day"]  # fmt: skip


@pytest.mark.parametrize(("acuity", "level", "form"), [
    ("critical", None, "critical"), ("serious", "third", "critical"), ("stable", "special", "critical"),
    ("stable", "first", "critical"), ("stable", "second", "general"), (None, None, "general"),
])  # fmt: skip
def test_the_critical_form_is_for_listed_grades_and_levels(acuity, level, form) -> None:  # noqa: ANN001
    assert record_form(acuity, level, RecordSettings.load()) == form


def test_the_shipped_settings_start_the_day_at_seven_with_the_wards_shifts() -> None:
    loaded = RecordSettings.load()
    assert loaded.day_start == time(7, 0)
    assert [name for name, _, _ in loaded.shifts] == ["day", "evening", "night"]


def test_a_nurse_types_volumes_by_kind() -> None:
    assert parse_volumes("po 200 iv 500, 口服50", "intake") == {"oral": 250, "iv": 500}
    assert parse_volumes("u300 引流 50 other 10", "output") == {"urine": 300, "drain": 50,
                                                              "other_output": 10}  # fmt: skip
    with pytest.raises(ValueError, match="not an intake kind"):
        parse_volumes("urine 300", "intake")
    with pytest.raises(ValueError, match="not understood"):
        parse_volumes("po two hundred", "intake")


def test_a_row_says_something_and_a_correction_gives_its_reason() -> None:
    spec = EVENT_TYPES["NursingRecordWritten"]
    good = {"form": "critical", "written_at": at(1, 9, 0), "intake": {"iv": 250},
            "observations": {"pulse_bpm": 88, "pupils": "3mm 对光反射灵敏"}}  # fmt: skip
    assert check_payload(spec.name, good) == []
    assert check_payload(spec.name, {"form": "general", "written_at": at(1, 9, 0)})
    assert check_payload(spec.name, good | {"output": {"oral": 5}})  # oral is no output
    assert check_payload(spec.name, good | {"intake": {"iv": 20_000}})
    assert check_payload(spec.name, good | {"observations": {"pulse_bpm": 900}})
    correction = good | {"supersedes_id": "0190a0a0-0000-7000-8000-000000000001"}
    assert check_payload(spec.name, correction)
    assert check_payload(spec.name, correction | {"correction_reason": "记错量"}) == []

"""The handover census's shifts and the front sheet's search line, without Qt or a server."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from ui.screens.ward_records.entry import Entry, parse_entry
from workstation.clinical.ward_census import current_shift, draft_census, shift_window
from workstation.events import Event
from workstation.ids import uuid7

CHINA = timezone(timedelta(hours=8))


def test_shifts_are_ward_wall_clock_times() -> None:
    assert shift_window(date(2026, 3, 2), "night", CHINA) == (
        "2026-03-01T16:00:00.000Z",
        "2026-03-02T00:00:00.000Z",
    )
    assert (
        shift_window(date(2026, 3, 2), "evening", CHINA)[1] == "2026-03-02T16:00:00.000Z"
    )  # to midnight
    assert current_shift(datetime(2026, 3, 2, 1, 0, tzinfo=UTC), CHINA) == (date(2026, 3, 2), "day")


def test_a_transfer_out_and_back_counts_both_ways() -> None:
    pid = uuid7()

    def event(kind: str, at: str, **payload: object) -> Event:
        return Event(uuid7(), kind, pid, "u", "d", 1, at, dict(payload))

    events = [
        event("PatientAdmitted", "2026-03-01T00:00:00.000Z", name="甲", bed="1", ward_id="CARD",
              admitted_at="2026-03-01T00:00:00.000Z"),
        event("PatientTransferred", "2026-03-02T01:00:00.000Z", ward_id="ICU", bed="2"),
        event("PatientTransferred", "2026-03-02T03:00:00.000Z", ward_id="CARD", bed="1"),
    ]  # fmt: skip
    counts = draft_census(events, ward_id="CARD", start="2026-03-02T00:00:00.000Z",
                          end="2026-03-02T08:00:00.000Z").counts  # fmt: skip
    assert (counts["existing_at_start"], counts["transferred_out"], counts["transferred_in"],
            counts["present_at_end"]) == (1, 1, 1, 1)  # fmt: skip


def test_the_search_line_reads_condition_and_admission_marks() -> None:
    assert parse_entry("fywtz 1") == Entry("fywtz", "1", False)
    assert parse_entry("+J18.9") == Entry("J18.9", None, True)
    assert parse_entry("I10") == Entry("I10", None, False)

"""Note deadlines of 《病历书写基本规范》: what is due or overdue for a patient, from the chart."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from workstation.clinical.note_deadlines import notes_due
from workstation.clock import iso

ADMITTED = datetime(2024, 3, 1, 8, 0, tzinfo=UTC)


def chart(notes: list[tuple[str, float]] = (), *, acuity: str | None = "stable",
          discharged_after_h: float | None = None) -> dict[str, Any]:  # fmt: skip
    """A chart admitted at ADMITTED with notes signed `hours` after admission."""
    patient = {"admitted_at": iso(ADMITTED), "acuity": acuity, "status": "admitted",
               "discharged_at": None}  # fmt: skip
    if discharged_after_h is not None:
        patient.update(status="discharged",
                       discharged_at=iso(ADMITTED + timedelta(hours=discharged_after_h)))  # fmt: skip
    return {"patient": patient, "notes": [
        {"note_type": kind, "signed_at": iso(ADMITTED + timedelta(hours=h)), "voided": False}
        for kind, h in notes]}  # fmt: skip


def due_at(h: float) -> datetime:
    return ADMITTED + timedelta(hours=h)


def kinds(items: list) -> list[tuple[str, bool]]:  # noqa: ANN001
    return [(item.note_type, item.overdue) for item in items]


def test_a_new_admission_owes_first_progress_8h_admission_24h_and_ward_round_48h() -> None:
    items = notes_due(chart(), now=due_at(1), horizon=timedelta(days=3))
    assert [(i.note_type, i.due_at) for i in items] == [
        ("first_progress_note", due_at(8)), ("admission_note", due_at(24)),
        ("ward_round_note", due_at(48)),
    ]  # fmt: skip
    assert not any(i.overdue for i in items)


def test_after_nine_hours_without_a_first_progress_note_it_is_overdue() -> None:
    items = notes_due(chart(), now=due_at(9))
    assert kinds(items) == [("first_progress_note", True), ("admission_note", False)]


def test_the_horizon_hides_deadlines_far_ahead() -> None:
    assert kinds(notes_due(chart(), now=due_at(1), horizon=timedelta(hours=1))) == []


def test_written_notes_are_no_longer_due_but_a_voided_one_still_is() -> None:
    signed = chart([("first_progress_note", 3), ("admission_note", 6)])
    signed["notes"][1]["voided"] = True
    assert kinds(notes_due(signed, now=due_at(30))) == [("admission_note", True),
                                                        ("ward_round_note", False)]  # fmt: skip


def test_daily_progress_interval_follows_acuity() -> None:
    written = [("first_progress_note", 3), ("admission_note", 6), ("ward_round_note", 20)]
    for acuity, days in (("critical", 1), ("serious", 2), ("stable", 3), (None, 3)):
        items = notes_due(chart(written, acuity=acuity), now=due_at(20), horizon=timedelta(days=4))
        assert [(i.note_type, i.due_at) for i in items] == [
            ("daily_progress_note", due_at(20) + timedelta(days=days))
        ], acuity
    late = notes_due(chart(written, acuity="critical"), now=due_at(20 + 25))
    assert kinds(late) == [("daily_progress_note", True)]


def test_discharge_summary_within_24h_of_discharge_and_no_more_daily_notes() -> None:
    written = [("first_progress_note", 3), ("admission_note", 6), ("ward_round_note", 20)]
    discharged = chart(written, acuity="critical", discharged_after_h=100)
    assert [(i.note_type, i.due_at, i.overdue) for i in notes_due(discharged, now=due_at(101))] == [
        ("discharge_summary", due_at(124), False)
    ]
    assert kinds(notes_due(discharged, now=due_at(130))) == [("discharge_summary", True)]
    summary = chart([*written, ("discharge_summary", 110)], discharged_after_h=100)
    assert notes_due(summary, now=due_at(130)) == []


def test_no_patient_means_nothing_due() -> None:
    assert notes_due({"patient": None, "notes": []}) == []

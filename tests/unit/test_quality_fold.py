"""The quality projection on a tiny hand-built event list (tests/support/quality_history.py): the
fold's facts and the indicators read from them equal the shares, rates, medians and counts worked
out by hand there."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, select

from tests.support.quality_history import CALM, T0, History, folded_engine, indicators
from workstation.clock import iso
from workstation.server.manage_quality_fold import fold
from workstation.server.quality_models import metadata, quality_news2, quality_notes


@pytest.fixture
def engine() -> Iterator[Engine]:
    """The folded history."""
    engine = folded_engine()
    yield engine
    engine.dispose()


def _indicators(engine: Engine, wards: frozenset[str] | None = None) -> dict[str, Any]:
    return indicators(engine, wards)


def test_note_timeliness_per_type_ward_and_doctor(engine: Engine) -> None:
    notes = _indicators(engine)["notes"]
    shares = {r["note_type"]: (r["n"], r["on_time"]) for r in notes["by_type"]}
    assert shares == {"first_progress_note": (2, 1), "admission_note": (2, 1),
                      "ward_round_note": (2, 1)}  # fmt: skip
    rounds = {r["doctor"]: (r["n"], r["on_time"]) for r in notes["by_doctor"]
              if r["note_type"] == "ward_round_note"}  # fmt: skip
    assert rounds == {"王医生": (2, 1)}  # P1's missing round is its attending's; P2's is d1's
    first = {r["ward_id"]: r["share"] for r in notes["by_ward"]
             if r["note_type"] == "first_progress_note"}  # fmt: skip
    assert first == {"CARD": 1.0, "RESP": 0.0}


def test_alerts_and_override_rates_per_rule_and_prescriber(engine: Engine) -> None:
    alerts = _indicators(engine)["alerts"]
    by_rule = {r["rule_id"]: (r["n"], r["overridden"], r["share"]) for r in alerts["by_rule"]}
    assert by_rule == {"r1": (1, 1, 1.0), "r2": (2, 1, 0.5), "allergy-status": (1, 1, 1.0)}
    by_who = {r["prescriber_id"]: (r["n"], r["overridden"]) for r in alerts["by_prescriber"]}
    assert by_who == {"d1": (2, 1), "d2": (1, 1), "ph": (1, 1)}


def test_scans_late_and_missed_doses(engine: Engine) -> None:
    data = _indicators(engine)
    by_nurse = {r["nurse_id"]: (r["n"], r["scanned"], r["unable_to_scan"])
                for r in data["scans"]["by_nurse"]}  # fmt: skip
    assert by_nurse == {"n1": (1, 1, 0), "n2": (1, 0, 1)}
    doses = {r["ward_id"]: (r["scheduled_given"], r["late"], r["missed"]) for r in data["doses"]}
    assert doses == {"CARD": (1, 0, 1), "RESP": (1, 1, 0)}


def test_verification_turnaround_median_and_p90(engine: Engine) -> None:
    verification = _indicators(engine)["verification"]
    assert verification["all"] == {"n": 3, "median_min": 45.0, "p90_min": 120.0, "pending": 0}


def test_news2_escalations_answered_in_time(engine: Engine) -> None:
    rows = {(r["ward_id"], r["level"]): (r["n"], r["in_time"], r["late"], r["unanswered"])
            for r in _indicators(engine)["news2"]}  # fmt: skip
    assert rows == {("CARD", "emergency"): (1, 1, 0, 0), ("CARD", "urgent"): (1, 0, 0, 1),
                    ("RESP", "urgent"): (1, 0, 1, 0)}  # fmt: skip


def test_a_ward_scope_shows_only_that_ward(engine: Engine) -> None:
    data = _indicators(engine, frozenset({"RESP"}))
    assert {r["ward_id"] for r in data["notes"]["by_ward"]} == {"RESP"}
    assert {r["rule_id"] for r in data["alerts"]["by_rule"]} == {"r2"}
    assert [r["ward_id"] for r in data["doses"]] == ["RESP"]
    assert {r["ward_id"] for r in data["news2"]} == {"RESP"}


def test_a_doctors_entry_more_than_a_day_later_answers_no_trigger() -> None:
    engine = create_engine("sqlite://")
    metadata.create_all(engine)
    h = History()
    h.add(T0, "VitalsRecorded", "P1", "n1", taken_at=iso(T0), **{**CALM, "consciousness": "V"})
    h.add(T0 + timedelta(hours=25), "NoteSigned", "P1", "d1", note_type="ward_round_note")
    with engine.begin() as conn:
        fold(conn, h.rows)
        assert conn.execute(select(quality_news2.c.answered_at)).scalar() is None


def test_a_score_that_stays_high_is_one_escalation_until_it_rises() -> None:
    engine = create_engine("sqlite://")
    metadata.create_all(engine)
    h = History()
    urgent = {**CALM, "consciousness": "V"}
    emergency = {**CALM, "resp_rate": 25, "spo2_pct": 91, "pulse_bpm": 135}
    for hours, vitals in ((0, urgent), (4, urgent), (6, emergency), (8, emergency), (31, urgent)):
        at = T0 + timedelta(hours=hours)
        h.add(at, "VitalsRecorded", "P1", "n1", taken_at=iso(at), **vitals)
    with engine.begin() as conn:
        fold(conn, h.rows)
        rows = conn.execute(select(quality_news2.c.at, quality_news2.c.level)).all()
    assert [(r.at, r.level) for r in rows] == [
        (iso(T0), "urgent"),
        (iso(T0 + timedelta(hours=6)), "emergency"),
        (iso(T0 + timedelta(hours=31)), "urgent"),
    ]


def _admission_note(rows: list[Any]) -> tuple[str | None, str | None]:
    engine = create_engine("sqlite://")
    metadata.create_all(engine)
    with engine.begin() as conn:
        fold(conn, rows)
        note = conn.execute(select(quality_notes.c.signed_at, quality_notes.c.doctor_id)
                            .where(quality_notes.c.note_type == "admission_note")).one()  # fmt: skip
    return note.signed_at, note.doctor_id


def test_a_voided_note_no_longer_meets_its_deadline() -> None:
    h = History()
    h.add(T0, "PatientAdmitted", "P1", "clerk", ward_id="CARD", admitted_at=iso(T0),
          attending_id="d1")  # fmt: skip
    first = h.add(T0 + timedelta(hours=5), "NoteSigned", "P1", "d2", note_type="admission_note")
    assert _admission_note(h.rows) == (iso(T0 + timedelta(hours=5)), "d2")
    h.add(T0 + timedelta(hours=6), "EventVoided", "P1", "d2", target_event_id=first)
    assert _admission_note(h.rows) == (None, "d1")  # open again, and the attending's
    h.add(T0 + timedelta(hours=30), "NoteSigned", "P1", "d2", note_type="admission_note")
    assert _admission_note(h.rows) == (iso(T0 + timedelta(hours=30)), "d2")  # late now


def test_voiding_one_of_two_notes_leaves_the_other_standing() -> None:
    h = History()
    h.add(T0, "PatientAdmitted", "P1", "clerk", ward_id="CARD", admitted_at=iso(T0),
          attending_id="d1")  # fmt: skip
    first = h.add(T0 + timedelta(hours=5), "NoteSigned", "P1", "d2", note_type="admission_note")
    h.add(T0 + timedelta(hours=7), "NoteSigned", "P1", "d1", note_type="admission_note")
    h.add(T0 + timedelta(hours=8), "EventVoided", "P1", "d2", target_event_id=first)
    assert _admission_note(h.rows) == (iso(T0 + timedelta(hours=7)), "d1")

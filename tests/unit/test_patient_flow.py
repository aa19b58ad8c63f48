"""The patient-flow figures against a hand-made event list with hand-computed answers
(times on the ward clock, UTC+8; 2026-03-02 is a Monday)."""

from __future__ import annotations

from datetime import date, timedelta, timezone
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import create_engine

from workstation.server.flow_fold import fold_events
from workstation.server.flow_queries import (
    census_of_moves,
    length_of_stay,
    los_summary,
    midnight_census,
    midnights,
    movement_counts,
    quantile,
)
from workstation.server.flow_store import fold
from workstation.server.models import flow_moves, flow_stays, metadata, wards

LOCAL = timezone(timedelta(hours=8))
_seq = iter(range(1, 10_000))


def _at(day: int, hour: int, minute: int = 0) -> str:
    return f"2026-03-{day:02d}T{hour:02d}:{minute:02d}:00+08:00"


def _event(kind: str, patient: str, recorded: str, **payload: Any) -> dict[str, Any]:
    n = next(_seq)
    return {"type": kind, "event_id": f"e{n:04d}", "patient_id": patient, "recorded_at": recorded,
            "payload": payload, "server_seq": n}  # fmt: skip


def _admit(patient: str, ward: str, at: str) -> dict[str, Any]:
    return _event("PatientAdmitted", patient, at, ward_id=ward, bed="01", admitted_at=at)


def _move(patient: str, ward: str, at: str, reason: str | None = None) -> dict[str, Any]:
    extra = {"reason": reason} if reason else {}
    return _event(
        "PatientTransferred", patient, at, ward_id=ward, bed="02", base_version=1, **extra
    )


def _out(patient: str, at: str, disposition: str | None = None) -> dict[str, Any]:
    extra = {"disposition": disposition} if disposition else {}
    return _event("PatientDischarged", patient, at, discharged_at=at, base_version=2, **extra)


def _ward_events() -> list[dict[str, Any]]:
    return [
        _admit("p4", "A", _at(2, 9)),
        _admit("p1", "A", _at(2, 10, 30)),
        _out("p4", _at(2, 9, 30), "admission cancelled by the HIS (A11)"),  # never happened
        _admit("p2", "A", _at(3, 23, 15)),
        _admit("p5", "A", _at(3, 11)),
        _move("p5", "B", _at(4, 8)),
        _move("p5", "A", _at(4, 9), "transfer cancelled by the HIS (A12)"),  # undoes the move
        _move("p2", "A", _at(4, 10)),  # a change of bed on the same ward
        _move("p1", "B", _at(4, 14)),
        _out("p2", _at(5, 9, 15)),
        _out("p1", _at(6, 11)),
        _admit("p3", "B", _at(7, 8)),
        _out("p3", _at(8, 10)),
        _event("DischargeCancelled", "p3", _at(8, 12), base_version=3),  # still in hospital
        _out("p5", _at(9, 10)),
        _event("VitalsRecorded", "p5", _at(9, 11), pulse_bpm=80),  # not a flow event
    ]


P1_LOS = 4 + 0.5 / 24  # Mon 10:30 -> Fri 11:00
P2_LOS = 34 / 24  # Tue 23:15 -> Thu 09:15
P5_LOS = 6 - 1 / 24  # Tue 11:00 -> Mon 10:00


def test_fold_keeps_what_happened_and_drops_what_was_cancelled() -> None:
    stays = {s.patient_id: s for s in fold_events(_ward_events())}
    assert sorted(stays) == ["p1", "p2", "p3", "p5"]
    assert [m.ward_id for m in stays["p1"].moves] == ["A", "B"]
    assert [m.ward_id for m in stays["p5"].moves] == ["A"]
    assert [m.ward_id for m in stays["p2"].moves] == ["A"]
    assert stays["p3"].discharged_at is None and stays["p3"].moves[0].end_at is None
    assert (
        stays["p1"].moves[0].end_kind == "transfer" and stays["p1"].moves[1].end_kind == "discharge"
    )


@pytest.fixture
def flow_db() -> Any:
    engine = create_engine("sqlite://")
    metadata.create_all(engine, tables=[flow_stays, flow_moves, wards])
    with engine.begin() as conn:
        conn.execute(wards.insert(), [{"ward_id": "A", "name_en": "A", "name_zh": "A", "beds": "01,02,03,04"},
                                      {"ward_id": "B", "name_en": "B", "name_zh": "B", "beds": "01,02"}])  # fmt: skip
        rows = [SimpleNamespace(**e) for e in _ward_events()]
        fold(conn, rows[:5])  # two pages: the second finds the first's stays in the tables
        fold(conn, rows[5:])
    return engine


def test_movements_by_hour_and_weekday(flow_db: Any) -> None:
    with flow_db.connect() as conn:
        ward_a = movement_counts(conn, {"A"}, "2026-01-01T00:00:00.000Z")
        hospital = movement_counts(conn, None, "2026-01-01T00:00:00.000Z")
        late = movement_counts(conn, None, "2026-03-05T00:00:00.000Z")  # since Thu 08:00 local
    assert ward_a["by_weekday"]["admissions"] == [1, 2, 0, 0, 0, 0, 0]
    assert [h for h, n in enumerate(ward_a["by_hour"]["admissions"]) if n] == [10, 11, 23]
    assert ward_a["by_weekday"]["transfers_out"] == [0, 0, 1, 0, 0, 0, 0]
    assert ward_a["by_weekday"]["transfers_in"] == [0] * 7  # the cancelled move is gone
    assert ward_a["by_weekday"]["discharges"] == [1, 0, 0, 1, 0, 0, 0]  # p5 Mon, p2 Thu
    assert hospital["by_weekday"]["admissions"] == [1, 2, 0, 0, 0, 1, 0]
    assert hospital["by_hour"]["transfers_in"][14] == 1
    assert sum(hospital["by_weekday"]["discharges"]) == 3  # p3's was cancelled
    assert late["by_weekday"]["discharges"] == [1, 0, 0, 1, 1, 0, 0]
    assert sum(late["by_weekday"]["admissions"]) == 1  # p3 on Saturday


def test_midnight_census_and_occupancy(flow_db: Any) -> None:
    days = midnights(date(2026, 3, 2), date(2026, 3, 9), LOCAL)
    with flow_db.connect() as conn:
        census = midnight_census(conn, None, days)
        only_b = midnight_census(conn, {"B"}, days)
    assert census["A"] == [0, 1, 3, 2, 1, 1, 1, 1]
    assert census["B"] == [0, 0, 0, 1, 1, 0, 1, 1]
    assert only_b == {"B": census["B"]}


def test_census_counts_a_patient_leaving_exactly_at_midnight_as_gone() -> None:
    days = midnights(date(2026, 3, 2), date(2026, 3, 4), LOCAL)
    moves = [
        ("A", _at(1, 23), "2026-03-03T00:00:00+08:00"),
        ("A", "2026-03-03T00:00:00+08:00", None),
    ]
    assert census_of_moves(moves, days) == {"A": [1, 1, 1]}


def test_length_of_stay(flow_db: Any) -> None:
    with flow_db.connect() as conn:
        hospital = length_of_stay(conn, None, "2026-01-01T00:00:00.000Z")
        ward_a = length_of_stay(conn, {"A"}, "2026-01-01T00:00:00.000Z")
        ward_b = length_of_stay(conn, {"B"}, "2026-01-01T00:00:00.000Z")
    assert hospital["count"] == 3
    assert hospital["median"] == pytest.approx(P1_LOS, abs=0.01)
    assert hospital["q1"] == pytest.approx((P2_LOS + P1_LOS) / 2, abs=0.01)
    assert hospital["q3"] == pytest.approx((P1_LOS + P5_LOS) / 2, abs=0.01)
    assert [i for i, n in enumerate(hospital["histogram"]) if n] == [1, 4, 5]
    assert ward_a["count"] == 2 and ward_a["median"] == pytest.approx(
        (P2_LOS + P5_LOS) / 2, abs=0.01
    )
    assert ward_b["count"] == 1  # p1 left from B; p3 is still in


def test_los_summary_quartiles_and_open_last_bin() -> None:
    summary = los_summary([1, 2, 3, 4, 30])
    assert (summary["q1"], summary["median"], summary["q3"]) == (2, 3, 4)
    assert summary["histogram"][-1] == 1 and len(summary["histogram"]) == 15
    assert quantile([0.0, 10.0], 0.25) == 2.5
    assert los_summary([])["median"] is None

"""Patient search by indexed prefix ranges; a chart opened with its newest rows, the rest paged."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Connection, create_engine, insert

from workstation.clinical.checks.context import patient_context_from_chart
from workstation.clinical.note_deadlines import notes_due
from workstation.projections import queries
from workstation.projections import tables as t

P1 = "0190b8e2-7c3a-7d1e-9f00-000000000001"
ADMITTED = datetime(2024, 1, 1, tzinfo=UTC)


@pytest.fixture
def conn() -> Iterator[Connection]:
    engine = create_engine("sqlite://")
    t.metadata.create_all(engine)
    with engine.begin() as connection:
        yield connection


def _at(hours: float) -> str:
    return (ADMITTED + timedelta(hours=hours)).isoformat(timespec="milliseconds")[:23] + "Z"


def _patient(n: int, name: str, pinyin: str, initials: str, status: str) -> dict[str, Any]:
    return {"patient_id": f"0190b8e2-7c3a-7d1e-9f00-{n:012x}", "record_number": f"H{n:07d}",
            "temporary_number": False, "name": name, "name_initials": initials,
            "name_pinyin": pinyin, "sex": "female", "birth_date": "1950-05-17", "ward_id": "W1",
            "bed": str(n), "status": status, "admitted_at": _at(0), "version": 0}  # fmt: skip


def test_find_patients_admitted_first_and_each_key_by_prefix(conn: Connection) -> None:
    conn.execute(insert(t.patients), [
        _patient(1, "张三", "zhangsan", "zs", "discharged"),
        _patient(2, "张三丰", "zhangsanfeng", "zsf", "admitted"),
        _patient(3, "李四", "lisi", "ls", "admitted"),
        _patient(4, "Zoe Smith", "zoesmith", "zs", "admitted"),
    ])  # fmt: skip
    ids = [p["record_number"] for p in queries.find_patients(conn, "zs")]
    assert ids == ["H0000004", "H0000002", "H0000001"]  # admitted first, then initials
    assert [p["record_number"] for p in queries.find_patients(conn, "张三")] == [
        "H0000002", "H0000001"]  # fmt: skip
    assert [p["record_number"] for p in queries.find_patients(conn, "h0000003")] == ["H0000003"]
    assert [p["record_number"] for p in queries.find_patients(conn, " LISI ")] == ["H0000003"]
    assert queries.find_patients(conn, "z%") == []  # no LIKE wildcards
    assert queries.find_patients(conn, "zhangsanx") == []
    assert len(queries.find_patients(conn, "h", limit=3)) == 3


def _history(conn: Connection) -> None:
    conn.execute(insert(t.patients), [_patient(1, "张三", "zhangsan", "zs", "admitted")])
    conn.execute(insert(t.vitals), [
        {"vitals_id": f"v{n:04d}", "patient_id": P1, "taken_at": _at(n), "recorded_by": "rn",
         "pulse_bpm": 60 + n % 40} for n in range(130)
    ])  # fmt: skip
    notes = [("admission_note", 1), ("first_progress_note", 2)] + [
        ("daily_progress_note", 24 + n) for n in range(80)
    ]
    conn.execute(insert(t.notes), [
        {"note_id": f"n{n:04d}", "patient_id": P1, "note_type": kind, "text": "x",
         "author_id": "doc", "signed_at": _at(hours)} for n, (kind, hours) in enumerate(notes)
    ])  # fmt: skip
    conn.execute(insert(t.orders), [
        {"order_id": f"o{n:04d}", "patient_id": P1, "order_kind": "medication",
         "description": "drug", "drug_code": "amoxicillin", "start_at": _at(n),
         "status": "verified" if n == 0 else "discontinued", "placed_by": "doc", "placed_at": _at(n)}
        for n in range(70)
    ])  # fmt: skip
    conn.execute(insert(t.lab_results), [
        {"result_id": f"l{n:04d}", "patient_id": P1, "test_code": "CREA" if n == 0 else "NA",
         "test_name": "test", "value": "90", "numeric_value": 90.0 + n, "resulted_at": _at(n)}
        for n in range(60)
    ])  # fmt: skip


def test_chart_summary_holds_the_newest_rows_and_what_checks_and_deadlines_need(
    conn: Connection,
) -> None:
    _history(conn)
    full, summary = queries.chart(conn, P1), queries.chart_summary(conn, P1)
    assert set(full) <= set(summary)
    assert summary["vitals"] == full["vitals"][: queries.RECENT_ROWS]
    assert [n["note_id"] for n in summary["notes"]][-2:] == ["n0001", "n0000"]  # kept whatever age
    assert "o0000" in {o["order_id"] for o in summary["orders"]}  # the order in force, 70 rows back
    now = ADMITTED + timedelta(days=5)
    assert notes_due(summary, now=now) == notes_due(full, now=now)
    today = date(2024, 1, 6)
    assert patient_context_from_chart(summary, today=today) == patient_context_from_chart(
        full, today=today
    )


def test_chart_pages_reach_every_row_once_newest_first(conn: Connection) -> None:
    _history(conn)
    for section in ("vitals", "notes", "orders", "labs", "administrations"):
        rows, cursor = queries.chart_page(conn, P1, section)
        while cursor is not None:
            older, cursor = queries.chart_page(conn, P1, section, before=cursor)
            rows += older
        assert rows == queries.chart(conn, P1)[section], section
    first, cursor = queries.chart_page(conn, P1, "vitals", limit=30)
    assert len(first) == 30 and cursor == (first[-1]["taken_at"], first[-1]["vitals_id"])
    last, end = queries.chart_page(conn, P1, "vitals", before=("2024-01-01T03:00:00.000Z", ""))
    assert [row["vitals_id"] for row in last] == ["v0002", "v0001", "v0000"] and end is None

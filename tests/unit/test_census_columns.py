"""The census's new columns without Qt widgets: NEWS2 of the latest not-voided vitals from the
census query (SQLite and PostgreSQL), the length of stay on the ward's clock, and the sort keys."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import Connection, create_engine

from tests.unit.test_projector import P1, P2, admitted, ev
from ui import terms
from ui.screens.census.sorting import COLUMN_KEYS, sort_patients
from workstation.projections import queries
from workstation.projections.projector import apply_events
from workstation.projections.tables import metadata

CHINA = timezone(timedelta(hours=8))


@pytest.fixture
def census_conn(database_url: str) -> Iterator[Connection]:
    """The projection tables on a new SQLite or PostgreSQL database, in one transaction."""
    engine = create_engine(database_url)
    metadata.create_all(engine)
    with engine.begin() as connection:
        yield connection
    engine.dispose()


def vitals(at: str, patient_id: str = P1, **values: object) -> object:
    """A VitalsRecorded event taken at `at`."""
    return ev("VitalsRecorded", {"taken_at": at, **values}, patient_id)


def test_the_census_names_the_news2_of_the_latest_vitals_not_voided(
    census_conn: Connection,
) -> None:
    older = vitals("2024-03-01T08:00:00.000Z", resp_rate=26, spo2_pct=90, pulse_bpm=135)
    newest = vitals("2024-03-01T12:00:00.000Z", resp_rate=26, spo2_pct=91, pulse_bpm=120,
                    systolic_mmhg=95, temperature_c=39.5, consciousness="A", on_oxygen=True)  # fmt: skip
    calm = vitals(  # between the two: the latest once the newest is voided
        "2024-03-01T10:00:00.000Z", resp_rate=16, spo2_pct=97, pulse_bpm=70
    )
    apply_events(census_conn, [admitted(P1), admitted(P2), older, newest, calm])
    rows = {r["patient_id"]: r for r in queries.census(census_conn)}
    assert (rows[P1]["news2"], rows[P1]["news2_at"]) == (
        14,
        "2024-03-01T12:00:00.000Z",
    )  # 3+3+2+2+2+2
    assert rows[P2]["news2"] is None and rows[P2]["news2_at"] is None  # no vitals: blank
    assert "diagnosis" in rows[P1] and "attending_id" in rows[P1] and rows[P1]["admitted_at"]
    void = ev("EventVoided", {"target_event_id": newest.event_id, "reason": "wrong patient"})  # type: ignore[attr-defined]
    apply_events(census_conn, [void])
    rows = {r["patient_id"]: r for r in queries.census(census_conn, "W1")}
    assert (rows[P1]["news2"], rows[P1]["news2_at"]) == (0, "2024-03-01T10:00:00.000Z")
    assert queries.census(census_conn, "W2") == []


def test_length_of_stay_counts_dates_on_the_wards_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(terms, "ward_zone", lambda: CHINA)
    # 23:30 on 1 March in Beijing is 15:30 UTC: the next ward morning is day 1, not day 0
    assert terms.stay_days("2026-03-01T15:30:00.000Z", date(2026, 3, 2)) == 1
    # 17:00 UTC on 1 March is already 2 March in Beijing: day 0 that morning (UTC says day 1)
    assert terms.stay_days("2026-03-01T17:00:00.000Z", date(2026, 3, 2)) == 0
    assert terms.stay_days("2026-02-20T02:00:00.000Z", date(2026, 3, 2)) == 10
    assert terms.stay_days(None) is None and terms.stay_days("not a time") is None
    today = datetime.now(CHINA).date()
    assert terms.stay_days("2026-03-01T15:30:00.000Z") == (today - date(2026, 3, 1)).days


def test_the_sort_keys_sort_numbers_as_numbers_and_blanks_last() -> None:
    rows = [{"ward_id": "W1", "bed": bed, "news2": score} for bed, score in
            (("10", 3), ("2", None), ("9", 11), ("1", 3))]  # fmt: skip
    beds = [r["bed"] for r in sort_patients(rows, COLUMN_KEYS["bed"], False)]
    assert beds == ["1", "2", "9", "10"]
    high = [r["bed"] for r in sort_patients(rows, COLUMN_KEYS["news2"], True)]
    assert high == ["9", "1", "10", "2"]  # ties by bed, no vitals last
    low = [r["bed"] for r in sort_patients(rows, COLUMN_KEYS["news2"], False)]
    assert low == ["1", "10", "9", "2"]

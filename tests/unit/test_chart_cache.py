"""The chart's rows kept between openings are never shown once the patient's rows changed: each
test opens a chart (kept), changes the patient's rows another way, and opens it again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text, update

from offline_cache.replica import open_replica, patient_tables
from offline_cache.tables import audit_outbox, local_events, patient_changes
from offline_cache.workstation import Workstation
from tests.support.station import doctor_station
from tests.support.ward import admission, amoxicillin_order, vitals
from ui.screens.chart import tasks
from workstation.events.envelope import Event
from workstation.ids import uuid7
from workstation.projections import queries
from workstation.projections import tables as pt
from workstation.projections.projector import apply_events


@pytest.fixture
def ws(tmp_path: Path, test_keyring: Any) -> Iterator[Workstation]:
    with doctor_station(tmp_path) as station:
        yield station


def _admitted(ws: Workstation) -> str:
    payload = admission("张三", "12", record_number="H0000012")
    return ws.record("PatientAdmitted", patient_id=uuid7(), payload=payload).patient_id or ""


def _open(ws: Workstation, patient_id: str) -> dict[str, Any]:
    return tasks.open_chart(ws, patient_id)


def _order_ids(chart: dict[str, Any]) -> set[str]:
    return {o["order_id"] for o in chart["orders"]}


def _fresh(ws: Workstation, patient_id: str) -> dict[str, Any]:
    """The same read without the cache, to compare with."""
    with ws.store.reading() as conn:
        return queries.patient_rows(conn, patient_id)


def test_an_unchanged_chart_is_kept_and_equal_to_a_fresh_read(ws: Workstation) -> None:
    patient = _admitted(ws)
    ws.record("OrderPlaced", patient_id=patient, payload=amoxicillin_order())
    first = _open(ws, patient)
    kept = ws.store.chart_cache._kept[patient]
    second = _open(ws, patient)
    assert ws.store.chart_cache._kept[patient] is kept  # read from the cache, not again
    fresh = _fresh(ws, patient)
    for section, rows in fresh.items():
        if section != "orders":  # the opening adds the high-alert mark to orders
            assert second[section] == rows == first[section]
    assert _order_ids(second) == _order_ids(first) == {o["order_id"] for o in fresh["orders"]}


def test_a_local_event_is_shown_at_the_next_opening(ws: Workstation) -> None:
    patient = _admitted(ws)
    _open(ws, patient)
    order = ws.record("OrderPlaced", patient_id=patient, payload=amoxicillin_order())
    assert order.event_id in _order_ids(_open(ws, patient))
    ws.record("VitalsRecorded", patient_id=patient, payload=vitals(pulse=131))
    assert [v["pulse_bpm"] for v in _open(ws, patient)["vitals"]] == [131]


def test_a_pulled_event_is_shown_at_the_next_opening(ws: Workstation) -> None:
    patient = _admitted(ws)
    before = _open(ws, patient)
    pulled = Event(event_id=uuid7(), type="OrderPlaced", patient_id=patient, author_id="doctor-2",
                   device_id="ws-other", device_seq=1, recorded_at=before["patient"]["admitted_at"],
                   payload=amoxicillin_order(), server_seq=7)  # fmt: skip
    with ws.store.writing() as conn:  # as the sync client folds a pulled page
        apply_events(conn, [pulled])
    assert pulled.event_id in _order_ids(_open(ws, patient))


def test_a_discontinued_order_leaves_the_kept_orders_in_force(ws: Workstation) -> None:
    patient = _admitted(ws)
    order = ws.record("OrderPlaced", patient_id=patient, payload=amoxicillin_order())
    assert _open(ws, patient)["orders"][0]["status"] == "placed"
    ws.record(
        "OrderDiscontinued",
        patient_id=patient,
        payload={"order_id": order.event_id, "reason": "done"},
    )
    assert _open(ws, patient)["orders"][0]["status"] == "discontinued"


def test_a_refold_after_a_rejection_is_shown(ws: Workstation) -> None:
    """The server refuses an event: the patient is folded again without it (as after a void or
    amend of a rejected event, or the server's restore)."""
    patient = _admitted(ws)
    order = ws.record("OrderPlaced", patient_id=patient, payload=amoxicillin_order())
    assert order.event_id in _order_ids(_open(ws, patient))
    with ws.store.writing() as conn:
        conn.execute(
            update(local_events)
            .where(local_events.c.event_id == order.event_id)
            .values(state="rejected")
        )
        ws.store.rebuild(conn, [patient])
    assert _order_ids(_open(ws, patient)) == set()


def test_a_write_by_another_connection_is_shown(ws: Workstation, tmp_path: Path) -> None:
    """Another process writing the replica (no Python code of ours runs): the triggers still
    give the patient a new token."""
    patient = _admitted(ws)
    order = ws.record("OrderPlaced", patient_id=patient, payload=amoxicillin_order())
    assert _open(ws, patient)["orders"][0]["status"] == "placed"
    other = open_replica(tmp_path / "station" / "replica.db", ws.store.device_id, create=False)
    with other.begin() as conn:
        conn.execute(
            update(pt.orders)
            .where(pt.orders.c.order_id == order.event_id)
            .values(status="verified")
        )
    other.dispose()
    assert _open(ws, patient)["orders"][0]["status"] == "verified"


def test_a_caller_changing_its_chart_does_not_change_the_kept_one(ws: Workstation) -> None:
    patient = _admitted(ws)
    ws.record("OrderPlaced", patient_id=patient, payload=amoxicillin_order())
    chart = _open(ws, patient)
    chart["orders"][0]["status"] = "changed by a screen"
    chart["orders"].append({"order_id": "made up"})
    chart["patient"]["name"] = "changed"
    again = _open(ws, patient)
    assert again["orders"][0]["status"] == "placed"
    assert len(again["orders"]) == 1
    assert again["patient"]["name"] == "张三"


def test_every_patient_table_renews_the_token_on_insert_update_and_delete(ws: Workstation) -> None:
    with ws.store.reading() as conn:
        triggers = {
            (row.tbl_name, row.name.rsplit("_", 2)[-2])
            for row in conn.execute(text("SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'"))
        }  # fmt: skip
    tables = patient_tables()
    assert "orders" in tables and "vitals" in tables and "patients" in tables
    for table in tables:
        assert {(table, "insert"), (table, "update"), (table, "delete")} <= triggers, table


def test_a_replica_from_before_the_tokens_gets_them_when_opened(
    ws: Workstation, tmp_path: Path
) -> None:
    patient = _admitted(ws)
    with ws.store.writing() as conn:  # as an older release left it: no table, no triggers
        for row in conn.execute(
            text("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        ).all():  # fmt: skip
            conn.execute(text(f"DROP TRIGGER {row.name}"))
        conn.execute(text("DROP TABLE patient_changes"))
    ws.close()
    reopened = Workstation.open(tmp_path / "station", ward_id="CARD")
    reopened.sessions.current = ws.sessions.current
    try:
        with reopened.store.reading() as conn:
            token = conn.execute(
                select(patient_changes.c.token).where(patient_changes.c.patient_id == patient)
            ).scalar_one()
        _open(reopened, patient)
        order = reopened.record("OrderPlaced", patient_id=patient, payload=amoxicillin_order())
        with reopened.store.reading() as conn:
            assert conn.execute(select(patient_changes.c.token)).scalar_one() != token
        assert order.event_id in _order_ids(_open(reopened, patient))
    finally:
        reopened.close()


def _read_ahead(ws: Workstation, patient_id: str) -> bool:
    return tasks.read_ahead(ws, patient_id, ws.store.chart_cache.generation)


def test_the_cache_is_bounded_by_rows_and_reading_ahead_never_pushes_out_an_opened_chart(
    ws: Workstation,
) -> None:
    opened, ahead, more = _admitted(ws), _admitted(ws), _admitted(ws)
    for _ in range(3):
        ws.record("VitalsRecorded", patient_id=opened, payload=vitals(pulse=90))
    _open(ws, opened)
    cache = ws.store.chart_cache
    opened_rows = cache._rows
    assert _read_ahead(ws, ahead)
    cache.max_rows = cache._rows  # full: room for the opened chart and one admission more
    assert not _read_ahead(ws, more)  # no room: the read-ahead chart goes, not the opened one
    assert cache.kept_patients() == [ahead, opened]
    cache.max_rows = opened_rows  # an opening pushes out the read-ahead chart first
    _open(ws, more)
    assert cache.kept_patients() == [more]  # over the bound alone: the newest opened stays
    assert cache._rows == sum(kept[2] for kept in cache._kept.values())


def test_a_read_begun_before_a_lock_keeps_nothing(ws: Workstation) -> None:
    patient = _admitted(ws)
    generation = ws.store.chart_cache.generation
    ws.store.chart_cache.clear()  # the station locked while the read was queued
    assert not tasks.read_ahead(ws, patient, generation)
    assert ws.store.chart_cache.kept_patients() == []


def test_reading_ahead_records_no_read_audit(ws: Workstation) -> None:
    patient = _admitted(ws)
    with ws.store.reading() as conn:
        before = conn.execute(select(audit_outbox.c.entry_id)).scalars().all()
    assert _read_ahead(ws, patient)
    with ws.store.reading() as conn:
        assert conn.execute(select(audit_outbox.c.entry_id)).scalars().all() == before


def test_the_triggers_cover_every_table_a_kept_chart_is_read_from(ws: Workstation) -> None:
    # the triggers sit only on the tables `patient_rows` reads (a pull writes many rows the chart
    # never shows, and each trigger costs the fold); SQLite's authorizer names every table a
    # statement reads, so a new read in patient_rows without its trigger fails here
    patient = _admitted(ws)
    read: set[str] = set()

    def note_reads(action: int, table: str | None, *_rest: object) -> int:
        if action == 20 and table:  # SQLITE_READ
            read.add(table)
        return 0  # SQLITE_OK

    with ws.store.reading() as conn:
        raw = conn.connection.dbapi_connection
        raw.set_authorizer(note_reads)  # type: ignore[union-attr]
        try:
            queries.patient_rows(conn, patient)
        finally:
            raw.set_authorizer(None)  # type: ignore[union-attr]
    assert "orders" in read and "patients" in read
    assert read - {"sqlite_master"} == set(patient_tables())  # all of them, and no other

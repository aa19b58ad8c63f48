"""insert_rows and update_rows write what SQLAlchemy's own insert and update would write."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import (
    Boolean,
    Column,
    Engine,
    Float,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    create_engine,
    insert,
    select,
    text,
)

from workstation.storage import insert_rows, update_rows

metadata = MetaData()
doses = Table(
    "doses",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("dose_id", String(36), nullable=False, unique=True),
    Column("amount", Float),
    Column("given", Boolean, nullable=False, default=False),
    Column("payload", LargeBinary),
    Column("note", String(40)),
)
stamped = Table(  # a callable default: insert_rows leaves such a table to SQLAlchemy
    "stamped",
    metadata,
    Column("stamp_id", String(36), primary_key=True),
    Column("at", String(32), nullable=False, default=lambda: "2026-01-01T00:00:00.000Z"),
)

ROWS: list[dict[str, Any]] = [
    {"dose_id": "d1", "amount": 500, "given": True, "payload": b'{"a":1}', "note": "left arm"},
    {"dose_id": "d2", "amount": 2.5, "given": False, "payload": b"{}", "note": None},
    {"dose_id": "d3", "amount": None, "given": False, "payload": None, "note": "x"},
]
# The rows as stored, with each value's SQLite storage class: an int amount is stored as REAL
# (Float's bind processor), a bool as 0/1, an omitted autoincrement key gets the next number.
STORED = [
    (1, "d1", 500.0, "real", 1, b'{"a":1}', "blob", "left arm"),
    (2, "d2", 2.5, "real", 0, b"{}", "blob", None),
    (3, "d3", None, "null", 0, None, "null", "x"),
]
DUMP = "SELECT seq, dose_id, amount, typeof(amount), given, payload, typeof(payload), note FROM doses ORDER BY seq"


@pytest.fixture(params=["qmark", "named"])
def engine(request: pytest.FixtureRequest) -> Engine:
    """SQLite with the driver-level path (qmark) and with SQLAlchemy's own (any other style)."""
    made = create_engine("sqlite://", paramstyle=request.param)
    metadata.create_all(made)
    return made


def test_insert_rows_stores_what_sqlalchemy_would(engine: Engine) -> None:
    with engine.begin() as conn:
        insert_rows(conn, doses, [dict(row) for row in ROWS])
        assert [tuple(r) for r in conn.execute(text(DUMP))] == STORED
    reference = create_engine("sqlite://")
    metadata.create_all(reference)
    with reference.begin() as conn:
        conn.execute(insert(doses), ROWS)
        assert [tuple(r) for r in conn.execute(text(DUMP))] == STORED


def test_a_key_missing_from_a_later_row_takes_the_scalar_default(engine: Engine) -> None:
    if engine.dialect.paramstyle != "qmark":
        pytest.skip("SQLAlchemy's executemany wants every row to have the first row's keys")
    with engine.begin() as conn:
        insert_rows(conn, doses, [{"dose_id": "d1", "given": True}, {"dose_id": "d2"}])
        assert conn.execute(select(doses.c.given).order_by(doses.c.seq)).scalars().all() == [
            True,
            False,
        ]


def test_insert_rows_keeps_a_callable_default(engine: Engine) -> None:
    with engine.begin() as conn:
        insert_rows(conn, stamped, [{"stamp_id": "s1"}, {"stamp_id": "s2"}])
        assert (
            conn.execute(select(stamped.c.at)).scalars().all() == ["2026-01-01T00:00:00.000Z"] * 2
        )


def test_update_rows_sets_each_rows_values_by_key(engine: Engine) -> None:
    with engine.begin() as conn:
        insert_rows(conn, doses, [dict(row) for row in ROWS])
        update_rows(conn, doses, "dose_id", [
            {"dose_id": "d3", "amount": 7, "given": True, "note": "late"},
            {"dose_id": "d1", "amount": None, "given": False, "note": "held"},
        ])  # fmt: skip
        update_rows(conn, doses, "dose_id", [])
        got = [tuple(r) for r in conn.execute(text(DUMP))]
    assert got == [
        (1, "d1", None, "null", 0, b'{"a":1}', "blob", "held"),
        STORED[1],
        (3, "d3", 7.0, "real", 1, None, "null", "late"),
    ]

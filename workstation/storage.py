"""SQLite settings shared by the server database and the workstation replica: durable commits
(WAL, synchronous=FULL) and writers that take the write lock at BEGIN (BEGIN IMMEDIATE)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, Table, event, insert

SQLITE_PRAGMAS = ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "busy_timeout=60000")


def make_sqlite_durable(engine: Engine, *, extra_pragmas: tuple[str, ...] = ()) -> None:
    """Apply durable pragmas on every new connection; `writer=True` connections BEGIN IMMEDIATE."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_conn.cursor()
        for pragma in (*SQLITE_PRAGMAS, *extra_pragmas):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # type: ignore[no-untyped-def]
        mode = "IMMEDIATE" if conn.get_execution_options().get("writer") else "DEFERRED"
        conn.exec_driver_sql(f"BEGIN {mode}")


def insert_rows(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert many rows in the caller's transaction: PostgreSQL COPY (one stream instead of a
    round trip per row), executemany elsewhere. A missing key takes the column's scalar default."""
    if not rows:
        return
    if conn.dialect.name != "postgresql":
        conn.execute(insert(table), rows)
        return
    defaults = {c.name: _scalar_default(c) for c in table.columns}
    columns = list(defaults)
    driver = conn.connection.driver_connection
    assert driver is not None
    cursor = driver.cursor()  # the same connection, so the same transaction
    with cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([row.get(name, defaults[name]) for name in columns])
    cursor.close()


def _scalar_default(column: Any) -> Any:
    default = column.default
    return default.arg if default is not None and default.is_scalar else None

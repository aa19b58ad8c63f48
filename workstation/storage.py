"""SQLite settings shared by the server database and the workstation replica: durable commits
(WAL, synchronous=FULL) and writers that take the write lock at BEGIN (BEGIN IMMEDIATE)."""

from __future__ import annotations

from sqlalchemy import Engine, event

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

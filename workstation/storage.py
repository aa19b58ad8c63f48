"""SQLite settings shared by the server database and the workstation replica: durable commits
(WAL, synchronous=FULL) and writers that take the write lock at BEGIN (BEGIN IMMEDIATE)."""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Engine, Table, bindparam, event, insert, update

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
        _execute_many(conn, table, rows)
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


def _execute_many(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """One driver-level executemany of plain tuples: the columns `insert(table)` would name for the
    first row (its keys plus those with a scalar default), each value through its column type's
    bind processor, as SQLAlchemy would. SQLAlchemy's own executemany spent most of a push building
    each row's parameters. A table with a callable or server-side default keeps that path."""
    dialect = conn.dialect
    if dialect.paramstyle != "qmark" or any(_needs_core(c) for c in table.columns):
        conn.execute(insert(table), rows)
        return
    columns = [c for c in table.columns if c.name in rows[0] or _scalar_default(c) is not None]
    plan = [(c.name, _scalar_default(c), c.type.dialect_impl(dialect).bind_processor(dialect))
            for c in columns]  # fmt: skip
    quote = dialect.identifier_preparer.quote
    names = ", ".join(quote(c.name) for c in columns)
    marks = ", ".join("?" for _ in columns)
    conn.exec_driver_sql(
        f"INSERT INTO {quote(table.name)} ({names}) VALUES ({marks})",
        _tuples(rows, plan),
    )


def _tuples(rows: list[dict[str, Any]], plan: list[tuple[str, Any, Any]]) -> list[tuple[Any, ...]]:
    """Each row's values in plan order (a missing key takes its default), processed."""
    names = [name for name, _default, _process in plan]
    defaults = {name: default for name, default, _process in plan}
    processed = [(i, process) for i, (_n, _d, process) in enumerate(plan) if process is not None]
    pick = itemgetter(*names) if len(names) > 1 else lambda row: (row[names[0]],)
    out = []
    for row in rows:
        try:
            values = pick(row)
        except KeyError:
            values = pick(defaults | row)
        if processed:
            values = list(values)
            for i, process in processed:
                if values[i] is not None:
                    values[i] = process(values[i])
            values = tuple(values)
        out.append(values)
    return out


def _needs_core(column: Any) -> bool:
    default = column.default
    return column.server_default is not None or (default is not None and not default.is_scalar)


def update_rows(conn: Connection, table: Table, key: str, rows: list[dict[str, Any]]) -> None:
    """Update many rows in the caller's transaction: each dict holds its row's `key` column value
    and the new values of the same other columns. One driver-level executemany of plain tuples on
    SQLite (each value through its column type's bind processor); SQLAlchemy's own elsewhere."""
    if not rows:
        return
    dialect = conn.dialect
    columns = [table.c[name] for name in rows[0] if name != key]
    if dialect.paramstyle != "qmark":
        statement = update(table).where(table.c[key] == bindparam("b_key"))
        conn.execute(statement.values({c.name: bindparam(f"b_{c.name}") for c in columns}),
                     [{f"b_{name}": value for name, value in row.items()} | {"b_key": row[key]}
                      for row in rows])  # fmt: skip
        return
    plan = [(c.name, None, c.type.dialect_impl(dialect).bind_processor(dialect)) for c in columns]
    plan.append((key, None, table.c[key].type.dialect_impl(dialect).bind_processor(dialect)))
    quote = dialect.identifier_preparer.quote
    assignments = ", ".join(f"{quote(c.name)} = ?" for c in columns)
    conn.exec_driver_sql(
        f"UPDATE {quote(table.name)} SET {assignments} WHERE {quote(key)} = ?",
        _tuples(rows, plan),
    )

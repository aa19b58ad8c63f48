"""Database engines for the central server: SQLite by default, PostgreSQL (psycopg 3) by URL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from workstation.storage import make_sqlite_durable

# One lock id for every writer of the event log and the audit chain (PostgreSQL advisory lock):
# server_seq and audit_id are handed out under it, so they are in commit order.
WRITE_LOCK_ID = 7_310_522
# The audit chains' own locks: a chain's audit_id and head are handed out under its lock
# (audit.append takes it), so a transaction that writes audit rows alone need not wait for the
# write lock. The record chain (rows written with the change they record) and the access chain
# (rows written alone: reads, refusals) each have one, so a push never waits behind a read's
# audit commit. Taken in this order: write lock, record chain, access chain.
AUDIT_LOCK_ID = 7_310_523
ACCESS_AUDIT_LOCK_ID = 7_310_524


POOL_SIZE = 30  # kept open per server process (two processes: 60 of PostgreSQL's default 100)
POOL_OVERFLOW = 10  # made past it only in a burst, and closed after


class BadDatabaseUrl(ValueError):
    """A --database value that names no database we can use."""


def safe_url(url: str) -> str:
    """The URL with any password hidden, for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return "<unreadable database URL>"


def normalise_url(url: str) -> str:
    """Accept a bare file path or sqlite:/postgresql: URL; pick the psycopg 3 driver."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:
        raise BadDatabaseUrl(
            "not a database URL (expected sqlite:///PATH or postgresql://...)"
        ) from exc
    if parsed.drivername in ("postgresql", "postgres", "postgresql+psycopg2"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.drivername not in ("sqlite", "sqlite+pysqlite", "postgresql+psycopg"):
        raise BadDatabaseUrl(
            f"unsupported database {parsed.drivername!r}: use sqlite or postgresql"
        )
    return parsed.render_as_string(hide_password=False)


def is_sqlite(engine_or_conn: Engine | Connection) -> bool:
    """True for the SQLite backend."""
    return engine_or_conn.dialect.name == "sqlite"


def make_engine(url: str) -> Engine:
    """An engine with durable settings: SQLite in WAL with synchronous=FULL, writes BEGIN IMMEDIATE.
    SQL parameters (patient data) never appear in an error's text or a log (hide_parameters)."""
    url = normalise_url(url)
    if url.startswith("sqlite"):
        path = make_url(url).database
        if path and path != ":memory:" and not Path(path).parent.exists():
            raise BadDatabaseUrl(f"folder does not exist: {Path(path).parent}")
        engine = create_engine(
            url, connect_args={"timeout": 60, "check_same_thread": False}, hide_parameters=True
        )
        make_sqlite_durable(engine)
        return engine
    # A pool as wide as the connections a busy process uses at once: a connection made past
    # pool_size is closed again when handed back, and a new PostgreSQL connection (a forked
    # backend, its authentication) costs more than the statements a poll runs on it. No ping
    # on checkout (a round trip as dear as a poll's one statement): a connection found broken
    # invalidates the whole pool, and the request is run again on a new connection where that
    # is safe, or answered 503 (server.db_unavailable).
    return create_engine(url, pool_size=POOL_SIZE, max_overflow=POOL_OVERFLOW, hide_parameters=True)


@contextmanager
def writer(engine: Engine, *, lock: bool = True) -> Iterator[Connection]:
    """A write transaction that holds the server-wide write lock until commit. With lock=False
    the caller reads what it may first and takes the lock itself (`lock_writes`) before it
    reads anything its writes depend on, so that those reads are not made under the lock."""
    with engine.connect().execution_options(writer=True) as conn, conn.begin():
        if lock:
            lock_writes(conn)
        yield conn


def lock_writes(conn: Connection) -> None:
    """Hold the server-wide write lock until this transaction ends (PostgreSQL; SQLite's write
    transactions are serialised by BEGIN IMMEDIATE)."""
    if not is_sqlite(conn):
        conn.execute(_WRITE_LOCK, {"id": WRITE_LOCK_ID})


_WRITE_LOCK = text("SELECT pg_advisory_xact_lock(:id)")


@contextmanager
def audit_writer(engine: Engine) -> Iterator[Connection]:
    """A write transaction for audit rows alone (a read's audit): it takes the audit chain's lock
    when it appends (audit.append), not the server-wide write lock, so it never queues behind a
    push. SQLite serialises every writer anyway (BEGIN IMMEDIATE)."""
    with engine.connect().execution_options(writer=True) as conn, conn.begin():
        yield conn


def lock_audit_chain(conn: Connection, lock_id: int = AUDIT_LOCK_ID) -> None:
    """Hold an audit chain's lock (the record chain's unless lock_id names another) until this
    transaction ends (PostgreSQL; re-entrant)."""
    if not is_sqlite(conn):
        conn.execute(_WRITE_LOCK, {"id": lock_id})


@contextmanager
def glance(engine: Engine) -> Iterator[Connection]:
    """A connection for ONE read statement outside any transaction (autocommit): no BEGIN and
    no ROLLBACK round trips. Several statements that must agree use `reader`."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        yield conn


@contextmanager
def reader(engine: Engine) -> Iterator[Connection]:
    """A read transaction on one consistent snapshot."""
    with engine.connect() as conn:
        if not is_sqlite(conn):
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            yield conn

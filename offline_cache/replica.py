"""The encrypted local replica: SQLCipher 4 with a random 256-bit key kept in the OS keyring.

A replica whose key is missing is refused with a clear message; it is never recreated
unencrypted, and never silently replaced.
"""

from __future__ import annotations

from pathlib import Path

import sqlcipher3
from sqlalchemy import Connection, Engine, create_engine, insert, inspect, select, text, update
from sqlalchemy.pool import QueuePool
from sqlalchemy.schema import CreateIndex

from offline_cache import device_key, keystore
from offline_cache.tables import metadata as replica_metadata
from workstation.domain.names import (
    initials_readings,
    name_readings,
    person_initials,
    person_pinyin,
)
from workstation.projections import queries
from workstation.projections import tables as projection_tables
from workstation.projections.tables import CHART_INDEXES, SEARCH_INDEXES
from workstation.projections.tables import metadata as projection_metadata
from workstation.storage import make_sqlite_durable

SCHEMA_VERSION = "1"


class ReplicaUnreadable(RuntimeError):
    """The file exists but cannot be opened with the key from the keyring."""


def _connector(path: Path, key: bytes):  # type: ignore[no-untyped-def]
    def connect():  # type: ignore[no-untyped-def]
        conn = sqlcipher3.connect(str(path), timeout=60, check_same_thread=False)
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")  # raw key: no passphrase derivation
        return conn

    return connect


def _engine(path: Path, key: bytes) -> Engine:
    engine = create_engine(
        "sqlite://",
        creator=_connector(path, key),
        poolclass=QueuePool,
        pool_size=4,
        max_overflow=4,
        hide_parameters=True,  # no patient data in an error's text or the log file
    )
    make_sqlite_durable(engine, extra_pragmas=("temp_store=MEMORY",))  # no plaintext temp files
    return engine


def open_replica(path: Path, device_id: str, *, create: bool = True) -> Engine:
    """Open (or, when absent and create is True, make) the encrypted replica at path."""
    path = Path(path)
    if path.exists():
        key = keystore.load_replica_key(device_id)
        engine = _engine(path, key)
        try:
            inspect(engine).get_table_names()
        except Exception as exc:  # noqa: BLE001 - sqlcipher reports a wrong key as "not a database"
            engine.dispose()
            raise ReplicaUnreadable(
                f"the local data file {path.name} cannot be decrypted with the key in the keyring; "
                "it was not changed. Ask IT before removing it."
            ) from exc
        _create_tables(engine)
        device_key.ensure_in(engine, device_id)  # an older replica gets its device key now
        return engine
    if not create:
        raise FileNotFoundError(f"no local data file at {path}")
    path.parent.mkdir(parents=True, exist_ok=True)
    key = keystore.create_replica_key(device_id)
    engine = _engine(path, key)
    _create_tables(engine)
    device_key.ensure_in(engine, device_id)
    return engine


def _create_tables(engine: Engine) -> None:
    with engine.connect().execution_options(writer=True) as conn, conn.begin():
        had_name_keys = inspect(conn).has_table("patient_name_keys")
        had_changes = inspect(conn).has_table("patient_changes")
        replica_metadata.create_all(conn)
        projection_metadata.create_all(conn)
        _add_missing_columns(conn)
        if not had_name_keys:
            backfill_name_readings(conn)
        for index in (*SEARCH_INDEXES, *CHART_INDEXES):  # added to tables older replicas hold
            conn.execute(CreateIndex(index, if_not_exists=True))
        create_change_triggers(conn)
        if not had_changes:
            new_tokens_for_all(conn)


# Columns added to replica tables after the first release: (table, column, SQL type).
ADDED_COLUMNS = (
    ("local_events", "signature", "VARCHAR(128)"),
    ("audit_outbox", "signature", "VARCHAR(128)"),
    ("cached_logins", "rights", "TEXT"),
    ("lab_results", "result_status", "VARCHAR(16)"),
    ("lab_results", "superseded_by", "VARCHAR(36)"),
    ("vitals", "height_cm", "FLOAT"),
)


def backfill_name_readings(conn: Connection) -> None:
    """A replica older than the name readings: the surname reading on each patient row (曾 zeng),
    the other readings in patient_name_keys (server migration 0017 does the same)."""
    p, k = projection_tables.patients, projection_tables.patient_name_keys
    for patient_id, name in conn.execute(select(p.c.patient_id, p.c.name)).all():
        conn.execute(
            update(p)
            .where(p.c.patient_id == patient_id)
            .values(name_initials=person_initials(name), name_pinyin=person_pinyin(name))
        )
        others = dict.fromkeys([*initials_readings(name)[1:], *name_readings(name)[1:]])
        if others:
            conn.execute(insert(k), [{"patient_id": patient_id, "name_key": key} for key in others])


def patient_tables() -> list[str]:
    """The projection tables a kept chart is read from (`queries.patient_rows_tables`), each with
    a `patient_id` column: the tables whose changes renew a patient's token."""
    read = queries.patient_rows_tables()
    return [t.name for t in projection_metadata.sorted_tables
            if "patient_id" in t.c and t.name in read]  # fmt: skip


# Each trigger: (operation, row, extra condition). An update renews the token of the row's
# patient, and of its former patient only when the row moved from one to another.
_TRIGGERS = (
    ("INSERT", "NEW", ""),
    ("UPDATE", "NEW", ""),
    ("UPDATE", "OLD", " AND OLD.patient_id IS NOT NEW.patient_id"),
    ("DELETE", "OLD", ""),
)


def create_change_triggers(conn: Connection) -> None:
    """Triggers that give a patient a new random token in `patient_changes` whenever a row of
    theirs is inserted, updated or deleted in a table a kept chart is read from, whatever code
    wrote it (the projector's fold of a local or pulled event, a refold after an amend, void or
    the server's restore, a backfill). The chart cache (offline_cache.chart_cache) trusts its copy
    only while the token it was read with is still the patient's. A random token, not a counter:
    a replica restored from an older copy cannot bring back a value the cache holds for other
    rows. No trigger on the other projection tables: the chart never reads them, and a pull
    writes many of their rows (each trigger costs the fold its upsert)."""
    bump = (
        "INSERT INTO patient_changes (patient_id, token) VALUES ({row}.patient_id, randomblob(16)) "
        "ON CONFLICT (patient_id) DO UPDATE SET token = excluded.token;"
    )
    watched = set(patient_tables())
    existing: dict[str, str] = dict(conn.execute(text(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'patient_changed_%'"
    )).tuples().all())  # fmt: skip
    for table in (t.name for t in projection_metadata.sorted_tables if "patient_id" in t.c):
        for op, row, also in _TRIGGERS:
            name = f"patient_changed_{table}_{op.lower()}_{row.lower()}"
            wanted = (
                f"CREATE TRIGGER {name} AFTER {op} ON {table} "
                f"WHEN {row}.patient_id IS NOT NULL{also} BEGIN {bump.format(row=row)} END"
            )
            if table in watched and existing.get(name) == wanted:
                continue  # as it should be: no write (a replica on a full disk still opens)
            if name in existing:  # as an earlier build made it, or on a table no longer watched
                conn.execute(text(f"DROP TRIGGER {name}"))
            if table in watched:
                conn.execute(text(wanted))


def new_tokens_for_all(conn: Connection) -> None:
    """A token for every patient a replica made before the triggers already holds."""
    conn.execute(text(
        "INSERT OR REPLACE INTO patient_changes (patient_id, token) "
        "SELECT patient_id, randomblob(16) FROM patients"
    ))  # fmt: skip


def _add_missing_columns(conn: Connection) -> None:
    """Give a replica made by an older release the columns its tables lack (create_all does not)."""
    for table, column, sql_type in ADDED_COLUMNS:
        present = {c["name"] for c in inspect(conn).get_columns(table)}
        if column not in present:
            conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {column} {sql_type}"))

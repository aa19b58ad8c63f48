"""Logical backup and restore of the whole server database, independent of the database engine.

A backup is a gzip'd JSON-lines file: one header line (format, schema revision, epoch), then for
each table of ALL_METADATA in dependency order a line naming the table and its columns followed by
one JSON array per row, and a trailer with the row count of every table, so a truncated file is
refused. SQLite backups restore into PostgreSQL and the other way round. Restoring starts a new
epoch, so workstations re-offer every event the restored server lacks.
"""

from __future__ import annotations

import base64
import gzip
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import (
    Connection,
    Engine,
    LargeBinary,
    Table,
    column,
    delete,
    insert,
    literal_column,
    select,
)
from sqlalchemy import inspect as inspect_db
from sqlalchemy import table as table_clause

from workstation.clock import now_iso
from workstation.server import audit, meta, schema
from workstation.server.audit import AuditEntry
from workstation.server.db import reader, writer
from workstation.server.models import ALL_METADATA

FORMAT = "clinical-workstation-backup"
FORMAT_VERSION = 1
BATCH_ROWS = 1000
ALEMBIC_TABLE = "alembic_version"


class BackupError(RuntimeError):
    """A backup cannot be written or a backup file cannot be restored; the message says why."""


@dataclass(frozen=True, slots=True)
class BackupSummary:
    """What a backup or a restore covered."""

    schema_revision: str
    epoch: str
    rows: dict[str, int]

    @property
    def total_rows(self) -> int:
        """Rows over all tables."""
        return sum(self.rows.values())


def tables_in_order() -> list[Table]:
    """Every server table, parents before children."""
    return [table for metadata in ALL_METADATA for table in metadata.sorted_tables]


def _line(value: Any) -> bytes:
    return orjson.dumps(value) + b"\n"


def _encode(value: Any) -> Any:
    return (
        base64.b64encode(value).decode("ascii") if isinstance(value, bytes | memoryview) else value
    )


# ---------------------------------------------------------------------------------------------
# backup


def backup(engine: Engine, destination: Path) -> BackupSummary:
    """Write every row of the database to destination from one consistent snapshot.

    The file appears only when complete (written beside it, then renamed)."""
    revision = schema.current_revision(engine)
    if revision is None or revision != schema.head_revision():
        raise BackupError(
            f"database schema is at {revision or 'nothing'}, this program expects "
            f"{schema.head_revision()}: run `workstation-server init` first"
        )
    destination = destination.expanduser()
    if not destination.parent.is_dir():
        raise BackupError(f"folder does not exist: {destination.parent}")
    partial = destination.with_name(destination.name + ".partial")
    try:
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.fchmod(descriptor, 0o600)  # a backup holds every patient: never readable by others
        with (
            open(descriptor, "wb") as raw,
            reader(engine) as conn,
            gzip.GzipFile(fileobj=raw, mode="wb") as out,
        ):
            summary = _write_snapshot(conn, out, revision)
            out.flush()
        with open(partial, "rb") as written:
            os.fsync(written.fileno())
        os.replace(partial, destination)
    finally:
        partial.unlink(missing_ok=True)
    audit.record(
        engine,
        [AuditEntry("backup", None, detail={"epoch": summary.epoch, "rows": summary.total_rows})],
    )
    return summary


def _write_snapshot(conn: Connection, out: gzip.GzipFile, revision: str) -> BackupSummary:
    epoch = meta.epoch(conn)
    out.write(_line({
        "format": FORMAT, "format_version": FORMAT_VERSION, "schema_revision": revision,
        "epoch": epoch, "created_at": now_iso(), "source": conn.dialect.name,
    }))  # fmt: skip
    counts: dict[str, int] = {}
    for table in tables_in_order():
        name = str(table.name)  # a quoted_name, which orjson will not take as a key
        columns = [str(column.name) for column in table.columns]
        binary = [str(col.name) for col in table.columns if isinstance(col.type, LargeBinary)]
        out.write(_line({"table": name, "columns": columns, "binary": binary}))
        counts[name] = 0
        statement = select(table).order_by(*table.primary_key.columns)
        result = conn.execute(statement.execution_options(yield_per=BATCH_ROWS))
        for partition in result.partitions():
            out.write(b"".join(_line([_encode(value) for value in row]) for row in partition))
            counts[name] += len(partition)
    out.write(_line({"end": True, "rows": counts}))
    return BackupSummary(revision, epoch, counts)


# ---------------------------------------------------------------------------------------------
# reading a backup file


@dataclass
class _TableBlock:
    name: str
    columns: list[str]
    binary: set[str]


def _read_lines(source: Iterable[bytes], path: Path) -> Iterator[Any]:
    try:
        for number, raw in enumerate(source, start=1):
            try:
                yield orjson.loads(raw)
            except orjson.JSONDecodeError as exc:
                raise BackupError(f"{path}: line {number} is damaged ({exc})") from exc
    except (OSError, EOFError) as exc:  # gzip.BadGzipFile is an OSError
        raise BackupError(f"{path}: not a readable backup file ({exc})") from exc


def read_header(path: Path) -> dict[str, Any]:
    """The header of a backup file (format, schema revision, epoch), checked."""
    with _open_backup(path) as source:
        return _check_header(next(_read_lines(source, path), None), path)


def _open_backup(path: Path) -> gzip.GzipFile:
    path = path.expanduser()
    if not path.is_file():
        raise BackupError(f"backup file not found: {path}")
    return gzip.open(path, "rb")


def _check_header(header: Any, path: Path) -> dict[str, Any]:
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise BackupError(f"{path}: not a workstation-server backup")
    if header.get("format_version") != FORMAT_VERSION:
        raise BackupError(f"{path}: backup format {header.get('format_version')} is not supported")
    return header


def _blocks(lines: Iterator[Any], path: Path) -> Iterator[tuple[_TableBlock, list[dict[str, Any]]]]:
    """Batches of rows (as column dicts) with their table; checks the trailer's counts."""
    block: _TableBlock | None = None
    batch: list[dict[str, Any]] = []
    counts: dict[str, int] = {}
    for item in lines:
        if isinstance(item, list):
            if block is None or len(item) != len(block.columns):
                raise BackupError(f"{path}: a row does not match its table's columns")
            batch.append(_decode_row(block, item))
            counts[block.name] += 1
            if len(batch) >= BATCH_ROWS:
                yield block, batch
                batch = []
            continue
        if block is not None and batch:
            yield block, batch
            batch = []
        if isinstance(item, dict) and "table" in item:
            block = _TableBlock(item["table"], list(item["columns"]), set(item.get("binary", ())))
            counts[block.name] = 0
        elif isinstance(item, dict) and item.get("end"):
            if item.get("rows") != counts:
                raise BackupError(
                    f"{path}: row counts do not match the trailer; the file is damaged"
                )
            return
        else:
            raise BackupError(f"{path}: unexpected line in backup")
    raise BackupError(f"{path}: the backup ends early (no trailer); the file is truncated")


def _decode_row(block: _TableBlock, values: list[Any]) -> dict[str, Any]:
    row = dict(zip(block.columns, values, strict=True))
    for name in block.binary:
        if row[name] is not None:
            row[name] = base64.b64decode(row[name])
    return row


# ---------------------------------------------------------------------------------------------
# restore


def restore(engine: Engine, source: Path, *, force: bool = False) -> BackupSummary:
    """Load a backup into an empty database (or replace one's contents with force) and start a
    new epoch; the restore itself is audited after the restored chain."""
    source = source.expanduser()
    header = read_header(source)
    revision = str(header.get("schema_revision"))
    if not _known_revision(revision):
        raise BackupError(
            f"{source}: backup has schema {revision}, unknown to this program (newer?)"
        )
    occupied = _tables_with_rows(engine)
    if occupied and not force:
        raise BackupError(
            f"target database is not empty (rows in {', '.join(occupied)}): "
            "use --force to replace its contents"
        )
    current = schema.current_revision(engine)
    if current is not None and current != revision:
        schema.downgrade(engine, "base")  # only reached for an empty target or with --force
    schema.upgrade(engine, revision)
    with writer(engine) as conn, _open_backup(source) as stream:
        lines = _read_lines(stream, source)
        next(lines)  # the header, checked above
        _clear(conn)
        counts = _load_rows(conn, lines, source)
        epoch = meta.new_epoch(conn)
        audit.append(conn, [AuditEntry("restore", None, detail={
            "from_epoch": header.get("epoch"), "to_epoch": epoch, "rows": sum(counts.values()),
            "schema_revision": revision, "source_database": header.get("source"),
        })])  # fmt: skip
    schema.upgrade(engine)
    return BackupSummary(revision, epoch, counts)


def _known_revision(revision: str) -> bool:
    config = Config()
    config.set_main_option("script_location", str(schema.MIGRATIONS))
    return any(
        rev.revision == revision for rev in ScriptDirectory.from_config(config).walk_revisions()
    )


def _table_names(conn: Connection) -> list[str]:
    return [name for name in inspect_db(conn).get_table_names() if name != ALEMBIC_TABLE]


def _tables_with_rows(engine: Engine) -> list[str]:
    """Names of the tables (other than Alembic's) that hold at least one row."""
    with reader(engine) as conn:
        return [
            name
            for name in _table_names(conn)
            if conn.execute(
                select(literal_column("1")).select_from(table_clause(name)).limit(1)
            ).first()
        ]


def _clear(conn: Connection) -> None:
    for name in reversed(_table_names(conn)):
        conn.execute(delete(table_clause(name)))


def _load_rows(conn: Connection, lines: Iterator[Any], path: Path) -> dict[str, int]:
    known = set(_table_names(conn))
    counts: dict[str, int] = {}
    for block, batch in _blocks(lines, path):
        if block.name not in known:
            raise BackupError(f"{path}: table {block.name!r} does not exist in schema")
        target = table_clause(block.name, *(column(name) for name in block.columns))
        conn.execute(insert(target), batch)
        counts[block.name] = counts.get(block.name, 0) + len(batch)
    return counts

"""Signed checkpoints of the audit chains' heads, written to a file outside the database.

A checkpoint names a chain's newest audit row (id, hash, count of the chain's rows) at a moment; one
is written for each chain (record and access, audit.CHAINS; the id says which) that has rows. It and is signed with the
server's Ed25519 checkpoint key (a file 0600 outside the database). Someone who rewrites the whole
audit table, even holding the HMAC key, cannot change or drop a checkpointed row, nor cut the table
shorter than the last checkpoint, without `verify-audit` naming the row. `serve` writes one on a
schedule and at shutdown, `backup` with every backup.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Connection, Engine, func, select

from workstation.clock import now_iso
from workstation.events.envelope import canonical_json
from workstation.security import signing
from workstation.security.files import append_private
from workstation.server.audit import CHAINS, Chain
from workstation.server.db import reader
from workstation.server.models import audit_log

CHECKPOINT_PURPOSE = b"cw-audit-checkpoint-v1\n"
FILE_NAME = "audit-checkpoints.jsonl"
_log = logging.getLogger(__name__)
SIGNED_FIELDS = ("audit_id", "hash", "at", "count")


class BadCheckpoint(ValueError):
    """A line of the checkpoint file that is not a checkpoint signed by this server's key."""


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """The chain's newest row at one moment."""

    audit_id: int
    hash: str
    at: str
    count: int


def current(engine: Engine) -> list[Checkpoint]:
    """Each chain's head now, from one snapshot (empty chains have none)."""
    with reader(engine) as conn:
        return [found for chain in CHAINS if (found := _head(conn, chain)) is not None]


def _head(conn: Connection, chain: Chain) -> Checkpoint | None:
    newest = conn.execute(
        select(audit_log.c.audit_id, audit_log.c.hash).where(chain.rows())
        .order_by(audit_log.c.audit_id.desc()).limit(1)
    ).first()  # fmt: skip
    if newest is None:
        return None
    count = conn.execute(select(func.count()).select_from(audit_log).where(chain.rows()))
    return Checkpoint(int(newest.audit_id), str(newest.hash), now_iso(), int(count.scalar_one()))


def _message(checkpoint: Checkpoint) -> bytes:
    return canonical_json({name: getattr(checkpoint, name) for name in SIGNED_FIELDS})


def write(engine: Engine, folder: Path, private_key: bytes) -> list[Checkpoint]:
    """Sign each chain's head and append them to the folder's checkpoint file (0600); empty when
    the log is (nothing to vouch for)."""
    found = current(engine)
    if not found:
        return found
    lines = b"".join(orjson.dumps({
        **{name: getattr(checkpoint, name) for name in SIGNED_FIELDS},
        "key": signing.public_key_of(private_key),
        "signature": signing.sign(private_key, CHECKPOINT_PURPOSE, _message(checkpoint)),
    }) + b"\n" for checkpoint in found)  # fmt: skip
    folder = Path(folder).expanduser()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    append_private(folder / FILE_NAME, lines)
    return found


def _parse(raw: bytes, number: int, public_key: str) -> Checkpoint:
    try:
        data: Any = orjson.loads(raw)
        checkpoint = Checkpoint(
            int(data["audit_id"]), str(data["hash"]), str(data["at"]), int(data["count"])
        )
        signature = str(data["signature"])
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise BadCheckpoint(f"checkpoint line {number} is damaged") from exc
    if not signing.verify(public_key, CHECKPOINT_PURPOSE, _message(checkpoint), signature):
        raise BadCheckpoint(f"checkpoint line {number} is not signed by this server's key")
    return checkpoint


def read(folder: Path, private_key: bytes) -> list[Checkpoint]:
    """Every checkpoint in the folder's file, each checked against this server's key;
    BadCheckpoint naming the first line that is not."""
    path = Path(folder).expanduser() / FILE_NAME
    if not path.exists():
        return []
    public_key = signing.public_key_of(private_key)
    lines = path.read_bytes().splitlines()
    return [_parse(raw, n, public_key) for n, raw in enumerate(lines, start=1) if raw.strip()]


def expected_hashes(checkpoints: list[Checkpoint]) -> dict[int, str]:
    """audit_id -> hash over every checkpoint; BadCheckpoint when two disagree on one row."""
    found: dict[int, str] = {}
    for checkpoint in checkpoints:
        if found.setdefault(checkpoint.audit_id, checkpoint.hash) != checkpoint.hash:
            raise BadCheckpoint(f"two signed checkpoints disagree on row {checkpoint.audit_id}")
    return found


class Scheduler:
    """Writes a checkpoint every `minutes` on a daemon thread, and one more when stopped."""

    def __init__(self, write_one: Callable[[], object], minutes: float):
        self._write, self._seconds = write_one, max(1.0, minutes * 60)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="audit-checkpoints", daemon=True)

    def start(self) -> Scheduler:
        """Write one now and start the schedule."""
        self._write()
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.wait(self._seconds):
            try:
                self._write()
            except Exception:  # noqa: BLE001 - the next round tries again; serving goes on
                _log.exception("audit checkpoint not written")

    def stop(self) -> None:
        """End the schedule and write the last checkpoint."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        self._write()

"""A full disk on the workstation: a clear error, the write rolled back whole, nothing lost."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from offline_cache.replica import open_replica
from offline_cache.store import LocalStore, StorageFull
from tests.support.ward import admission, vitals

AUTHOR = "0190b8e2-7c3a-7d1e-9f00-0000000000a1"


def fill(store: LocalStore, patient_id: str, limit: int = 5000) -> int:
    """Record vitals until the disk is full; return how many were saved."""
    saved = 0
    with pytest.raises(StorageFull, match="NOT saved"):
        for _ in range(limit):
            store.record(
                "VitalsRecorded",
                patient_id=patient_id,
                payload=vitals(),
                author_id=AUTHOR,
                signer=None,
            )
            saved += 1
    return saved


def outbox_and_events(store: LocalStore) -> tuple[int, int, int]:
    with store.reading() as conn:
        return tuple(  # type: ignore[return-value]
            conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
            for table in ("local_events", "outbox", "vitals")
        )


def test_sqlite_full_rolls_the_write_back_whole(tmp_path: Path) -> None:
    engine = open_replica(tmp_path / "replica.db", "dev-full")
    store = LocalStore(engine, "dev-full")
    patient = store.record("PatientAdmitted", patient_id="0190b8e2-7c3a-7d1e-9f00-0000000000b1",
                           payload=admission("Disk Full", "1", record_number="MRN-1"), author_id=AUTHOR, signer=None).patient_id  # fmt: skip
    with engine.connect() as conn:  # the same SQLITE_FULL a full disk gives, at a fixed size
        pages = conn.execute(text("PRAGMA page_count")).scalar_one()
    engine.pool.dispose()

    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _cap(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages + 8}")

    saved = fill(store, patient)
    events, queued, shown = outbox_and_events(store)
    assert (
        events == queued + 0 == saved + 1
    )  # every saved event is queued; the refused one left no trace
    assert shown == saved


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A small tmpfs: room for an empty replica (its tables grow with each release) and a few rows."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1200k", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {done.stderr.decode().strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_real_full_filesystem_loses_nothing_already_saved(tiny_disk: Path) -> None:
    engine = open_replica(tiny_disk / "replica.db", "dev-tiny")
    store = LocalStore(engine, "dev-tiny")
    patient = store.record("PatientAdmitted", patient_id="0190b8e2-7c3a-7d1e-9f00-0000000000b2",
                           payload=admission("Tiny Disk", "2", record_number="MRN-2"), author_id=AUTHOR, signer=None).patient_id  # fmt: skip
    saved = fill(store, patient)
    engine.dispose()
    reopened = LocalStore(open_replica(tiny_disk / "replica.db", "dev-tiny"), "dev-tiny")
    events, queued, shown = outbox_and_events(reopened)
    assert events == queued == saved + 1 and shown == saved

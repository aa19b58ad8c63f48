"""Archived records on the workstation: a change to a locked record is refused before it is
saved (the server would refuse it as `record_archived`), with what to do instead.

Asking for an unlock may be recorded offline and is sent with the next sync. Deciding one (and
archiving) is done by the medical-records office against the server's state: the workstation
syncs first, so that a request another office PC already decided, or a record archived again,
is seen before the decision is recorded; the server checks it once more when it arrives."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import orjson
from sqlalchemy import Connection, select

from offline_cache.store import LocalStore
from offline_cache.tables import refdata
from workstation.clinical.front_sheet import Problem, archive_gaps
from workstation.clinical.icd10 import Icd10Catalogue, default_catalogue
from workstation.clock import now_iso
from workstation.events.envelope import Event
from workstation.projections import archive_queries, queries, ward_queries
from workstation.projections.record_lock import (
    ARCHIVED_MESSAGE,
    NEVER_LOCKED,
    PatientFacts,
    archive_problem,
)


def diagnosis_catalogue(conn: Connection) -> Icd10Catalogue:
    """The WHO list with the hospital's 国家临床版 laid over, as this station last synced it."""
    content = conn.execute(
        select(refdata.c.content).where(refdata.c.name == "icd10_clinical")
    ).scalar()
    return (
        default_catalogue().with_clinical_edition(orjson.loads(content))
        if content
        else default_catalogue()
    )


class ArchiveRefusal(RuntimeError):
    """A write refused up front because of the archive; `code` is the server's code for it."""

    def __init__(self, code: str, message: str, problems: Sequence[Problem] = ()):
        super().__init__(message)
        self.code = code
        self.problems = list(problems)  # each in both languages, for the screen


def check_write(
    store: LocalStore,
    event_type: str,
    *,
    patient_id: str,
    payload: dict[str, Any],
    author_id: str,
) -> None:
    """Raise ArchiveRefusal when the server would refuse this write for the archive.

    A write made here now is after every archive this replica knows of, so a locked record
    refuses it whatever this computer's clock says (only the server's clock judges a fact
    that was recorded before the archive reached it)."""
    at = now_iso()
    with store.reading() as conn:
        lock = archive_queries.record_lock(conn, patient_id)
        patient = queries.patient(conn, patient_id)
        record = (
            ward_queries.record_state(conn, patient_id) if event_type == "RecordArchived" else None
        )
        diagnoses = diagnosis_catalogue(conn) if record is not None else None
    draft = Event("", event_type, patient_id, author_id, store.device_id, 0, at, payload)
    facts = PatientFacts(
        patient["status"] if patient else None, patient["record_number"] if patient else None
    )
    problem = archive_problem(lock, draft, patient=facts, at=at)
    if problem is not None:
        raise ArchiveRefusal(*problem)
    gaps = archive_gaps(record, diagnoses=diagnoses) if record is not None else []
    if gaps:  # the archive gate, as the server applies it (住院病案首页 and signatures)
        raise ArchiveRefusal("record_incomplete", "; ".join(gaps), gaps)
    if event_type not in NEVER_LOCKED and lock is not None and lock.is_locked(at, author_id):
        raise ArchiveRefusal("record_archived", ARCHIVED_MESSAGE)


def archive_state(store: LocalStore, patient_id: str) -> dict[str, Any]:
    """The record's archive state as the replica has it now (see archive_queries.archive_state)."""
    with store.reading() as conn:
        return archive_queries.archive_state(conn, patient_id, now=now_iso())


def pending_unlocks(store: LocalStore) -> list[dict[str, Any]]:
    """Unlock requests waiting for the medical-records office, oldest first."""
    with store.reading() as conn:
        return archive_queries.pending_unlocks(conn)

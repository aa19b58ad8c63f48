"""Projection tables of archived records: the archive, the unlock requests, and which change
came in under which unlock (the trace the medical-records office reviews).

They sit beside `patients` rather than in it, so that replicas made before them keep working
(the replica's create_all adds tables, never columns)."""

from __future__ import annotations

from sqlalchemy import Column, String, Table, Text

from workstation.projections.tables import ID, metadata

record_archives: Table = Table(
    "record_archives",
    metadata,
    Column("patient_id", ID, primary_key=True),
    Column("archive_id", ID, nullable=False),  # the latest RecordArchived event
    Column("archived_by", String(64), nullable=False),
    Column("archived_at", String(32), nullable=False),  # the server's receipt time
)

record_unlocks: Table = Table(
    "record_unlocks",
    metadata,
    Column("request_id", ID, primary_key=True),  # the RecordUnlockRequested event
    Column("patient_id", ID, nullable=False, index=True),
    Column("requested_by", String(64), nullable=False),
    Column("requested_at", String(32), nullable=False),
    Column("reason", Text, nullable=False),
    Column("status", String(16), nullable=False),  # pending | approved | denied
    Column("decided_by", String(64)),
    Column("decided_at", String(32)),
    Column("decision_reason", Text),
    Column("unlocked_until", String(32)),  # approved: shortened when archived again
)

unlocked_changes: Table = Table(
    "unlocked_changes",
    metadata,
    Column("event_id", ID, primary_key=True),
    Column("patient_id", ID, nullable=False, index=True),
    Column("request_id", ID, nullable=False, index=True),
    Column("event_type", String(40), nullable=False),
    Column("author_id", String(64), nullable=False),
)

ARCHIVE_TABLES: tuple[Table, ...] = (record_archives, record_unlocks, unlocked_changes)

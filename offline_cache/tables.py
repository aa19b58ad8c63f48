"""Replica-only tables: the local event log, the outbox, sync state, cached logins, queued audit.
The projection tables come from workstation.projections.tables."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Index, Integer, LargeBinary, MetaData, String, Table, Text

metadata = MetaData()

local_events = Table(
    "local_events",
    metadata,
    Column("local_seq", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(36), nullable=False, unique=True),
    Column("type", String(40), nullable=False),
    Column("patient_id", String(36)),
    Column("author_id", String(64), nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("device_seq", Integer, nullable=False),
    Column("recorded_at", String(32), nullable=False),
    Column("payload", LargeBinary, nullable=False),
    Column("server_seq", Integer),
    Column("received_at", String(32)),
    # pending (in the outbox) | accepted | rejected | resolved (amended or voided after a rejection)
    Column("state", String(16), nullable=False),
    Column("origin", String(8), nullable=False),  # local | server
    Column("reject_code", String(32)),
    Column("reject_message", Text),
    Column("resolution", String(16)),  # amended | voided
    Column("resolution_reason", Text),
    Column("resolved_by", String(36)),
    Column("signature", String(128)),  # the author's signature (workstation.security.signing)
    Index("ix_local_events_patient", "patient_id", "server_seq"),
    Index("ix_local_events_state", "state"),
)

outbox = Table(
    "outbox",
    metadata,
    Column("local_seq", Integer, primary_key=True),
    Column("event_id", String(36), nullable=False, unique=True),
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", Text),
)

sync_state = Table(
    "sync_state",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text),
)

cached_logins = Table(
    "cached_logins",
    metadata,
    Column("username", String(64), primary_key=True),
    Column("user_id", String(64), nullable=False),
    Column("display_name", String(200), nullable=False),
    Column("role", String(32), nullable=False),
    Column("wards", Text, nullable=False),
    Column("licensed", Boolean, nullable=False),
    Column("rights", Text),  # JSON: title and prescribing rights, for order entry offline
    Column("verifier", Text, nullable=False),  # argon2id hash made at the last online login
    Column("cached_at", String(32), nullable=False),
    Column("failed_attempts", Integer, nullable=False, default=0),
    Column("locked_until", String(32)),
)

audit_outbox = Table(
    "audit_outbox",
    metadata,
    Column("entry_id", String(36), primary_key=True),
    Column("action", String(40), nullable=False),
    Column("user_id", String(64), nullable=False),
    Column("patient_id", String(36)),
    Column("at", String(32), nullable=False),
    Column("signature", String(128)),  # by the entry's user, so another user may send it later
)

signing_keys = Table(  # one per online login: the private key sealed under the user's password
    "signing_keys",
    metadata,
    Column("key_id", String(16), primary_key=True),
    Column("user_id", String(64), nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("public_key", String(64), nullable=False),
    Column("salt", String(64), nullable=False),
    Column("nonce", String(64), nullable=False),
    Column("sealed", String(128), nullable=False),
    Column("time_cost", Integer, nullable=False),
    Column("memory_cost", Integer, nullable=False),
    Column("parallelism", Integer, nullable=False),
    Column("created_at", String(32), nullable=False),
    Index("ix_signing_keys_user_device", "user_id", "device_id", "created_at"),
)

device_key = (
    Table(  # this PC's device key (it identifies the PC, not a person: not password-sealed)
        "device_key",
        metadata,
        Column("device_id", String(64), primary_key=True),
        Column("private_key", String(64), nullable=False),  # base64 of the 32 raw Ed25519 bytes
        Column("public_key", String(64), nullable=False),
        Column("created_at", String(32), nullable=False),
    )
)

refdata = Table(
    "refdata",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("content", LargeBinary, nullable=False),
)

usage_outbox = Table(  # usage telemetry waiting for the server: apart from the clinical outbox
    "usage_outbox",
    metadata,
    Column("record_id", String(36), primary_key=True),
    Column("user_id", String(64), nullable=False),  # sent only under this user's own token
    Column("record", Text, nullable=False),  # JSON of workstation.telemetry.records.UsageRecord
    Index("ix_usage_outbox_user", "user_id"),
)

feedback_outbox = Table(  # anonymous feedback: no user, no time but the day, a random key
    "feedback_outbox",
    metadata,
    Column("feedback_id", String(36), primary_key=True),  # UUID version 4
    Column("day", String(10), nullable=False),
    Column("category", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("ward_id", String(32)),
    Column("send_after", String(32), nullable=False),  # a random moment after it was written
    sqlite_with_rowid=False,
)

patient_changes = (
    Table(  # one random token per patient, new whenever any of their projection rows changes
        "patient_changes",
        metadata,
        Column("patient_id", String(36), primary_key=True),
        Column(
            "token", LargeBinary, nullable=False
        ),  # randomblob(16), written by the triggers below
    )
)

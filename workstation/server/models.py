"""Server-only tables: the event log, users and sessions, devices, audit, reference data.
The projection tables (workstation.projections.tables) live in the same database."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    false,
)

from workstation.projections.tables import metadata as projection_metadata
from workstation.server.quality_models import metadata as quality_metadata
from workstation.server.usage_tables import metadata as usage_metadata

metadata = MetaData()

ID = String(36)
SEQ = BigInteger().with_variant(Integer, "sqlite")

events = Table(
    "events",
    metadata,
    Column("server_seq", SEQ, primary_key=True, autoincrement=False),
    Column("event_id", ID, nullable=False, unique=True),
    Column("type", String(40), nullable=False),
    Column("patient_id", ID),  # looked up by ix_events_patient_type's first column (0038)
    Column("ward_id", String(32), index=True),  # the patient's ward when the event arrived
    Column("author_id", String(64), nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("device_seq", Integer, nullable=False),
    Column("recorded_at", String(32), nullable=False),
    Column("received_at", String(32), nullable=False),
    Column("pushed_by", String(64), nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("payload", LargeBinary, nullable=False),  # canonical JSON bytes
    Column(
        "signature", String(128)
    ),  # the author's Ed25519 signature (workstation.security.signing)
    Index("ix_events_device_seq", "device_id", "device_seq"),  # device_seq is unique per device
    # a patient's stay events (FHIR Patient/Encounter meta.lastUpdated; migration 0025)
    Index("ix_events_patient_type", "patient_id", "type"),
)

server_meta = Table(
    "server_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

users = Table(
    "users",
    metadata,
    Column("user_id", String(64), primary_key=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("display_name", String(200), nullable=False),
    Column("role", String(32), nullable=False),
    Column("wards", Text, nullable=False),  # comma-separated ward ids
    Column("password_hash", Text, nullable=False),
    Column("licensed", Boolean, nullable=False, default=True),
    Column("active", Boolean, nullable=False, default=True),
    Column("failed_logins", Integer, nullable=False, default=0),
    Column("locked_until", String(32)),
    Column("created_at", String(32), nullable=False),
    # professional title and prescribing rights, kept by 医务科 (workstation.server.user_rights)
    Column("title", String(32)),
    Column("antibiotic_tier", String(16)),  # 抗菌药物分级处方权 (管理办法 Art. 24)
    Column("narcotic_right", Boolean, nullable=False, default=False, server_default=false()),
    Column("antibiotic_approver", Boolean, nullable=False, default=False, server_default=false()),
)

auth_tokens = Table(
    "auth_tokens",
    metadata,
    Column("token_digest", String(64), primary_key=True),
    Column("kind", String(8), nullable=False),  # access | refresh
    Column("user_id", String(64), nullable=False, index=True),
    Column("device_id", String(64), nullable=False),
    Column("family", String(36), nullable=False, index=True),  # a login and its refreshes
    Column("issued_at", String(32), nullable=False),
    Column("expires_at", String(32), nullable=False),
    Column("revoked", Boolean, nullable=False, default=False),
)

login_throttle = Table(  # failed-login counters (workstation.server.login_throttle)
    "login_throttle",
    metadata,
    Column("kind", String(8), primary_key=True),  # address | account | pair
    Column("username", String(64), primary_key=True),  # "" for an address row
    Column("address", String(64), primary_key=True),  # "" for an account row
    Column("failures", Integer, nullable=False),
    Column("last_failure_at", String(32), nullable=False, index=True),
    Column("blocked_until", String(32)),  # address: its wait; account: its lock
)

refresh_replies = Table(  # the answer to a refresh, sealed under the used refresh token
    "refresh_replies",
    metadata,
    Column("token_digest", String(64), primary_key=True),  # the refresh token that was used
    Column("next_digest", String(64), nullable=False),  # the refresh token it was swapped for
    Column("used_at", String(32), nullable=False, index=True),
    Column("sealed", LargeBinary, nullable=False),  # AES-GCM nonce + ciphertext
)

devices = Table(
    "devices",
    metadata,
    Column("device_id", String(64), primary_key=True),
    Column("ward_id", String(32), nullable=False),
    Column("temp_block_start", Integer, nullable=False),
    Column("temp_block_end", Integer, nullable=False),
    Column("registered_at", String(32), nullable=False),
    Column("last_seen_at", String(32)),
)

wards = Table(
    "wards",
    metadata,
    Column("ward_id", String(32), primary_key=True),
    Column("name_en", String(200), nullable=False),
    Column("name_zh", String(200), nullable=False),
    Column("beds", Text, nullable=False),  # comma-separated bed labels
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("audit_id", SEQ, primary_key=True, autoincrement=False),
    Column("at", String(32), nullable=False),
    Column("actor_id", String(64)),
    Column("action", String(40), nullable=False),
    Column("patient_id", ID),
    Column("device_id", String(64)),
    Column("detail", Text),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)

refdata = Table(
    "refdata",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("published_at", String(32), nullable=False),
    Column("content", LargeBinary, nullable=False),  # canonical JSON
)

alerts = Table(
    "alerts",
    metadata,
    Column("alert_id", ID, primary_key=True),
    Column("kind", String(32), nullable=False),
    Column("patient_id", ID),
    Column("user_id", String(64)),
    Column("message", Text, nullable=False),
    Column("raised_at", String(32), nullable=False),
    Column("acknowledged_by", String(64)),  # migration 0011: read by the privacy officer
    Column("acknowledged_at", String(32)),
)

signing_keys = Table(
    "signing_keys",
    metadata,
    Column("key_id", String(16), primary_key=True),  # signing.key_id(public_key)
    Column("user_id", String(64), nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("public_key", String(64), nullable=False),
    Column("registered_at", String(32), nullable=False),
    Column("revoked_at", String(32)),
    Column("revoked_reason", Text),
    Index("ix_signing_keys_user_device", "user_id", "device_id"),
)

# A station's device key (trust on first use): the first login proving a key claims the device id;
# later logins on it must prove the same key. Revoked, the id never logs in again.
device_keys = Table(
    "device_keys",
    metadata,
    Column("device_id", String(64), primary_key=True),
    Column("public_key", String(64)),  # None: revoked before any key was registered
    Column("registered_at", String(32), nullable=False),
    Column("revoked_at", String(32)),
)

key_login_nonces = Table(
    "key_login_nonces",
    metadata,
    Column("nonce", String(64), primary_key=True),  # a key login's nonce, never taken twice
    Column("user_id", String(64), nullable=False),
    Column("used_at", String(32), nullable=False, index=True),
)

# Per device and sync run: the highest device_seq the server received in that run and when the
# run's first push arrived (workstation.server.device_clock bounds recorded_at with them).
device_sync_marks = Table(
    "device_sync_marks",
    metadata,
    Column("device_id", String(64), primary_key=True),
    Column("sync_id", String(64), primary_key=True),
    Column("max_seq", Integer, nullable=False),
    Column("first_received_at", String(32), nullable=False),
)

# Read-audit entries already chained, by the station's entry id: a retried POST /audit/reads
# (its answer lost) records nothing twice.
read_audit_entries = Table(
    "read_audit_entries",
    metadata,
    Column("entry_id", String(64), primary_key=True),
    Column("audit_id", SEQ, nullable=False),
    Column("received_at", String(32), nullable=False),
)

# HL7 v2 inbound (migration 0020, workstation.server.hl7_inbound): every message received, keyed by
# sending facility + message control id (MSH-4, MSH-10) so a resend changes nothing and gets the
# same ACK; a rejected or held message stays here, with its reason, until an admin re-runs it.
hl7_messages = Table(
    "hl7_messages",
    metadata,
    Column("message_key", String(200), primary_key=True),
    Column("sending_facility", String(100), nullable=False),
    Column("control_id", String(64), nullable=False),
    Column("message_type", String(16), nullable=False),
    Column("received_at", String(32), nullable=False),
    Column("status", String(16), nullable=False, index=True),  # applied/held/rejected/ignored
    Column("reason", Text),
    Column("error_field", String(32)),  # e.g. PID-7: the field the ERR segment names
    Column("patient_key", String(120), index=True),  # authority|record number of PID-3
    Column("charset", String(32), nullable=False),
    Column("raw", Text, nullable=False),  # the decoded message, as received
    Column("ack", Text, nullable=False),  # the ACK answered (a resend gets it again)
    Column("events", Integer, nullable=False, default=0),
    Column("updated_at", String(32), nullable=False),
)

# The hospital's identifiers (PID-3: record number with its assigning authority) of each patient;
# a merge (ADT^A40) points the prior identifier at the surviving patient.
hl7_patient_ids = Table(
    "hl7_patient_ids",
    metadata,
    Column("authority", String(64), primary_key=True),
    Column("identifier", String(32), primary_key=True),
    Column("patient_id", ID, nullable=False, index=True),
)

# The LabResulted event recorded for each LIS result (facility|filler order|test code), so a
# corrected result (OBX-11 C) supersedes the one it corrects.
hl7_results = Table(
    "hl7_results",
    metadata,
    Column("result_key", String(200), primary_key=True),
    Column("patient_id", ID, nullable=False),
    Column("event_id", ID, nullable=False),
)

# HL7 v2 outbound (migration 0026, workstation.server.hl7_outbound): one row per order and action
# (ORC-1 NW, CA) for the LIS or the PACS, its message built once (MSH-10 stable: a resend is the
# same message), with its attempts, the lease of the process sending it and the receiver's ACK.
hl7_outbound = Table(
    "hl7_outbound",
    metadata,
    Column("control_id", String(20), primary_key=True),  # MSH-10
    Column("order_id", ID, nullable=False),
    Column("action", String(2), nullable=False),  # NW | CA
    Column("destination", String(8), nullable=False),  # LIS | PACS
    Column("patient_id", ID, nullable=False),
    Column("message", Text, nullable=False),
    # pending | sending | accepted | rejected | withdrawn (a new order cancelled before it left)
    Column("status", String(16), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", String(32), nullable=False),
    Column("claimed_by", String(64)),
    Column("claimed_until", String(32)),
    Column("created_at", String(32), nullable=False),
    Column("sent_at", String(32)),  # the first attempt
    Column("answered_at", String(32)),
    Column("ack_code", String(2)),
    Column("ack_text", Text),
    Column("last_error", Text),
    Index("ix_hl7_outbound_order", "order_id", "action", unique=True),
    Index("ix_hl7_outbound_due", "status", "next_attempt_at"),
)

# The nurse roster (排班; migration 0031, workstation.server.roster_store): ward management data
# the head nurse edits, not a clinical fact. One row per ward holds its shift pattern, the nurses'
# 能级 and the version every edit must name (a stale one is refused, never overwritten).
ward_rosters = Table(
    "ward_rosters",
    metadata,
    Column("ward_id", String(32), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("shifts", Text, nullable=False),  # JSON [{code, name_zh, name_en, start, end}]
    Column("levels", Text, nullable=False),  # JSON {nurse_id: N0..N4}
    Column("updated_at", String(32), nullable=False),
    Column("updated_by", String(64)),
)
roster_assignments = Table(
    "roster_assignments",
    metadata,
    Column("ward_id", String(32), primary_key=True),
    Column("day", String(10), primary_key=True),  # the roster date (a night shift's start day)
    Column("shift", String(4), primary_key=True),
    Column("nurse_id", String(64), primary_key=True),
    Column("beds", Text, nullable=False),  # comma-separated: the beds she is 责任护士 for
)
# How far each dashboard's catch-up projection has folded the event log (manage_catchup).
manage_cursors = Table(
    "manage_cursors",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("last_seq", SEQ, nullable=False),
)

# The patient-flow dashboard's projection (flow_store): stays and their ward moves, with the ward
# clock's weekday (0 = Monday) and hour of each start and end, so counts by hour are a GROUP BY.
flow_stays = Table(
    "flow_stays",
    metadata,
    Column("stay_id", ID, primary_key=True),  # the PatientAdmitted event's id
    Column("patient_id", ID, nullable=False, index=True),
    Column("ward_id", String(32), nullable=False, index=True),  # the last ward
    Column("admitted_at", String(32), nullable=False),
    Column("discharged_at", String(32), index=True),
)

flow_moves = Table(
    "flow_moves",
    metadata,
    Column("stay_id", ID, primary_key=True),
    Column("position", Integer, primary_key=True, autoincrement=False),
    Column("ward_id", String(32), nullable=False, index=True),
    Column("start_at", String(32), nullable=False),
    Column("start_kind", String(12), nullable=False),
    Column("start_dow", Integer, nullable=False),
    Column("start_hour", Integer, nullable=False),
    Column("end_at", String(32)),
    Column("end_kind", String(12)),
    Column("end_dow", Integer),
    Column("end_hour", Integer),
)

ALL_METADATA = [metadata, projection_metadata, quality_metadata, usage_metadata]

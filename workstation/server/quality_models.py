"""The quality projection's own tables (质控 facts, folded from the events by
workstation.server.manage_quality_fold; migrations 0029 and 0037). Times are ISO-8601 UTC strings."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Index, Integer, MetaData, String, Table

metadata = MetaData()

ID = String(36)
USER = String(64)
WARD = String(32)
TIME = String(32)

quality_stays = Table(  # where each patient is, for the facts that follow
    "quality_stays",
    metadata,
    Column("patient_id", ID, primary_key=True),
    Column("ward_id", WARD),
    Column("admitted_at", TIME, nullable=False),
    Column("attending_id", USER),
)

quality_notes = Table(  # one row per once-per-admission note with a deadline (病历书写基本规范)
    "quality_notes",
    metadata,
    Column("patient_id", ID, primary_key=True),
    Column("note_type", String(32), primary_key=True),
    Column("ward_id", WARD),
    Column("doctor_id", USER),  # the signer, or the attending while unsigned
    Column("admitted_at", TIME, nullable=False),
    Column("due_at", TIME, nullable=False),
    Column("signed_at", TIME),
    Index("ix_quality_notes_admitted", "admitted_at"),
)

quality_note_signings = Table(  # every signed note of a deadline type: a void reopens its deadline
    "quality_note_signings",
    metadata,
    Column("event_id", ID, primary_key=True),
    Column("patient_id", ID, nullable=False),
    Column("note_type", String(32), nullable=False),
    Column("signed_at", TIME, nullable=False),
    Column("doctor_id", USER, nullable=False),
    Index("ix_quality_note_signings_note", "patient_id", "note_type"),
)

quality_alerts = Table(  # each order-check alert shown at signing, and whether it was overridden
    "quality_alerts",
    metadata,
    Column("event_id", ID, primary_key=True),
    Column("rule_id", String(64), primary_key=True),
    Column("category", String(32), nullable=False),
    Column("severity", String(16), nullable=False),
    Column("prescriber_id", USER, nullable=False),
    Column("ward_id", WARD),
    Column("at", TIME, nullable=False),
    Column("overridden", Boolean, nullable=False),
    Index("ix_quality_alerts_at", "at"),
)

quality_orders = Table(  # medication orders: their schedule and pharmacist verification
    "quality_orders",
    metadata,
    Column("order_id", ID, primary_key=True),
    Column("patient_id", ID, nullable=False),
    Column("ward_id", WARD),
    Column("placed_at", TIME, nullable=False),
    Column("start_at", TIME, nullable=False),
    Column("frequency", String(8)),
    Column("duration_days", Integer),
    Column("prn", Boolean, nullable=False),
    Column("verified_at", TIME),  # OrderVerified or OrderRejected, the first
    Column("verified_by", USER),
    Column("status", String(16), nullable=False),  # placed verified rejected discontinued completed
    Column("ended_at", TIME),
    # the whole schedule, once its end is known (quality_indicators.order_due): missed doses of
    # an order inside the range are then counted without rebuilding its schedule
    Column("due_from", TIME),
    Column("due_until", TIME),
    Column("due_count", Integer),
    Index("ix_quality_orders_placed", "placed_at"),
    Index("ix_quality_orders_patient", "patient_id"),
)

quality_scans = Table(  # bedside checks, waiting for the dose they precede
    "quality_scans",
    metadata,
    Column("event_id", ID, primary_key=True),
    Column("order_id", ID, nullable=False),
    Column("at", TIME, nullable=False),
    Column("result", String(16), nullable=False),
    Index("ix_quality_scans_order", "order_id", "at"),
)

quality_doses = Table(  # each administration record, with its timing and bedside scan
    "quality_doses",
    metadata,
    Column("event_id", ID, primary_key=True),
    Column("order_id", ID, nullable=False),
    Column("ward_id", WARD),
    Column("nurse_id", USER, nullable=False),
    Column("scheduled_for", TIME),
    Column("administered_at", TIME, nullable=False),
    Column("outcome", String(16), nullable=False),
    Column("timing", String(8)),  # on_time early late; None unscheduled or not given
    Column("scan", String(16)),  # scanned unable_to_scan none; None when not given
    Index("ix_quality_doses_at", "administered_at"),
    Index("ix_quality_doses_order", "order_id", "scheduled_for"),
)

quality_news2 = Table(  # NEWS2 triggers (RCP 2017) and the first doctor's entry after each
    "quality_news2",
    metadata,
    Column("event_id", ID, primary_key=True),
    Column("patient_id", ID, nullable=False),
    Column("ward_id", WARD),
    Column("nurse_id", USER, nullable=False),
    Column("at", TIME, nullable=False),
    Column("total", Integer, nullable=False),
    Column("level", String(16), nullable=False),
    Column("answered_at", TIME),
    Column("responder_id", USER),
    Index("ix_quality_news2_at", "at"),
    Index("ix_quality_news2_open", "patient_id", "answered_at"),
)

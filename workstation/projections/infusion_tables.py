"""Projection table of infusion rounds (输液巡视). Beside the older tables, so that replicas made
before it keep working (create_all adds tables, never columns)."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Float, Index, String, Table, Text

from workstation.projections.tables import ID, metadata

infusion_rounds: Table = Table(
    "infusion_rounds",
    metadata,
    Column("round_id", ID, primary_key=True),  # the InfusionRoundRecorded event
    Column("patient_id", ID, nullable=False, index=True),
    Column("order_id", ID, nullable=False, index=True),
    Column("scheduled_for", String(32)),
    Column("observed_at", String(32), nullable=False),
    Column("rate_value", Float),
    Column("rate_unit", String(8), nullable=False),
    Column("site", String(16), nullable=False),
    Column("remaining_ml", Float),
    Column("action", String(16), nullable=False),
    Column("scanned", Boolean, nullable=False, default=False),
    Column("note", Text),
    Column("recorded_by", String(64), nullable=False),
    Column("voided", Boolean, nullable=False, default=False),
    Index("ix_infusion_rounds_patient_observed", "patient_id", "observed_at"),
)

INFUSION_TABLES: tuple[Table, ...] = (infusion_rounds,)

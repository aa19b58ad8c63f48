"""Projection table of opioid tolerance records (OpioidToleranceRecorded): one row per record,
the latest live one counts. A table of its own so that older replicas keep working."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, String, Table, Text

from workstation.projections.tables import ID, metadata

opioid_tolerance: Table = Table(
    "opioid_tolerance",
    metadata,
    Column("record_id", ID, primary_key=True),  # the OpioidToleranceRecorded event
    Column("patient_id", ID, nullable=False, index=True),
    Column("tolerant", Boolean, nullable=False),
    Column("basis", Text, nullable=False),
    Column("recorded_by", String(64), nullable=False),
    Column("recorded_at", String(32), nullable=False),
    Column("voided", Boolean, nullable=False, default=False),
)

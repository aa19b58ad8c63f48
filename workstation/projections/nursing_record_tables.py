"""Projection table of the nursing record (护理记录): one row per signed NursingRecordWritten
event, the superseded ones kept (marked by the row that corrects them), never updated otherwise.
A table of its own, so that replicas made before it keep working (create_all adds tables)."""

from __future__ import annotations

from sqlalchemy import Column, Float, Index, String, Table, Text

from workstation.projections.tables import ID, metadata

TIME = String(32)

nursing_record_rows: Table = Table(
    "nursing_record_rows",
    metadata,
    Column("row_id", ID, primary_key=True),  # the NursingRecordWritten event
    Column("patient_id", ID, nullable=False),
    Column("form", String(16), nullable=False),
    Column("written_at", TIME, nullable=False),
    Column("written_by", String(64), nullable=False),
    Column("recorded_at", TIME, nullable=False),
    Column("vitals_id", ID),
    Column("observations", Text),  # JSON object
    Column("observation_text", Text),
    Column("measures", Text),
    Column("effect", Text),
    Column("intake", Text),  # JSON kind -> mL
    Column("output", Text),
    Column("intake_ml", Float, nullable=False),
    Column("output_ml", Float, nullable=False),
    Column("supersedes_id", ID),
    Column("correction_reason", Text),
    Column("superseded_by", ID),
    Index("ix_nursing_record_rows_patient_written", "patient_id", "written_at"),
)

NURSING_RECORD_TABLES: tuple[Table, ...] = (nursing_record_rows,)

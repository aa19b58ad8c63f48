"""Projection tables of the front sheet (住院病案首页), adverse-event reports and ward handover
reports. Beside the older tables, so that replicas made before them keep working (create_all
adds tables, never columns)."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, String, Table, Text

from workstation.projections.tables import ID, metadata

front_sheets: Table = Table(
    "front_sheets",
    metadata,
    Column("patient_id", ID, primary_key=True),
    Column("sheet_id", ID, nullable=False),  # the latest FrontSheetSaved event
    Column("saved_by", String(64), nullable=False),
    Column("saved_at", String(32), nullable=False),
    Column("main_code", String(24)),  # the 主要诊断, or None when 出院诊断 is empty
    Column("content", Text, nullable=False),  # the payload, canonical JSON
)

adverse_events: Table = Table(
    "adverse_events",
    metadata,
    Column("report_id", ID, primary_key=True),
    Column("ward_id", String(32), nullable=False, index=True),
    Column("patient_id", ID),
    Column("category", String(24), nullable=False),
    Column("severity", String(4), nullable=False),
    Column("occurred_at", String(32), nullable=False),
    Column("reported_at", String(32), nullable=False),
    Column("reporter_id", String(64), nullable=False),  # shown per adverse_events.sees_reporter
    Column("anonymous", Boolean, nullable=False),
    Column("adr_due_at", String(32)),  # 药品不良反应 15/30-day (or immediate) reporting time
    Column("adr_limit", String(16)),
    Column("content", Text, nullable=False),
)

ward_handovers: Table = Table(
    "ward_handovers",
    metadata,
    Column("report_id", ID, primary_key=True),
    Column("ward_id", String(32), nullable=False, index=True),
    Column("shift", String(8), nullable=False),
    Column("shift_start", String(32), nullable=False),
    Column("shift_end", String(32), nullable=False),
    Column("signed_by", String(64), nullable=False),
    Column("signed_at", String(32), nullable=False),
    Column("received_by", String(64)),
    Column("received_at", String(32)),
    Column("content", Text, nullable=False),  # counts, special patients, note
)

WARD_TABLES: tuple[Table, ...] = (front_sheets, adverse_events, ward_handovers)

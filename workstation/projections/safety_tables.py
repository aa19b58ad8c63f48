"""Projection tables of the ward's core safety systems: critical values (危急值), the nursing
level in force with its Barthel assessments and rounds (分级护理), and consultations (会诊).

New tables rather than new columns of `patients`, so that replicas made before them keep
working (the replica's create_all adds tables, never columns)."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Integer, String, Table, Text

from workstation.projections.tables import ID, metadata

TIME = String(32)
USER = String(64)

critical_values: Table = Table(
    "critical_values",
    metadata,
    Column("critical_id", ID, primary_key=True),  # the CriticalValueReported event
    Column("patient_id", ID, nullable=False, index=True),
    Column("result_id", ID, nullable=False),
    Column("test_code", String(32), nullable=False),
    Column("test_name", String(200), nullable=False),
    Column("value", String(64), nullable=False),
    Column("unit", String(32)),
    Column("flag", String(4)),
    Column("basis", String(16), nullable=False),
    Column("reported_at", TIME, nullable=False),
    Column("reporter", String(200), nullable=False),
    Column("recorded_by", USER, nullable=False),  # who entered the report (lab, interface)
    Column("received_by", USER),
    Column("received_at", TIME),
    Column("read_back_text", String(200)),
    Column("notified_doctor", USER),
    Column("notified_by", USER),
    Column("notified_at", TIME),
    Column("acknowledged_by", USER),
    Column("acknowledged_at", TIME),
    Column("action", Text),
    Column("note_id", ID),
    Column("voided", Boolean, nullable=False),
)

nursing_levels: Table = Table(
    "nursing_levels",
    metadata,
    Column("patient_id", ID, primary_key=True),  # the level in force: the latest order
    Column("level", String(16), nullable=False),
    Column("order_id", ID, nullable=False),
    Column("ordered_by", USER, nullable=False),
    Column("ordered_at", TIME, nullable=False),
)

barthel_assessments: Table = Table(
    "barthel_assessments",
    metadata,
    Column("assessment_id", ID, primary_key=True),
    Column("patient_id", ID, nullable=False, index=True),
    Column("total", Integer, nullable=False),
    Column("assessed_by", USER, nullable=False),
    Column("assessed_at", TIME, nullable=False),
    Column("voided", Boolean, nullable=False),
)

nursing_rounds: Table = Table(
    "nursing_rounds",
    metadata,
    Column("round_id", ID, primary_key=True),
    Column("patient_id", ID, nullable=False, index=True),
    Column("seen_by", USER, nullable=False),
    Column("seen_at", TIME, nullable=False),
    Column("observation", Text),
    Column("voided", Boolean, nullable=False),
)

consultations: Table = Table(
    "consultations",
    metadata,
    Column("consultation_id", ID, primary_key=True),  # the ConsultationRequested event
    Column("patient_id", ID, nullable=False, index=True),
    Column("urgency", String(16), nullable=False),
    Column("department", String(64), nullable=False),
    Column("question", Text, nullable=False),
    Column("requested_by", USER, nullable=False),
    Column("requested_at", TIME, nullable=False),
    Column("arrived_at", TIME),
    Column("consultant", String(200)),
    Column("note_id", ID),
    Column("voided", Boolean, nullable=False),
)

SAFETY_TABLES: tuple[Table, ...] = (
    critical_values, nursing_levels, barthel_assessments, nursing_rounds, consultations,
)  # fmt: skip
# Rows made by one event that a later EventVoided may void (a level is replaced, not voided).
VOIDABLE_SAFETY_TABLES: tuple[Table, ...] = (
    critical_values, barthel_assessments, nursing_rounds, consultations,
)  # fmt: skip

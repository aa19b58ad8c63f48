"""Projection tables of the pharmacy: change requests on orders, outpatient prescriptions and
which of their items were dispensed (stock itself is `stock_movements`)."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Index, Integer, String, Table, Text

from workstation.projections.tables import ID, metadata

order_change_requests: Table = Table(
    "order_change_requests",
    metadata,
    Column("request_id", ID, primary_key=True),
    Column("order_id", ID, nullable=False, index=True),
    Column("patient_id", ID, nullable=False, index=True),
    Column("message", Text, nullable=False),
    Column("requested_by", String(64), nullable=False),
    Column("requested_at", String(32), nullable=False),
    Column("voided", Boolean, nullable=False, default=False),
)

outpatient_prescriptions: Table = Table(
    "outpatient_prescriptions",
    metadata,
    Column("prescription_id", ID, primary_key=True),
    Column("queue_number", Integer, nullable=False),
    Column("patient_name", String(200), nullable=False),
    Column("patient_ref", String(64), nullable=False),
    Column("prescriber", String(200)),
    Column("items", Text, nullable=False),  # JSON list, as in the event
    Column("prescribed_by", String(64), nullable=False),
    Column("prescribed_at", String(32), nullable=False),
    Column("handed_over_by", String(64)),
    Column("handed_over_at", String(32)),
    Column("counselling_note", Text),
    Index("ix_outpatient_prescriptions_queue", "handed_over_at", "queue_number"),
)

prescription_dispenses: Table = Table(
    "prescription_dispenses",
    metadata,
    Column("movement_id", ID, primary_key=True),  # the Dispensed event, a stock_movements row
    Column("prescription_id", ID, nullable=False, index=True),
    Column("item_index", Integer),
)

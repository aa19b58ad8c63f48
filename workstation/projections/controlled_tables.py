"""Projection tables of skin tests and of the controlled drugs' own movements (empty ampoules
given back, remainders destroyed); dispenses and doses stay in stock_movements and administrations."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Float, Index, String, Table, Text

from workstation.projections.tables import ID, metadata

skin_tests: Table = Table(
    "skin_tests",
    metadata,
    Column("skin_test_id", ID, primary_key=True),  # the SkinTestRecorded event
    Column("patient_id", ID, nullable=False, index=True),
    Column("substance", String(100), nullable=False),
    Column("result", String(16), nullable=False),
    Column("read_at", String(32), nullable=False),
    Column("witness_id", String(64), nullable=False),
    Column("order_id", ID),
    Column("drug_code", String(64)),
    Column("reaction", Text),
    Column("recorded_by", String(64), nullable=False),
    Column("recorded_at", String(32), nullable=False),
    Column("voided", Boolean, nullable=False, default=False),
)

controlled_movements: Table = Table(
    "controlled_movements",
    metadata,
    Column("movement_id", ID, primary_key=True),  # the EmptyAmpouleReturned / ...Destroyed event
    Column("patient_id", ID, nullable=False, index=True),
    Column("movement_kind", String(16), nullable=False),  # empty_returned | destroyed
    Column("drug_code", String(64), nullable=False),
    Column("quantity", Float, nullable=False),
    Column("unit", String(16), nullable=False),
    Column("lot", String(64)),
    Column("order_id", ID),
    Column("witness_id", String(64)),
    Column("method", String(200)),
    Column("recorded_by", String(64), nullable=False),
    Column("recorded_at", String(32), nullable=False),
    Column("voided", Boolean, nullable=False, default=False),
    Index("ix_controlled_movements_patient_drug", "patient_id", "drug_code"),
)

CONTROLLED_TABLES: tuple[Table, ...] = (skin_tests, controlled_movements)

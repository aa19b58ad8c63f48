"""Projection tables of the order sheet (医嘱单): what an order adds to its `orders` row (term,
group, verbal order, discharge supply) and the marks made on the sheet afterwards (the nurse's
check of a new or stopped order, the doctor's signature of a verbal order, 重整医嘱). Kept beside
`orders` so replicas made before them (create_all adds tables, never columns) keep working."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Index, String, Table, Text

from workstation.projections.tables import ID, metadata

order_sheet: Table = Table(
    "order_sheet",
    metadata,
    Column("order_id", ID, primary_key=True),
    Column("patient_id", ID, nullable=False, index=True),
    Column("term", String(16)),  # long_term / temporary; None: placed before it was chosen
    Column("order_group", Text),  # JSON {carrier, members}, as in the event
    Column("verbal_from", String(64)),
    Column("discharge", Text),  # JSON {quantity, unit, days}
    Column("voided", Boolean, nullable=False, default=False),
)

order_sheet_marks: Table = Table(
    "order_sheet_marks",
    metadata,
    Column("mark_id", ID, primary_key=True),  # the event
    Column("patient_id", ID, nullable=False),
    Column("order_id", ID),  # None for 重整医嘱
    Column(
        "mark", String(16), nullable=False
    ),  # checked_new checked_stop verbal_signed reorganised
    Column("marked_by", String(64), nullable=False),
    Column("marked_at", String(32), nullable=False),
    Column("voided", Boolean, nullable=False, default=False),
    Index("ix_order_sheet_marks_patient", "patient_id", "marked_at"),
)

ORDER_SHEET_TABLES: tuple[Table, ...] = (order_sheet, order_sheet_marks)

"""Projection table of who signed an order off: what its author lacked, the co-signature, the
special-tier approval and the emergency override (events.rights_events)."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Index, String, Table, Text

from workstation.projections.tables import ID, metadata

order_signoffs: Table = Table(
    "order_signoffs",
    metadata,
    Column("order_id", ID, primary_key=True),
    Column("patient_id", ID, nullable=False, index=True),
    Column("drug_code", String(64)),
    Column("antibiotic_tier", String(16)),
    Column("missing", String(64), nullable=False),  # comma-separated rights the author lacked
    Column("placed_by", String(64), nullable=False),
    Column("placed_at", String(32), nullable=False),
    Column("needs_cosign", Boolean, nullable=False),
    Column("cosigned_by", String(64)),
    Column("cosigned_at", String(32)),
    Column("needs_approval", Boolean, nullable=False),
    Column("approved_by", String(64)),
    Column("approved_at", String(32)),
    Column("consultation_id", String(64)),
    Column("emergency", Boolean, nullable=False),  # 越级使用 (Art. 28)
    Column("override_indication", Text),
    Column("override_purpose", String(16)),
    Column("culture_sent", Boolean),
    Index("ix_order_signoffs_placed", "placed_at"),
)

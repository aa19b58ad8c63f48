"""quality indicators (质控): the quality projection's fact tables

Revision ID: 0029
Revises: 0031
"""

import sqlalchemy as sa
from alembic import op

revision = "0029"
down_revision = "0031"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "quality_alerts",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("rule_id", sa.String(length=64), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("severity", sa.String(length=16), nullable=False),
        sa.Column("prescriber_id", sa.String(length=64), nullable=False),
        sa.Column("ward_id", sa.String(length=32), nullable=True),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("overridden", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("event_id", "rule_id"),
    )
    op.create_index("ix_quality_alerts_at", "quality_alerts", ["at"], unique=False)
    op.create_table(
        "quality_doses",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("order_id", sa.String(length=36), nullable=False),
        sa.Column("ward_id", sa.String(length=32), nullable=True),
        sa.Column("nurse_id", sa.String(length=64), nullable=False),
        sa.Column("scheduled_for", sa.String(length=32), nullable=True),
        sa.Column("administered_at", sa.String(length=32), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("timing", sa.String(length=8), nullable=True),
        sa.Column("scan", sa.String(length=16), nullable=True),
        sa.PrimaryKeyConstraint("event_id"),
    )
    op.create_index("ix_quality_doses_at", "quality_doses", ["administered_at"], unique=False)
    op.create_index(
        "ix_quality_doses_order", "quality_doses", ["order_id", "scheduled_for"], unique=False
    )
    op.create_table(
        "quality_news2",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("patient_id", sa.String(length=36), nullable=False),
        sa.Column("ward_id", sa.String(length=32), nullable=True),
        sa.Column("nurse_id", sa.String(length=64), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("answered_at", sa.String(length=32), nullable=True),
        sa.Column("responder_id", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("event_id"),
    )
    op.create_index("ix_quality_news2_at", "quality_news2", ["at"], unique=False)
    op.create_index(
        "ix_quality_news2_open", "quality_news2", ["patient_id", "answered_at"], unique=False
    )
    op.create_table(
        "quality_notes",
        sa.Column("patient_id", sa.String(length=36), nullable=False),
        sa.Column("note_type", sa.String(length=32), nullable=False),
        sa.Column("ward_id", sa.String(length=32), nullable=True),
        sa.Column("doctor_id", sa.String(length=64), nullable=True),
        sa.Column("admitted_at", sa.String(length=32), nullable=False),
        sa.Column("due_at", sa.String(length=32), nullable=False),
        sa.Column("signed_at", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("patient_id", "note_type"),
    )
    op.create_index("ix_quality_notes_admitted", "quality_notes", ["admitted_at"], unique=False)
    op.create_table(
        "quality_orders",
        sa.Column("order_id", sa.String(length=36), nullable=False),
        sa.Column("patient_id", sa.String(length=36), nullable=False),
        sa.Column("ward_id", sa.String(length=32), nullable=True),
        sa.Column("placed_at", sa.String(length=32), nullable=False),
        sa.Column("start_at", sa.String(length=32), nullable=False),
        sa.Column("frequency", sa.String(length=8), nullable=True),
        sa.Column("duration_days", sa.Integer(), nullable=True),
        sa.Column("prn", sa.Boolean(), nullable=False),
        sa.Column("verified_at", sa.String(length=32), nullable=True),
        sa.Column("verified_by", sa.String(length=64), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("ended_at", sa.String(length=32), nullable=True),
        sa.Column("due_from", sa.String(length=32), nullable=True),
        sa.Column("due_until", sa.String(length=32), nullable=True),
        sa.Column("due_count", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("order_id"),
    )
    op.create_index("ix_quality_orders_patient", "quality_orders", ["patient_id"], unique=False)
    op.create_index("ix_quality_orders_placed", "quality_orders", ["placed_at"], unique=False)
    op.create_table(
        "quality_scans",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("order_id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("result", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("event_id"),
    )
    op.create_index("ix_quality_scans_order", "quality_scans", ["order_id", "at"], unique=False)
    op.create_table(
        "quality_stays",
        sa.Column("patient_id", sa.String(length=36), nullable=False),
        sa.Column("ward_id", sa.String(length=32), nullable=True),
        sa.Column("admitted_at", sa.String(length=32), nullable=False),
        sa.Column("attending_id", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("patient_id"),
    )


def downgrade() -> None:
    # dropping a table drops its indexes
    op.drop_table("quality_stays")
    op.drop_table("quality_scans")
    op.drop_table("quality_orders")
    op.drop_table("quality_notes")
    op.drop_table("quality_news2")
    op.drop_table("quality_doses")
    op.drop_table("quality_alerts")

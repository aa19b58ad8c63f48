"""HL7 v2 outbound: the durable queue of lab and imaging orders sent to the LIS and the PACS

Revision ID: 0026
Revises: 0019
"""

import sqlalchemy as sa
from alembic import op

revision = "0026"
down_revision = "0019"
branch_labels = None
depends_on = None

TIME = sa.String(length=32)
ID = sa.String(length=36)


def upgrade() -> None:
    op.create_table(
        "hl7_outbound",
        sa.Column("control_id", sa.String(length=20), nullable=False),
        sa.Column("order_id", ID, nullable=False),
        sa.Column("action", sa.String(length=2), nullable=False),
        sa.Column("destination", sa.String(length=8), nullable=False),
        sa.Column("patient_id", ID, nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", TIME, nullable=False),
        sa.Column("claimed_by", sa.String(length=64), nullable=True),
        sa.Column("claimed_until", TIME, nullable=True),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("sent_at", TIME, nullable=True),
        sa.Column("answered_at", TIME, nullable=True),
        sa.Column("ack_code", sa.String(length=2), nullable=True),
        sa.Column("ack_text", sa.Text(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("control_id"),
    )
    with op.batch_alter_table("hl7_outbound") as batch_op:
        batch_op.create_index("ix_hl7_outbound_order", ["order_id", "action"], unique=True)
        batch_op.create_index("ix_hl7_outbound_due", ["status", "next_attempt_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("hl7_outbound") as batch_op:
        batch_op.drop_index("ix_hl7_outbound_due")
        batch_op.drop_index("ix_hl7_outbound_order")
    op.drop_table("hl7_outbound")

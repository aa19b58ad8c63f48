"""pharmacy: change requests on orders, outpatient prescriptions and their dispenses

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "order_change_requests",
        sa.Column("request_id", sa.String(length=36), nullable=False),
        sa.Column("order_id", sa.String(length=36), nullable=False),
        sa.Column("patient_id", sa.String(length=36), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("requested_by", sa.String(length=64), nullable=False),
        sa.Column("requested_at", sa.String(length=32), nullable=False),
        sa.Column("voided", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("request_id"),
    )
    with op.batch_alter_table("order_change_requests") as batch_op:
        batch_op.create_index("ix_order_change_requests_order_id", ["order_id"], unique=False)
        batch_op.create_index("ix_order_change_requests_patient_id", ["patient_id"], unique=False)
    op.create_table(
        "outpatient_prescriptions",
        sa.Column("prescription_id", sa.String(length=36), nullable=False),
        sa.Column("queue_number", sa.Integer(), nullable=False),
        sa.Column("patient_name", sa.String(length=200), nullable=False),
        sa.Column("patient_ref", sa.String(length=64), nullable=False),
        sa.Column("prescriber", sa.String(length=200), nullable=True),
        sa.Column("items", sa.Text(), nullable=False),
        sa.Column("prescribed_by", sa.String(length=64), nullable=False),
        sa.Column("prescribed_at", sa.String(length=32), nullable=False),
        sa.Column("handed_over_by", sa.String(length=64), nullable=True),
        sa.Column("handed_over_at", sa.String(length=32), nullable=True),
        sa.Column("counselling_note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("prescription_id"),
    )
    with op.batch_alter_table("outpatient_prescriptions") as batch_op:
        batch_op.create_index(
            "ix_outpatient_prescriptions_queue", ["handed_over_at", "queue_number"], unique=False
        )
    op.create_table(
        "prescription_dispenses",
        sa.Column("movement_id", sa.String(length=36), nullable=False),
        sa.Column("prescription_id", sa.String(length=36), nullable=False),
        sa.Column("item_index", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("movement_id"),
    )
    with op.batch_alter_table("prescription_dispenses") as batch_op:
        batch_op.create_index(
            "ix_prescription_dispenses_prescription_id", ["prescription_id"], unique=False
        )


def downgrade() -> None:
    op.drop_table("prescription_dispenses")
    op.drop_table("outpatient_prescriptions")
    op.drop_table("order_change_requests")

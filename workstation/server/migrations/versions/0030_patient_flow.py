"""The patient-flow dashboard's projection: stays and their ward moves

Revision ID: 0030
Revises: 0029
"""

import sqlalchemy as sa
from alembic import op

revision = "0030"
down_revision = "0029"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "flow_stays",
        sa.Column("stay_id", sa.String(length=36), nullable=False),
        sa.Column("patient_id", sa.String(length=36), nullable=False),
        sa.Column("ward_id", sa.String(length=32), nullable=False),
        sa.Column("admitted_at", sa.String(length=32), nullable=False),
        sa.Column("discharged_at", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("stay_id"),
    )
    for column in ("patient_id", "ward_id", "discharged_at"):
        op.create_index(f"ix_flow_stays_{column}", "flow_stays", [column])
    op.create_table(
        "flow_moves",
        sa.Column("stay_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("ward_id", sa.String(length=32), nullable=False),
        sa.Column("start_at", sa.String(length=32), nullable=False),
        sa.Column("start_kind", sa.String(length=12), nullable=False),
        sa.Column("start_dow", sa.Integer(), nullable=False),
        sa.Column("start_hour", sa.Integer(), nullable=False),
        sa.Column("end_at", sa.String(length=32), nullable=True),
        sa.Column("end_kind", sa.String(length=12), nullable=True),
        sa.Column("end_dow", sa.Integer(), nullable=True),
        sa.Column("end_hour", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("stay_id", "position"),
    )
    op.create_index("ix_flow_moves_ward_id", "flow_moves", ["ward_id"])


def downgrade() -> None:
    op.drop_index("ix_flow_moves_ward_id", table_name="flow_moves")
    op.drop_table("flow_moves")
    for column in ("patient_id", "ward_id", "discharged_at"):
        op.drop_index(f"ix_flow_stays_{column}", table_name="flow_stays")
    op.drop_table("flow_stays")

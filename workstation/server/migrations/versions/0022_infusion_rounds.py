"""infusion rounds (输液巡视)

Revision ID: 0022
Revises: 0019
"""

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

ID = sa.String(length=36)
TIME = sa.String(length=32)


def upgrade() -> None:
    op.create_table(
        "infusion_rounds",
        sa.Column("round_id", ID, nullable=False),
        sa.Column("patient_id", ID, nullable=False),
        sa.Column("order_id", ID, nullable=False),
        sa.Column("scheduled_for", TIME, nullable=True),
        sa.Column("observed_at", TIME, nullable=False),
        sa.Column("rate_value", sa.Float(), nullable=True),
        sa.Column("rate_unit", sa.String(length=8), nullable=False),
        sa.Column("site", sa.String(length=16), nullable=False),
        sa.Column("remaining_ml", sa.Float(), nullable=True),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("scanned", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("voided", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("round_id"),
    )
    op.create_index("ix_infusion_rounds_patient_id", "infusion_rounds", ["patient_id"])
    op.create_index("ix_infusion_rounds_order_id", "infusion_rounds", ["order_id"])
    op.create_index(
        "ix_infusion_rounds_patient_observed", "infusion_rounds", ["patient_id", "observed_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_infusion_rounds_patient_observed", table_name="infusion_rounds")
    op.drop_index("ix_infusion_rounds_order_id", table_name="infusion_rounds")
    op.drop_index("ix_infusion_rounds_patient_id", table_name="infusion_rounds")
    op.drop_table("infusion_rounds")

"""skin tests and controlled drugs: skin-test results, empty-ampoule returns and destructions

Revision ID: 0015
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

ID = sa.String(length=36)
TIME = sa.String(length=32)


def upgrade() -> None:
    op.create_table(
        "skin_tests",
        sa.Column("skin_test_id", ID, nullable=False),
        sa.Column("patient_id", ID, nullable=False),
        sa.Column("substance", sa.String(length=100), nullable=False),
        sa.Column("result", sa.String(length=16), nullable=False),
        sa.Column("read_at", TIME, nullable=False),
        sa.Column("witness_id", sa.String(length=64), nullable=False),
        sa.Column("order_id", ID, nullable=True),
        sa.Column("drug_code", sa.String(length=64), nullable=True),
        sa.Column("reaction", sa.Text(), nullable=True),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", TIME, nullable=False),
        sa.Column("voided", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("skin_test_id"),
    )
    op.create_index("ix_skin_tests_patient_id", "skin_tests", ["patient_id"])
    op.create_table(
        "controlled_movements",
        sa.Column("movement_id", ID, nullable=False),
        sa.Column("patient_id", ID, nullable=False),
        sa.Column("movement_kind", sa.String(length=16), nullable=False),
        sa.Column("drug_code", sa.String(length=64), nullable=False),
        sa.Column("quantity", sa.Float(), nullable=False),
        sa.Column("unit", sa.String(length=16), nullable=False),
        sa.Column("lot", sa.String(length=64), nullable=True),
        sa.Column("order_id", ID, nullable=True),
        sa.Column("witness_id", sa.String(length=64), nullable=True),
        sa.Column("method", sa.String(length=200), nullable=True),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", TIME, nullable=False),
        sa.Column("voided", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("movement_id"),
    )
    op.create_index("ix_controlled_movements_patient_id", "controlled_movements", ["patient_id"])
    op.create_index(
        "ix_controlled_movements_patient_drug", "controlled_movements", ["patient_id", "drug_code"]
    )


def downgrade() -> None:
    op.drop_table("controlled_movements")
    op.drop_table("skin_tests")

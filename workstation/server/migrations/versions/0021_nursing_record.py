"""nursing record (护理记录): one projection row per signed, timed row

Revision ID: 0021
Revises: 0019
"""

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0026"
branch_labels = None
depends_on = None

ID = sa.String(length=36)
TIME = sa.String(length=32)


def upgrade() -> None:
    op.create_table(
        "nursing_record_rows",
        sa.Column("row_id", ID, nullable=False),
        sa.Column("patient_id", ID, nullable=False),
        sa.Column("form", sa.String(length=16), nullable=False),
        sa.Column("written_at", TIME, nullable=False),
        sa.Column("written_by", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", TIME, nullable=False),
        sa.Column("vitals_id", ID, nullable=True),
        sa.Column("observations", sa.Text(), nullable=True),
        sa.Column("observation_text", sa.Text(), nullable=True),
        sa.Column("measures", sa.Text(), nullable=True),
        sa.Column("effect", sa.Text(), nullable=True),
        sa.Column("intake", sa.Text(), nullable=True),
        sa.Column("output", sa.Text(), nullable=True),
        sa.Column("intake_ml", sa.Float(), nullable=False),
        sa.Column("output_ml", sa.Float(), nullable=False),
        sa.Column("supersedes_id", ID, nullable=True),
        sa.Column("correction_reason", sa.Text(), nullable=True),
        sa.Column("superseded_by", ID, nullable=True),
        sa.PrimaryKeyConstraint("row_id"),
    )
    op.create_index(
        "ix_nursing_record_rows_patient_written",
        "nursing_record_rows",
        ["patient_id", "written_at"],
    )


def downgrade() -> None:
    op.drop_index("ix_nursing_record_rows_patient_written", table_name="nursing_record_rows")
    op.drop_table("nursing_record_rows")

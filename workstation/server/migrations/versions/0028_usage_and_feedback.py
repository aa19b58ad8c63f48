"""Usage telemetry and anonymous feedback: their own tables, apart from the clinical record

Revision ID: 0028
Revises: 0030
"""

import sqlalchemy as sa
from alembic import op

revision = "0028"
down_revision = "0030"
branch_labels = None
depends_on = None

TIME = sa.String(length=32)


def upgrade() -> None:
    op.create_table(
        "usage_records",
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("ward_id", sa.String(length=32), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("screen", sa.String(length=80), nullable=True),
        sa.Column("version", sa.String(length=32), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
        sa.Column("frames", sa.Text(), nullable=True),
        sa.Column("at", TIME, nullable=False),
        sa.Column("received_at", TIME, nullable=False),
        sa.PrimaryKeyConstraint("record_id"),
    )
    op.create_index("ix_usage_records_received", "usage_records", ["received_at"])
    op.create_index("ix_usage_records_kind_at", "usage_records", ["kind", "at"])
    op.create_table(
        "feedback",
        sa.Column("feedback_id", sa.String(length=36), nullable=False),
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("category", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("ward_id", sa.String(length=32), nullable=True),
        sa.Column("tags", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("answered_on", sa.String(length=10), nullable=True),
        sa.PrimaryKeyConstraint("feedback_id"),
        sqlite_with_rowid=False,  # no insertion order kept beside the random key
    )


def downgrade() -> None:
    op.drop_table("feedback")
    op.drop_index("ix_usage_records_kind_at", table_name="usage_records")
    op.drop_index("ix_usage_records_received", table_name="usage_records")
    op.drop_table("usage_records")

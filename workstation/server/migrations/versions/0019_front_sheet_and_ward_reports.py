"""front sheet (住院病案首页), adverse-event reports and ward handover reports

Revision ID: 0019
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

ID = sa.String(length=36)
TIME = sa.String(length=32)
USER = sa.String(length=64)


def upgrade() -> None:
    op.create_table(
        "front_sheets",
        sa.Column("patient_id", ID, nullable=False),
        sa.Column("sheet_id", ID, nullable=False),
        sa.Column("saved_by", USER, nullable=False),
        sa.Column("saved_at", TIME, nullable=False),
        sa.Column("main_code", sa.String(length=24), nullable=True),
        sa.Column("content", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("patient_id"),
    )
    op.create_table(
        "adverse_events",
        sa.Column("report_id", ID, nullable=False),
        sa.Column("ward_id", sa.String(length=32), nullable=False),
        sa.Column("patient_id", ID, nullable=True),
        sa.Column("category", sa.String(length=24), nullable=False),
        sa.Column("severity", sa.String(length=4), nullable=False),
        sa.Column("occurred_at", TIME, nullable=False),
        sa.Column("reported_at", TIME, nullable=False),
        sa.Column("reporter_id", USER, nullable=False),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("adr_due_at", TIME, nullable=True),
        sa.Column("adr_limit", sa.String(length=16), nullable=True),
        sa.Column("content", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("report_id"),
    )
    op.create_index("ix_adverse_events_ward_id", "adverse_events", ["ward_id"])
    op.create_table(
        "ward_handovers",
        sa.Column("report_id", ID, nullable=False),
        sa.Column("ward_id", sa.String(length=32), nullable=False),
        sa.Column("shift", sa.String(length=8), nullable=False),
        sa.Column("shift_start", TIME, nullable=False),
        sa.Column("shift_end", TIME, nullable=False),
        sa.Column("signed_by", USER, nullable=False),
        sa.Column("signed_at", TIME, nullable=False),
        sa.Column("received_by", USER, nullable=True),
        sa.Column("received_at", TIME, nullable=True),
        sa.Column("content", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("report_id"),
    )
    op.create_index("ix_ward_handovers_ward_id", "ward_handovers", ["ward_id"])


def downgrade() -> None:
    op.drop_index("ix_ward_handovers_ward_id", table_name="ward_handovers")
    op.drop_table("ward_handovers")
    op.drop_index("ix_adverse_events_ward_id", table_name="adverse_events")
    op.drop_table("adverse_events")
    op.drop_table("front_sheets")

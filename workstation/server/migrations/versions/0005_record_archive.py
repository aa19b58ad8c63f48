"""record archive: archived records, unlock requests and the changes made under an unlock

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

ID = sa.String(length=36)
TIME = sa.String(length=32)
USER = sa.String(length=64)


def upgrade() -> None:
    op.create_table(
        "record_archives",
        sa.Column("patient_id", ID, nullable=False),
        sa.Column("archive_id", ID, nullable=False),
        sa.Column("archived_by", USER, nullable=False),
        sa.Column("archived_at", TIME, nullable=False),
        sa.PrimaryKeyConstraint("patient_id"),
    )
    op.create_table(
        "record_unlocks",
        sa.Column("request_id", ID, nullable=False),
        sa.Column("patient_id", ID, nullable=False),
        sa.Column("requested_by", USER, nullable=False),
        sa.Column("requested_at", TIME, nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("decided_by", USER, nullable=True),
        sa.Column("decided_at", TIME, nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=True),
        sa.Column("unlocked_until", TIME, nullable=True),
        sa.PrimaryKeyConstraint("request_id"),
    )
    op.create_index("ix_record_unlocks_patient_id", "record_unlocks", ["patient_id"])
    op.create_table(
        "unlocked_changes",
        sa.Column("event_id", ID, nullable=False),
        sa.Column("patient_id", ID, nullable=False),
        sa.Column("request_id", ID, nullable=False),
        sa.Column("event_type", sa.String(length=40), nullable=False),
        sa.Column("author_id", USER, nullable=False),
        sa.PrimaryKeyConstraint("event_id"),
    )
    op.create_index("ix_unlocked_changes_patient_id", "unlocked_changes", ["patient_id"])
    op.create_index("ix_unlocked_changes_request_id", "unlocked_changes", ["request_id"])


def downgrade() -> None:
    op.drop_index("ix_unlocked_changes_request_id", table_name="unlocked_changes")
    op.drop_index("ix_unlocked_changes_patient_id", table_name="unlocked_changes")
    op.drop_table("unlocked_changes")
    op.drop_index("ix_record_unlocks_patient_id", table_name="record_unlocks")
    op.drop_table("record_unlocks")
    op.drop_table("record_archives")

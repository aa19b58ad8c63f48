"""scope and device time: device sync marks, read-audit entry ids

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

ID = sa.String(length=64)
TIME = sa.String(length=32)


def upgrade() -> None:
    op.create_table(
        "device_sync_marks",
        sa.Column("device_id", ID, nullable=False),
        sa.Column("sync_id", ID, nullable=False),
        sa.Column("max_seq", sa.Integer(), nullable=False),
        sa.Column("first_received_at", TIME, nullable=False),
        sa.PrimaryKeyConstraint("device_id", "sync_id"),
    )
    op.create_table(
        "read_audit_entries",
        sa.Column("entry_id", ID, nullable=False),
        sa.Column("audit_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("received_at", TIME, nullable=False),
        sa.PrimaryKeyConstraint("entry_id"),
    )
    # device_seq is gap-free and unique per device: the push checks it with this index
    op.create_index("ix_events_device_seq", "events", ["device_id", "device_seq"])


def downgrade() -> None:
    op.drop_index("ix_events_device_seq", table_name="events")
    op.drop_table("read_audit_entries")
    op.drop_table("device_sync_marks")

"""login throttling counters and idempotent refresh answers

Revision ID: 0007
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TIME = sa.String(length=32)


def upgrade() -> None:
    op.create_table(
        "login_throttle",
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", TIME, nullable=False),
        sa.Column("blocked_until", TIME, nullable=True),
        sa.PrimaryKeyConstraint("kind", "username", "address"),
    )
    op.create_index("ix_login_throttle_last_failure_at", "login_throttle", ["last_failure_at"])
    op.create_table(
        "refresh_replies",
        sa.Column("token_digest", sa.String(length=64), nullable=False),
        sa.Column("next_digest", sa.String(length=64), nullable=False),
        sa.Column("used_at", TIME, nullable=False),
        sa.Column("sealed", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("token_digest"),
    )
    op.create_index("ix_refresh_replies_used_at", "refresh_replies", ["used_at"])


def downgrade() -> None:
    op.drop_index("ix_refresh_replies_used_at", table_name="refresh_replies")
    op.drop_table("refresh_replies")
    op.drop_index("ix_login_throttle_last_failure_at", table_name="login_throttle")
    op.drop_table("login_throttle")

"""signed events: the authors' public signing keys, used key-login nonces, events.signature

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TIME = sa.String(length=32)
USER = sa.String(length=64)


def upgrade() -> None:
    op.create_table(
        "signing_keys",
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("user_id", USER, nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("registered_at", TIME, nullable=False),
        sa.Column("revoked_at", TIME, nullable=True),
        sa.Column("revoked_reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("key_id"),
    )
    op.create_index("ix_signing_keys_user_device", "signing_keys", ["user_id", "device_id"])
    op.create_table(
        "key_login_nonces",
        sa.Column("nonce", sa.String(length=64), nullable=False),
        sa.Column("user_id", USER, nullable=False),
        sa.Column("used_at", TIME, nullable=False),
        sa.PrimaryKeyConstraint("nonce"),
    )
    op.create_index("ix_key_login_nonces_used_at", "key_login_nonces", ["used_at"])
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("signature", sa.String(length=128), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_column("signature")
    op.drop_index("ix_key_login_nonces_used_at", table_name="key_login_nonces")
    op.drop_table("key_login_nonces")
    op.drop_index("ix_signing_keys_user_device", table_name="signing_keys")
    op.drop_table("signing_keys")

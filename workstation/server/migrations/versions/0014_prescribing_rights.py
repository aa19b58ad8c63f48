"""prescribing rights: users' title, antibiotic tier right, narcotic right, antibiotic approver;
the order sign-off projection (co-signature, special-tier approval, emergency override)

Revision ID: 0014
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0012"
branch_labels = None
depends_on = None

TIME = sa.String(length=32)
ID = sa.String(length=36)


def upgrade() -> None:
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(sa.Column("title", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("antibiotic_tier", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("narcotic_right", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))  # fmt: skip
        batch_op.add_column(sa.Column("antibiotic_approver", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))  # fmt: skip
    op.create_table(
        "order_signoffs",
        sa.Column("order_id", ID, nullable=False),
        sa.Column("patient_id", ID, nullable=False),
        sa.Column("drug_code", sa.String(length=64), nullable=True),
        sa.Column("antibiotic_tier", sa.String(length=16), nullable=True),
        sa.Column("missing", sa.String(length=64), nullable=False),
        sa.Column("placed_by", sa.String(length=64), nullable=False),
        sa.Column("placed_at", TIME, nullable=False),
        sa.Column("needs_cosign", sa.Boolean(), nullable=False),
        sa.Column("cosigned_by", sa.String(length=64), nullable=True),
        sa.Column("cosigned_at", TIME, nullable=True),
        sa.Column("needs_approval", sa.Boolean(), nullable=False),
        sa.Column("approved_by", sa.String(length=64), nullable=True),
        sa.Column("approved_at", TIME, nullable=True),
        sa.Column("consultation_id", sa.String(length=64), nullable=True),
        sa.Column("emergency", sa.Boolean(), nullable=False),
        sa.Column("override_indication", sa.Text(), nullable=True),
        sa.Column("override_purpose", sa.String(length=16), nullable=True),
        sa.Column("culture_sent", sa.Boolean(), nullable=True),
        sa.PrimaryKeyConstraint("order_id"),
    )
    with op.batch_alter_table("order_signoffs") as batch_op:
        batch_op.create_index("ix_order_signoffs_patient_id", ["patient_id"], unique=False)
        batch_op.create_index("ix_order_signoffs_placed", ["placed_at"], unique=False)


def downgrade() -> None:
    op.drop_table("order_signoffs")
    with op.batch_alter_table("users") as batch_op:
        for name in ("antibiotic_approver", "narcotic_right", "antibiotic_tier", "title"):
            batch_op.drop_column(name)

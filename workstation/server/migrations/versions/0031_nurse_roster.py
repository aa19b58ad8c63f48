"""The nurse roster (排班): each ward's shift pattern, 能级 and version, and its assignments

Revision ID: 0031
Revises: 0027
"""

import sqlalchemy as sa
from alembic import op

revision = "0031"
down_revision = "0027"
branch_labels = None
depends_on = None

TIME = sa.String(length=32)
ID = sa.String(length=36)


def upgrade() -> None:
    op.create_table(
        "ward_rosters",
        sa.Column("ward_id", sa.String(length=32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("shifts", sa.Text(), nullable=False),
        sa.Column("levels", sa.Text(), nullable=False),
        sa.Column("updated_at", TIME, nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("ward_id"),
    )
    op.create_table(
        "roster_assignments",
        sa.Column("ward_id", sa.String(length=32), nullable=False),
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("shift", sa.String(length=4), nullable=False),
        sa.Column("nurse_id", sa.String(length=64), nullable=False),
        sa.Column("beds", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("ward_id", "day", "shift", "nurse_id"),
    )


def downgrade() -> None:
    op.drop_table("roster_assignments")
    op.drop_table("ward_rosters")

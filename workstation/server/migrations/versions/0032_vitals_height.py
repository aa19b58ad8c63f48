"""Vitals: the patient's height, for the body surface area of dosing per m²

Revision ID: 0032
Revises: 0037
"""

import sqlalchemy as sa
from alembic import op

revision = "0032"
down_revision = "0037"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("vitals", sa.Column("height_cm", sa.Float(), nullable=True))


def downgrade() -> None:
    op.drop_column("vitals", "height_cm")

"""Events: drop the index on patient_id alone, which ix_events_patient_type (patient_id, type)
already serves as its first column; every stored event paid for writing both

Revision ID: 0038
Revises: 0032
"""

from alembic import op

revision = "0038"
down_revision = "0032"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_events_patient_id", table_name="events")  # no table copy on SQLite


def downgrade() -> None:
    op.create_index("ix_events_patient_id", "events", ["patient_id"], unique=False)

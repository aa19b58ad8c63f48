"""quality indicators: every signed note of a deadline type, so that voiding one reopens its
deadline; the quality projection is folded again from the start to fill it

Revision ID: 0037
Revises: 0028
"""

import sqlalchemy as sa
from alembic import op

revision = "0037"
down_revision = "0028"
branch_labels = None
depends_on = None

QUALITY_TABLES = ("quality_stays", "quality_notes", "quality_alerts", "quality_orders",
                  "quality_scans", "quality_doses", "quality_news2")  # fmt: skip


def _fold_again() -> None:
    """Empty the quality facts and its cursor: the next catch-up folds the whole log."""
    for table in QUALITY_TABLES:
        op.execute(sa.text(f"DELETE FROM {table}"))
    op.execute(sa.text("DELETE FROM manage_cursors WHERE name = 'quality'"))


def upgrade() -> None:
    op.create_table(
        "quality_note_signings",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("patient_id", sa.String(length=36), nullable=False),
        sa.Column("note_type", sa.String(length=32), nullable=False),
        sa.Column("signed_at", sa.String(length=32), nullable=False),
        sa.Column("doctor_id", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("event_id"),
    )
    op.create_index(
        "ix_quality_note_signings_note", "quality_note_signings", ["patient_id", "note_type"]
    )
    _fold_again()


def downgrade() -> None:
    op.drop_index("ix_quality_note_signings_note", table_name="quality_note_signings")
    op.drop_table("quality_note_signings")
    _fold_again()

"""order sheet: term, group, verbal and discharge parts of an order; the nurse's check, the
verbal order's signature and 重整医嘱 as marks on the sheet

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0017"
branch_labels = None
depends_on = None

ID = sa.String(length=36)


def upgrade() -> None:
    op.create_table(
        "order_sheet",
        sa.Column("order_id", ID, nullable=False),
        sa.Column("patient_id", ID, nullable=False),
        sa.Column("term", sa.String(length=16), nullable=True),
        sa.Column("order_group", sa.Text(), nullable=True),
        sa.Column("verbal_from", sa.String(length=64), nullable=True),
        sa.Column("discharge", sa.Text(), nullable=True),
        sa.Column("voided", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("order_id"),
    )
    op.create_index("ix_order_sheet_patient_id", "order_sheet", ["patient_id"])
    op.create_table(
        "order_sheet_marks",
        sa.Column("mark_id", ID, nullable=False),
        sa.Column("patient_id", ID, nullable=False),
        sa.Column("order_id", ID, nullable=True),
        sa.Column("mark", sa.String(length=16), nullable=False),
        sa.Column("marked_by", sa.String(length=64), nullable=False),
        sa.Column("marked_at", sa.String(length=32), nullable=False),
        sa.Column("voided", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("mark_id"),
    )
    op.create_index(
        "ix_order_sheet_marks_patient", "order_sheet_marks", ["patient_id", "marked_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_order_sheet_marks_patient", table_name="order_sheet_marks")
    op.drop_table("order_sheet_marks")
    op.drop_index("ix_order_sheet_patient_id", table_name="order_sheet")
    op.drop_table("order_sheet")

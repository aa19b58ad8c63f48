"""ward safety: critical values (危急值), nursing levels with Barthel and rounds (分级护理),
consultations (会诊)

Revision ID: 0018
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0013"
branch_labels = None
depends_on = None

ID = sa.String(length=36)
TIME = sa.String(length=32)
USER = sa.String(length=64)


def upgrade() -> None:
    op.create_table(
        "critical_values",
        sa.Column("critical_id", ID, nullable=False),
        sa.Column("patient_id", ID, nullable=False),
        sa.Column("result_id", ID, nullable=False),
        sa.Column("test_code", sa.String(length=32), nullable=False),
        sa.Column("test_name", sa.String(length=200), nullable=False),
        sa.Column("value", sa.String(length=64), nullable=False),
        sa.Column("unit", sa.String(length=32), nullable=True),
        sa.Column("flag", sa.String(length=4), nullable=True),
        sa.Column("basis", sa.String(length=16), nullable=False),
        sa.Column("reported_at", TIME, nullable=False),
        sa.Column("reporter", sa.String(length=200), nullable=False),
        sa.Column("recorded_by", USER, nullable=False),
        sa.Column("received_by", USER, nullable=True),
        sa.Column("received_at", TIME, nullable=True),
        sa.Column("read_back_text", sa.String(length=200), nullable=True),
        sa.Column("notified_doctor", USER, nullable=True),
        sa.Column("notified_by", USER, nullable=True),
        sa.Column("notified_at", TIME, nullable=True),
        sa.Column("acknowledged_by", USER, nullable=True),
        sa.Column("acknowledged_at", TIME, nullable=True),
        sa.Column("action", sa.Text(), nullable=True),
        sa.Column("note_id", ID, nullable=True),
        sa.Column("voided", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("critical_id"),
    )
    op.create_index("ix_critical_values_patient_id", "critical_values", ["patient_id"])
    op.create_table(
        "nursing_levels",
        sa.Column("patient_id", ID, nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("order_id", ID, nullable=False),
        sa.Column("ordered_by", USER, nullable=False),
        sa.Column("ordered_at", TIME, nullable=False),
        sa.PrimaryKeyConstraint("patient_id"),
    )
    op.create_table(
        "barthel_assessments",
        sa.Column("assessment_id", ID, nullable=False),
        sa.Column("patient_id", ID, nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("assessed_by", USER, nullable=False),
        sa.Column("assessed_at", TIME, nullable=False),
        sa.Column("voided", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("assessment_id"),
    )
    op.create_index("ix_barthel_assessments_patient_id", "barthel_assessments", ["patient_id"])
    op.create_table(
        "nursing_rounds",
        sa.Column("round_id", ID, nullable=False),
        sa.Column("patient_id", ID, nullable=False),
        sa.Column("seen_by", USER, nullable=False),
        sa.Column("seen_at", TIME, nullable=False),
        sa.Column("observation", sa.Text(), nullable=True),
        sa.Column("voided", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("round_id"),
    )
    op.create_index("ix_nursing_rounds_patient_id", "nursing_rounds", ["patient_id"])
    op.create_table(
        "consultations",
        sa.Column("consultation_id", ID, nullable=False),
        sa.Column("patient_id", ID, nullable=False),
        sa.Column("urgency", sa.String(length=16), nullable=False),
        sa.Column("department", USER, nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("requested_by", USER, nullable=False),
        sa.Column("requested_at", TIME, nullable=False),
        sa.Column("arrived_at", TIME, nullable=True),
        sa.Column("consultant", sa.String(length=200), nullable=True),
        sa.Column("note_id", ID, nullable=True),
        sa.Column("voided", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("consultation_id"),
    )
    op.create_index("ix_consultations_patient_id", "consultations", ["patient_id"])


def downgrade() -> None:
    op.drop_index("ix_consultations_patient_id", table_name="consultations")
    op.drop_table("consultations")
    op.drop_index("ix_nursing_rounds_patient_id", table_name="nursing_rounds")
    op.drop_table("nursing_rounds")
    op.drop_index("ix_barthel_assessments_patient_id", table_name="barthel_assessments")
    op.drop_table("barthel_assessments")
    op.drop_table("nursing_levels")
    op.drop_index("ix_critical_values_patient_id", table_name="critical_values")
    op.drop_table("critical_values")

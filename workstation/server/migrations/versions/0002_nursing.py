"""nursing: dose details, intake and output, assessments, ward receipts, bedside checks, handoffs

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

ID = sa.String(length=36)


def _index(table: str, name: str, columns: list[str]) -> None:
    with op.batch_alter_table(table) as batch_op:
        batch_op.create_index(name, columns, unique=False)


def upgrade() -> None:
    op.create_table(
        "administration_details",
        sa.Column("administration_id", ID, nullable=False),
        sa.Column("patient_id", ID, nullable=False),
        sa.Column("end_at", sa.String(length=32), nullable=True),
        sa.Column("amount_given_ml", sa.Float(), nullable=True),
        sa.Column("prn_indication", sa.String(length=200), nullable=True),
        sa.Column("reassess_at", sa.String(length=32), nullable=True),
        sa.Column("early_late_reason", sa.Text(), nullable=True),
        sa.Column("adverse_reaction", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("administration_id"),
    )
    _index("administration_details", "ix_administration_details_patient_id", ["patient_id"])
    op.create_table(
        "intake_output",
        sa.Column("entry_id", ID, nullable=False),
        sa.Column("patient_id", ID, nullable=False),
        sa.Column("direction", sa.String(length=8), nullable=False),
        sa.Column("category", sa.String(length=16), nullable=False),
        sa.Column("volume_ml", sa.Float(), nullable=False),
        sa.Column("measured_at", sa.String(length=32), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("voided", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("entry_id"),
    )
    _index("intake_output", "ix_intake_output_patient_measured", ["patient_id", "measured_at"])
    op.create_table(
        "assessments",
        sa.Column("assessment_id", ID, nullable=False),
        sa.Column("patient_id", ID, nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("items", sa.Text(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=True),
        sa.Column("risk", sa.String(length=32), nullable=True),
        sa.Column("assessed_at", sa.String(length=32), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("voided", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("assessment_id"),
    )
    _index("assessments", "ix_assessments_patient_id", ["patient_id"])
    op.create_table(
        "ward_receipts",
        sa.Column("receipt_id", ID, nullable=False),
        sa.Column("patient_id", ID, nullable=False),
        sa.Column("order_id", ID, nullable=True),
        sa.Column("drug_code", sa.String(length=64), nullable=True),
        sa.Column("lot", sa.String(length=64), nullable=False),
        sa.Column("quantity", sa.Float(), nullable=False),
        sa.Column("unit", sa.String(length=16), nullable=True),
        sa.Column("location_id", sa.String(length=32), nullable=True),
        sa.Column("received_by", sa.String(length=64), nullable=False),
        sa.Column("received_at", sa.String(length=32), nullable=False),
        sa.Column("voided", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("receipt_id"),
    )
    _index("ward_receipts", "ix_ward_receipts_patient_id", ["patient_id"])
    _index("ward_receipts", "ix_ward_receipts_order_id", ["order_id"])
    op.create_table(
        "bedside_checks",
        sa.Column("check_id", ID, nullable=False),
        sa.Column("patient_id", ID, nullable=False),
        sa.Column("order_id", ID, nullable=False),
        sa.Column("wristband_code", sa.String(length=128), nullable=True),
        sa.Column("drug_code_scanned", sa.String(length=128), nullable=True),
        sa.Column("result", sa.String(length=16), nullable=False),
        sa.Column("unable_to_scan_reason", sa.Text(), nullable=True),
        sa.Column("scheduled_for", sa.String(length=32), nullable=True),
        sa.Column("checked_by", sa.String(length=64), nullable=False),
        sa.Column("checked_at", sa.String(length=32), nullable=False),
        sa.Column("voided", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("check_id"),
    )
    _index("bedside_checks", "ix_bedside_checks_patient_id", ["patient_id"])
    _index("bedside_checks", "ix_bedside_checks_order_id", ["order_id"])
    op.create_table(
        "handoffs",
        sa.Column("handoff_id", ID, nullable=False),
        sa.Column("patient_id", ID, nullable=False),
        sa.Column("style", sa.String(length=8), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", sa.String(length=32), nullable=False),
        sa.Column("voided", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("handoff_id"),
    )
    _index("handoffs", "ix_handoffs_patient_id", ["patient_id"])


def downgrade() -> None:
    for table in (
        "handoffs", "bedside_checks", "ward_receipts", "assessments", "intake_output",
        "administration_details",
    ):  # fmt: skip
        op.drop_table(table)

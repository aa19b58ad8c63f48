"""read indexes: patient search by prefix ranges, a chart's newest rows per section

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_PLAIN = (
    ("ix_patients_status_name", "patients", ["status", "name"]),
    ("ix_patients_status_initials", "patients", ["status", "name_initials"]),
    ("ix_patients_status_pinyin", "patients", ["status", "name_pinyin"]),
    ("ix_notes_patient_signed", "notes", ["patient_id", "signed_at"]),
    ("ix_notes_patient_type_signed", "notes", ["patient_id", "note_type", "signed_at"]),
    ("ix_orders_patient_placed", "orders", ["patient_id", "placed_at"]),
    ("ix_administrations_patient_given", "administrations", ["patient_id", "administered_at"]),
    ("ix_lab_results_patient_resulted", "lab_results", ["patient_id", "resulted_at"]),
)


def upgrade() -> None:
    op.create_index(
        "ix_patients_status_record_lower",
        "patients",
        [sa.text("status"), sa.text("lower(record_number)")],
    )
    for name, table, columns in _PLAIN:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _columns in reversed(_PLAIN):
        op.drop_index(name, table_name=table)
    op.drop_index("ix_patients_status_record_lower", table_name="patients")

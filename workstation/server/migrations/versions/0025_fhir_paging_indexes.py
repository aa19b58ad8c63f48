"""FHIR paging indexes: a patient's rows in key order (keyset pages of a search and of
$everything), a patient's events by type (meta.lastUpdated of Patient and Encounter)

Revision ID: 0025
Revises: 0019
"""

from alembic import op

revision = "0025"
down_revision = "0022"
branch_labels = None
depends_on = None

_INDEXES = (
    ("ix_vitals_patient_key", "vitals", ["patient_id", "vitals_id"]),
    ("ix_lab_results_patient_key", "lab_results", ["patient_id", "result_id"]),
    ("ix_orders_patient_key", "orders", ["patient_id", "order_id"]),
    ("ix_administrations_patient_key", "administrations", ["patient_id", "administration_id"]),
    ("ix_notes_patient_key", "notes", ["patient_id", "note_id"]),
    ("ix_events_patient_type", "events", ["patient_id", "type"]),
)


def upgrade() -> None:
    for name, table, columns in _INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _columns in reversed(_INDEXES):
        op.drop_index(name, table_name=table)

"""patient name readings (every reading of a polyphonic name, the surname read as a surname)
and allergy reviews ("no known allergies" recorded by a person)

Revision ID: 0017
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

from workstation.domain.names import (
    initials_readings,
    name_readings,
    person_initials,
    person_pinyin,
)

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "patient_name_keys",
        sa.Column("patient_id", sa.String(length=36), nullable=False),
        sa.Column("name_key", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("patient_id", "name_key"),
    )
    op.create_index("ix_patient_name_keys_key", "patient_name_keys", ["name_key"], unique=False)
    _backfill()
    op.create_table(
        "allergy_reviews",
        sa.Column("review_id", sa.String(length=36), nullable=False),
        sa.Column("patient_id", sa.String(length=36), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=True),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", sa.String(length=32), nullable=False),
        sa.Column("voided", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("review_id"),
    )
    op.create_index(
        op.f("ix_allergy_reviews_patient_id"), "allergy_reviews", ["patient_id"], unique=False
    )


def _backfill() -> None:
    """Existing patients: the surname reading on the row (曾 zeng, not ceng), the others beside."""
    conn = op.get_bind()
    patients = sa.table(
        "patients",
        sa.column("patient_id", sa.String),
        sa.column("name", sa.String),
        sa.column("name_initials", sa.String),
        sa.column("name_pinyin", sa.String),
    )
    keys = sa.table(
        "patient_name_keys", sa.column("patient_id", sa.String), sa.column("name_key", sa.String)
    )
    rows = conn.execute(sa.select(patients.c.patient_id, patients.c.name)).all()
    for patient_id, name in rows:
        conn.execute(
            patients.update()
            .where(patients.c.patient_id == patient_id)
            .values(name_initials=person_initials(name), name_pinyin=person_pinyin(name))
        )
        others = dict.fromkeys([*initials_readings(name)[1:], *name_readings(name)[1:]])
        if others:
            conn.execute(keys.insert(), [{"patient_id": patient_id, "name_key": k} for k in others])


def downgrade() -> None:
    op.drop_index(op.f("ix_allergy_reviews_patient_id"), table_name="allergy_reviews")
    op.drop_table("allergy_reviews")
    op.drop_index("ix_patient_name_keys_key", table_name="patient_name_keys")
    op.drop_table("patient_name_keys")

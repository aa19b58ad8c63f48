"""HL7 v2 inbound: the message log (idempotency key, queue of held and rejected messages), the
hospital's patient identifiers, the results by LIS key, and a lab result's status

Revision ID: 0020
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0015"
branch_labels = None
depends_on = None

TIME = sa.String(length=32)
ID = sa.String(length=36)


def upgrade() -> None:
    op.create_table(
        "hl7_messages",
        sa.Column("message_key", sa.String(length=200), nullable=False),
        sa.Column("sending_facility", sa.String(length=100), nullable=False),
        sa.Column("control_id", sa.String(length=64), nullable=False),
        sa.Column("message_type", sa.String(length=16), nullable=False),
        sa.Column("received_at", TIME, nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("error_field", sa.String(length=32), nullable=True),
        sa.Column("patient_key", sa.String(length=120), nullable=True),
        sa.Column("charset", sa.String(length=32), nullable=False),
        sa.Column("raw", sa.Text(), nullable=False),
        sa.Column("ack", sa.Text(), nullable=False),
        sa.Column("events", sa.Integer(), nullable=False),
        sa.Column("updated_at", TIME, nullable=False),
        sa.PrimaryKeyConstraint("message_key"),
    )
    with op.batch_alter_table("hl7_messages") as batch_op:
        batch_op.create_index("ix_hl7_messages_status", ["status"], unique=False)
        batch_op.create_index("ix_hl7_messages_patient_key", ["patient_key"], unique=False)
    op.create_table(
        "hl7_patient_ids",
        sa.Column("authority", sa.String(length=64), nullable=False),
        sa.Column("identifier", sa.String(length=32), nullable=False),
        sa.Column("patient_id", ID, nullable=False),
        sa.PrimaryKeyConstraint("authority", "identifier"),
    )
    with op.batch_alter_table("hl7_patient_ids") as batch_op:
        batch_op.create_index("ix_hl7_patient_ids_patient_id", ["patient_id"], unique=False)
    op.create_table(
        "hl7_results",
        sa.Column("result_key", sa.String(length=200), nullable=False),
        sa.Column("patient_id", ID, nullable=False),
        sa.Column("event_id", ID, nullable=False),
        sa.PrimaryKeyConstraint("result_key"),
    )
    with op.batch_alter_table("lab_results") as batch_op:
        batch_op.add_column(sa.Column("result_status", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("superseded_by", ID, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("lab_results") as batch_op:
        batch_op.drop_column("superseded_by")
        batch_op.drop_column("result_status")
    op.drop_table("hl7_results")
    with op.batch_alter_table("hl7_patient_ids") as batch_op:
        batch_op.drop_index("ix_hl7_patient_ids_patient_id")
    op.drop_table("hl7_patient_ids")
    with op.batch_alter_table("hl7_messages") as batch_op:
        batch_op.drop_index("ix_hl7_messages_patient_key")
        batch_op.drop_index("ix_hl7_messages_status")
    op.drop_table("hl7_messages")

"""Projection tables: what the screens read, rebuilt from events the same way on both sides.

Every row is keyed by the event that created it, so a projection can be dropped for a
patient and folded again from that patient's events in server order.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    func,
)

metadata = MetaData()

ID = String(36)


def _id(name: str) -> Column:
    return Column(name, ID, primary_key=True)


patients = Table(
    "patients",
    metadata,
    _id("patient_id"),
    Column("record_number", String(32), nullable=False, index=True),
    Column("temporary_number", Boolean, nullable=False, default=False),
    Column("name", String(200), nullable=False),
    Column("name_initials", String(64), nullable=False, index=True),
    Column("name_pinyin", String(200), nullable=False),
    Column("sex", String(16), nullable=False),
    Column("birth_date", String(10), nullable=False),
    Column("ward_id", String(32), nullable=False, index=True),
    Column("bed", String(16), nullable=False),
    Column("acuity", String(16)),
    Column("weight_kg", Float),
    Column("diagnosis", Text),
    Column("attending_id", String(64)),
    Column("status", String(16), nullable=False),
    Column("admitted_at", String(32), nullable=False),
    Column("discharged_at", String(32)),
    Column("version", Integer, nullable=False, default=0),
)

# Every other reading of a patient's name (曾国藩: `cgf`, `cengguofan` beside the surname
# reading `zgf` / `zengguofan` of patients.name_initials / name_pinyin), searched by prefix.
patient_name_keys = Table(
    "patient_name_keys",
    metadata,
    Column("patient_id", ID, primary_key=True),
    Column("name_key", String(200), primary_key=True),
    Index("ix_patient_name_keys_key", "name_key"),
)

notes = Table(
    "notes",
    metadata,
    _id("note_id"),
    Column("patient_id", ID, nullable=False, index=True),
    Column("note_type", String(32), nullable=False),
    Column("title", String(200)),
    Column("text", Text, nullable=False),
    Column("author_id", String(64), nullable=False),
    Column("signed_at", String(32), nullable=False),
    Column("needs_cosign", Boolean, nullable=False, default=False),
    Column("cosigned_by", String(64)),
    Column("cosigned_at", String(32)),
    Column("voided", Boolean, nullable=False, default=False),
    Column("void_reason", Text),
)

note_addenda = Table(
    "note_addenda",
    metadata,
    _id("addendum_id"),
    Column("note_id", ID, nullable=False, index=True),
    Column("patient_id", ID, nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("author_id", String(64), nullable=False),
    Column("recorded_at", String(32), nullable=False),
    Column("voided", Boolean, nullable=False, default=False),
)

orders = Table(
    "orders",
    metadata,
    _id("order_id"),
    Column("patient_id", ID, nullable=False, index=True),
    Column("order_kind", String(16), nullable=False),
    Column("description", String(500), nullable=False),
    Column("code", String(64)),
    Column("drug_code", String(64)),
    Column("drug_name", String(200)),
    Column("dose_value", Float),
    Column("dose_unit", String(16)),
    Column("route", String(8)),
    Column("frequency", String(8)),
    Column("duration_days", Integer),
    Column("prn", Boolean, nullable=False, default=False),
    Column("prn_indication", String(200)),
    Column("urgent", Boolean, nullable=False, default=False),
    Column("start_at", String(32), nullable=False),
    Column("status", String(16), nullable=False),
    Column("placed_by", String(64), nullable=False),
    Column("placed_at", String(32), nullable=False),
    Column("verified_by", String(64)),
    Column("verified_at", String(32)),
    Column("ended_by", String(64)),
    Column("ended_at", String(32)),
    Column("end_reason", Text),
    Column("replaces_order_id", ID),
    Column("overrides", Text),
    Column("voided", Boolean, nullable=False, default=False),
)

administrations = Table(
    "administrations",
    metadata,
    _id("administration_id"),
    Column("order_id", ID, nullable=False, index=True),
    Column("patient_id", ID, nullable=False, index=True),
    Column("outcome", String(16), nullable=False),
    Column("administered_at", String(32), nullable=False),
    Column("scheduled_for", String(32)),
    Column("dose_value", Float),
    Column("dose_unit", String(16)),
    Column("route", String(8)),
    Column("site", String(64)),
    Column("reason", Text),
    Column("witness_id", String(64)),
    Column("recorded_by", String(64), nullable=False),
    Column("voided", Boolean, nullable=False, default=False),
)

vitals = Table(
    "vitals",
    metadata,
    _id("vitals_id"),
    Column("patient_id", ID, nullable=False),
    Column("taken_at", String(32), nullable=False),
    Column("temperature_c", Float),
    Column("pulse_bpm", Integer),
    Column("resp_rate", Integer),
    Column("systolic_mmhg", Integer),
    Column("diastolic_mmhg", Integer),
    Column("spo2_pct", Integer),
    Column("on_oxygen", Boolean),
    Column("consciousness", String(1)),
    Column("weight_kg", Float),
    Column("pain_score", Integer),
    Column("height_cm", Float),
    Column("recorded_by", String(64), nullable=False),
    Column("voided", Boolean, nullable=False, default=False),
    Index("ix_vitals_patient_taken", "patient_id", "taken_at"),
)

lab_results = Table(
    "lab_results",
    metadata,
    _id("result_id"),
    Column("patient_id", ID, nullable=False),
    Column("test_code", String(32), nullable=False),
    Column("test_name", String(200), nullable=False),
    Column("value", String(64), nullable=False),
    Column("numeric_value", Float),
    Column("unit", String(32)),
    Column("reference_low", Float),
    Column("reference_high", Float),
    Column("flag", String(2)),
    Column("resulted_at", String(32), nullable=False),
    Column("order_id", ID),
    Column("voided", Boolean, nullable=False, default=False),
    Column("result_status", String(16)),  # preliminary / final / corrected (None: final)
    Column("superseded_by", ID),  # the correction that replaced this result
    Index("ix_lab_results_patient_test", "patient_id", "test_code", "resulted_at"),
)

allergies = Table(
    "allergies",
    metadata,
    _id("allergy_id"),
    Column("patient_id", ID, nullable=False, index=True),
    Column("substance", String(200), nullable=False),
    Column("reaction", Text),
    Column("severity", String(16), nullable=False),
    Column("recorded_by", String(64), nullable=False),
    Column("recorded_at", String(32), nullable=False),
    Column("voided", Boolean, nullable=False, default=False),
)

# "No known allergies", recorded by a person (NoKnownAllergiesRecorded): who and when.
allergy_reviews = Table(
    "allergy_reviews",
    metadata,
    _id("review_id"),
    Column("patient_id", ID, nullable=False, index=True),
    Column("source", String(200)),
    Column("recorded_by", String(64), nullable=False),
    Column("recorded_at", String(32), nullable=False),
    Column("voided", Boolean, nullable=False, default=False),
)

problems = Table(
    "problems",
    metadata,
    _id("problem_id"),
    Column("patient_id", ID, nullable=False, index=True),
    Column("description", String(500), nullable=False),
    Column("icd10", String(16)),
    Column("status", String(16), nullable=False),
    Column("recorded_by", String(64), nullable=False),
    Column("recorded_at", String(32), nullable=False),
    Column("voided", Boolean, nullable=False, default=False),
)

stock_movements = Table(
    "stock_movements",
    metadata,
    _id("movement_id"),
    Column("movement_kind", String(16), nullable=False),
    Column("drug_code", String(64), nullable=False),
    Column("lot", String(64), nullable=False),
    Column("location_id", String(32), nullable=False),
    Column("quantity_delta", Float, nullable=False),
    Column("unit", String(16)),
    Column("expiry", String(10)),
    Column("patient_id", ID),
    Column("order_id", ID),
    Column("recorded_by", String(64), nullable=False),
    Column("recorded_at", String(32), nullable=False),
    Column("reason", Text),
    Column("voided", Boolean, nullable=False, default=False),
    Index("ix_stock_location_drug_lot", "location_id", "drug_code", "lot"),
)

review_flags = Table(
    "review_flags",
    metadata,
    Column("event_id", ID, primary_key=True),
    Column("flag_kind", String(32), primary_key=True),
    Column("patient_id", ID, index=True),
    Column("message", Text, nullable=False),
)

break_glass_grants = Table(
    "break_glass_grants",
    metadata,
    _id("grant_id"),
    Column("patient_id", ID, nullable=False, index=True),
    Column("user_id", String(64), nullable=False, index=True),
    Column("reason", Text, nullable=False),
    Column("granted_at", String(32), nullable=False),
    Column("expires_at", String(32), nullable=False),
)

# safety_tables is read only by its own modules (projector, safety_queries); imported here to join.
from workstation.projections import (  # noqa: E402 - they join metadata
    archive_tables,
    controlled_tables,
    infusion_tables,
    nursing_record_tables,  # noqa: F401 - read by its own modules; joins metadata
    opioid_tables,
    order_sheet_tables,
    pharmacy_tables,
    rights_tables,
    safety_tables,  # noqa: F401
    ward_tables,
)

# --- the nurse's station -------------------------------------------------------------------
# Extra facts of a dose (infusion end and volume, PRN indication and reassessment, early/late
# reason, adverse reaction), kept beside `administrations` so that replicas made before them
# (create_all adds tables, never columns) keep working. One row per administration that has any.
administration_details = Table(
    "administration_details",
    metadata,
    _id("administration_id"),
    Column("patient_id", ID, nullable=False, index=True),
    Column("end_at", String(32)),
    Column("amount_given_ml", Float),
    Column("prn_indication", String(200)),
    Column("reassess_at", String(32)),
    Column("early_late_reason", Text),
    Column("adverse_reaction", Text),
)

intake_output = Table(
    "intake_output",
    metadata,
    _id("entry_id"),
    Column("patient_id", ID, nullable=False),
    Column("direction", String(8), nullable=False),
    Column("category", String(16), nullable=False),
    Column("volume_ml", Float, nullable=False),
    Column("measured_at", String(32), nullable=False),
    Column("note", Text),
    Column("recorded_by", String(64), nullable=False),
    Column("voided", Boolean, nullable=False, default=False),
    Index("ix_intake_output_patient_measured", "patient_id", "measured_at"),
)

assessments = Table(
    "assessments",
    metadata,
    _id("assessment_id"),
    Column("patient_id", ID, nullable=False, index=True),
    Column("kind", String(32), nullable=False),
    Column("items", Text, nullable=False),  # JSON object: item code -> score or answer
    Column("total", Integer),
    Column("risk", String(32)),
    Column("assessed_at", String(32), nullable=False),
    Column("recorded_by", String(64), nullable=False),
    Column("voided", Boolean, nullable=False, default=False),
)

ward_receipts = Table(
    "ward_receipts",
    metadata,
    _id("receipt_id"),
    Column("patient_id", ID, nullable=False, index=True),
    Column("order_id", ID, index=True),
    Column("drug_code", String(64)),
    Column("lot", String(64), nullable=False),
    Column("quantity", Float, nullable=False),
    Column("unit", String(16)),
    Column("location_id", String(32)),
    Column("received_by", String(64), nullable=False),
    Column("received_at", String(32), nullable=False),
    Column("voided", Boolean, nullable=False, default=False),
)

bedside_checks = Table(
    "bedside_checks",
    metadata,
    _id("check_id"),
    Column("patient_id", ID, nullable=False, index=True),
    Column("order_id", ID, nullable=False, index=True),
    Column("wristband_code", String(128)),
    Column("drug_code_scanned", String(128)),
    Column("result", String(16), nullable=False),
    Column("unable_to_scan_reason", Text),
    Column("scheduled_for", String(32)),
    Column("checked_by", String(64), nullable=False),
    Column("checked_at", String(32), nullable=False),
    Column("voided", Boolean, nullable=False, default=False),
)

handoffs = Table(
    "handoffs",
    metadata,
    _id("handoff_id"),
    Column("patient_id", ID, nullable=False, index=True),
    Column("style", String(8), nullable=False),
    Column("text", Text, nullable=False),
    Column("recorded_by", String(64), nullable=False),
    Column("recorded_at", String(32), nullable=False),
    Column("voided", Boolean, nullable=False, default=False),
)

NURSING_TABLES = (intake_output, assessments, ward_receipts, bedside_checks, handoffs)

# Tables whose rows are created by one event and can be voided by a later EventVoided.
VOIDABLE = (
    notes,
    note_addenda,
    orders,
    administrations,
    vitals,
    lab_results,
    allergies,
    allergy_reviews,
    problems,
    stock_movements,
    pharmacy_tables.order_change_requests,
    opioid_tables.opioid_tolerance,
    *NURSING_TABLES,
    *controlled_tables.CONTROLLED_TABLES,
    *order_sheet_tables.ORDER_SHEET_TABLES,
    *infusion_tables.INFUSION_TABLES,
)
PATIENT_TABLES = (
    allergy_reviews,
    notes,
    note_addenda,
    orders,
    administrations,
    vitals,
    lab_results,
    allergies,
    problems,
    break_glass_grants,
    pharmacy_tables.order_change_requests,
    administration_details,
    opioid_tables.opioid_tolerance,
    *NURSING_TABLES,
    *archive_tables.ARCHIVE_TABLES,
    rights_tables.order_signoffs,
    *controlled_tables.CONTROLLED_TABLES,
    *order_sheet_tables.ORDER_SHEET_TABLES,
    ward_tables.front_sheets,
    *infusion_tables.INFUSION_TABLES,
)

# Read-path indexes (migration 0004): patient search by prefix ranges, admitted patients first,
# record numbers by their lower-case form; a chart's newest rows of each section first.
SEARCH_INDEXES = (
    Index(
        "ix_patients_status_record_lower", patients.c.status, func.lower(patients.c.record_number)
    ),
    Index("ix_patients_status_name", patients.c.status, patients.c.name),
    Index("ix_patients_status_initials", patients.c.status, patients.c.name_initials),
    Index("ix_patients_status_pinyin", patients.c.status, patients.c.name_pinyin),
)
CHART_INDEXES = (
    Index("ix_notes_patient_signed", notes.c.patient_id, notes.c.signed_at),
    Index("ix_notes_patient_type_signed", notes.c.patient_id, notes.c.note_type, notes.c.signed_at),
    Index("ix_orders_patient_placed", orders.c.patient_id, orders.c.placed_at),
    Index(
        "ix_administrations_patient_given",
        administrations.c.patient_id,
        administrations.c.administered_at,
    ),
    Index("ix_lab_results_patient_resulted", lab_results.c.patient_id, lab_results.c.resulted_at),
)
# FHIR paging (migration 0025): a patient's rows in key order, so a page of a search or of
# $everything reads its 200 rows from the index instead of sorting the patient's 20,000.
FHIR_INDEXES = (
    Index("ix_vitals_patient_key", vitals.c.patient_id, vitals.c.vitals_id),
    Index("ix_lab_results_patient_key", lab_results.c.patient_id, lab_results.c.result_id),
    Index("ix_orders_patient_key", orders.c.patient_id, orders.c.order_id),
    Index(
        "ix_administrations_patient_key",
        administrations.c.patient_id,
        administrations.c.administration_id,
    ),
    Index("ix_notes_patient_key", notes.c.patient_id, notes.c.note_id),
)

"""The closed vocabularies of the ward: roles, order kinds and states, outcomes."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """What a user is allowed to do is decided by their role (see security.policy)."""

    PHYSICIAN = "physician"
    TRAINEE_PHYSICIAN = "trainee_physician"
    NURSE = "nurse"
    PHARMACIST = "pharmacist"
    LAB = "lab"
    ADMIN = "admin"
    PRIVACY_OFFICER = "privacy_officer"  # reads break-the-glass alerts and the audit, no chart
    INTERFACE = "interface"  # the hospital's systems (HIS, LIS) speaking HL7 v2 through the server
    HEAD_NURSE = "head_nurse"  # 护士长: a nurse who also runs her wards (dashboards, roster)
    DEPARTMENT_DIRECTOR = "department_director"  # 科主任: a physician who also runs his wards
    MEDICAL_AFFAIRS = "medical_affairs"  # 医务科: every ward's dashboards and boards, no chart


class Sex(StrEnum):
    """Administrative sex as recorded at admission."""

    FEMALE = "female"
    MALE = "male"
    UNKNOWN = "unknown"


class Acuity(StrEnum):
    """Illness grade used by Chinese wards for note deadlines (病危 / 病重 / stable)."""

    CRITICAL = "critical"  # 病危
    SERIOUS = "serious"  # 病重
    STABLE = "stable"


class PatientStatus(StrEnum):
    """Where the patient stands in the admission."""

    ADMITTED = "admitted"
    DISCHARGED = "discharged"


class OrderKind(StrEnum):
    """The four kinds of order a doctor signs."""

    MEDICATION = "medication"
    LAB = "lab"
    IMAGING = "imaging"
    NURSING = "nursing"


class OrderStatus(StrEnum):
    """States of the order lifecycle (see domain.order_lifecycle)."""

    # signed by a prescriber who may not sign it alone (a trainee, a right lacking) or a special-tier
    # antibiotic before its approval: not on the MAR, not in the pharmacy queue (rights_projector)
    AWAITING_COSIGN = "awaiting_cosign"
    PLACED = "placed"  # signed by the prescriber, waiting for pharmacy when medication
    VERIFIED = "verified"  # verified by a pharmacist: becomes due doses on the MAR
    REJECTED = "rejected"  # refused by the pharmacist, with a reason
    DISCONTINUED = "discontinued"  # stopped by a prescriber
    COMPLETED = "completed"  # a one-off order fulfilled, or a lab/imaging order resulted


class AdministrationOutcome(StrEnum):
    """What happened at the bedside for one dose."""

    GIVEN = "given"
    HELD = "held"
    REFUSED = "refused"
    NOT_GIVEN = "not_given"


class NoteType(StrEnum):
    """Record types of Chinese inpatient charts, plus nursing notes."""

    ADMISSION = "admission_note"
    FIRST_PROGRESS = "first_progress_note"
    DAILY_PROGRESS = "daily_progress_note"
    WARD_ROUND = "ward_round_note"
    DISCHARGE_SUMMARY = "discharge_summary"
    NURSING = "nursing_note"
    CONSULTATION = "consultation_note"  # 会诊记录 (会诊制度)


class AllergySeverity(StrEnum):
    """How bad the recorded reaction was."""

    MILD = "mild"
    MODERATE = "moderate"
    SEVERE = "severe"
    UNKNOWN = "unknown"

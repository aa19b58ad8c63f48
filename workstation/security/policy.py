"""The permission matrix: which role may record which event, checked by the server for every event."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from workstation.domain.enums import OrderKind, Role

# An archived record (病案归档) is changed only under an unlock its author asked for.
_CLINICAL_COMMON = frozenset({
    "AllergyRecorded", "BreakGlassInvoked", "EventVoided", "RecordUnlockRequested",
    "NoKnownAllergiesRecorded", "AllergyCheckOverridden",
    "AdverseEventReported",  # any clinician reports an adverse event, from any screen
})  # fmt: skip
# The medical-records office (医务科 / 病案室) archives records and approves or denies unlocks.
_RECORDS_OFFICE = frozenset({"RecordArchived", "RecordUnlockApproved", "RecordUnlockDenied"})
# The nurse's station's own facts (fluid balance, assessments, ward receipt, bedside scan, handoff).
_NURSING = frozenset({
    "IntakeOutputRecorded", "AssessmentRecorded", "WardReceived", "BedsideChecked",
    "HandoffRecorded", "WardHandoverSigned", "WardHandoverReceived",  # 交接班报告
})  # fmt: skip

# The order sheet: the doctor signs a verbal order afterwards and reorganises the sheet (重整医嘱);
# the nurse checks (核对) new and stopped orders (order_sheet_events).
_ORDER_SHEET_DOCTOR = frozenset({"VerbalOrderSigned", "OrderSheetReorganised"})
# The ward's core safety systems (医疗质量安全核心制度要点 2018). 危急值报告制度: the laboratory
# reports, a nurse (or doctor) receives with read-back and notifies the doctor, a doctor
# acknowledges with the action taken. 分级护理制度: only a doctor orders the level (WS/T 431-2013);
# the nurse assesses the Barthel index and records the rounds. 会诊制度: a doctor requests and
# writes the 会诊记录; the consultant's arrival may be recorded by the ward's nurse too.
_SAFETY_DOCTOR = frozenset({
    "CriticalValueReceived", "CriticalValueAcknowledged", "NursingLevelOrdered",
    "ConsultationRequested", "ConsultantArrived", "ConsultationRecorded",
})  # fmt: skip
_SAFETY_NURSE = frozenset({
    "CriticalValueReceived", "CriticalValueDoctorNotified", "BarthelAssessed",
    "NursingRoundRecorded", "ConsultantArrived",
})  # fmt: skip

PERMISSIONS: dict[Role, frozenset[str]] = {
    Role.PHYSICIAN: _CLINICAL_COMMON | {
        "PatientAdmitted", "PatientTransferred", "DemographicsUpdated", "PatientDischarged",
        "NoteSigned", "NoteAddended", "NoteCosigned", "OrderPlaced", "OrderDiscontinued",
        "OrderCompleted", "ProblemRecorded", "ProblemResolved", "VitalsRecorded",
        "OutpatientPrescribed",
        "IntakeOutputRecorded", "HandoffRecorded", "OpioidToleranceRecorded", *_ORDER_SHEET_DOCTOR,
        "OrderCosigned", "AntibioticApproved",  # the server checks the rights (push_rights)
        "FrontSheetSaved",  # 住院病案首页
    } | _SAFETY_DOCTOR,
    Role.TRAINEE_PHYSICIAN: _CLINICAL_COMMON | _SAFETY_DOCTOR | {
        "NoteSigned", "NoteAddended", "OrderPlaced", "OrderDiscontinued", "ProblemRecorded",
        "ProblemResolved", "VitalsRecorded", "IntakeOutputRecorded", "HandoffRecorded",
    },
    Role.NURSE: _CLINICAL_COMMON | _NURSING | _SAFETY_NURSE | {
        "PatientTransferred", "NoteSigned", "NoteAddended", "OrderPlaced", "OrderCompleted",
        "MedicationAdministered", "VitalsRecorded", "StockReceived", "OrderChecked",
        "SkinTestRecorded", "EmptyAmpouleReturned", "ControlledDrugDestroyed",
        "NursingRecordWritten",  # 护理记录: the nurse's own signed rows only
        "InfusionRoundRecorded",  # 输液巡视: the nurse's own round
    },
    Role.PHARMACIST: (_CLINICAL_COMMON - {"RecordUnlockRequested"}) | {
        "OrderVerified", "OrderRejected", "Dispensed", "StockReceived", "StockAdjusted",
        "OrderChangeRequested", "OutpatientPrescribed", "OutpatientHandedOver",
        "EmptyAmpouleReturned", "ControlledDrugDestroyed",
    },
    Role.LAB: frozenset({"LabResulted", "OrderCompleted", "EventVoided", "CriticalValueReported"}),
    Role.ADMIN: _RECORDS_OFFICE | {
        "FrontSheetSaved",  # the records office's coder (病案编码员) corrects the codes
        "AdverseEventReported",
        "PatientAdmitted", "PatientTransferred", "DemographicsUpdated", "PatientDischarged",
        "StockReceived", "StockAdjusted",
    },
    # The HL7 interface (workstation.server.hl7_inbound) records what the HIS and the LIS send:
    # admission, transfer and discharge (入出转), demographics, allergies, diagnoses, results.
    Role.INTERFACE: frozenset({
        "PatientAdmitted", "PatientTransferred", "DemographicsUpdated", "PatientDischarged",
        "DischargeCancelled", "AllergyRecorded", "ProblemRecorded", "LabResulted",
        "CriticalValueReported",  # the LIS's LL/HH or the hospital's limits (危急值报告制度)
        "OrderTransmitted",  # an order sent to the LIS or PACS and its answer (hl7_outbound)
    }),
    # The privacy officer records no clinical fact and reads no chart: alerts and audit only.
    Role.PRIVACY_OFFICER: frozenset(),
    # The medical affairs office (医务科) runs the hospital's quality work from dashboards and
    # boards: it records no clinical fact and reads no chart (PIPL Art. 6, the minimum necessary).
    Role.MEDICAL_AFFAIRS: frozenset(),
}  # fmt: skip

# The ward's managers keep the clinical rights of their profession: a head nurse (护士长) is a
# nurse, a department director (科主任) a physician; what they add is the running of their wards.
CLINICAL_ROLES: dict[Role, Role] = {
    Role.HEAD_NURSE: Role.NURSE,
    Role.DEPARTMENT_DIRECTOR: Role.PHYSICIAN,
}
PERMISSIONS.update({manager: PERMISSIONS[base] for manager, base in CLINICAL_ROLES.items()})

# Order kinds a role may place; a nurse records nursing orders only (never a medication order).
ORDER_KINDS: dict[Role, frozenset[str]] = {
    Role.PHYSICIAN: frozenset(OrderKind),
    Role.TRAINEE_PHYSICIAN: frozenset(OrderKind),
    Role.NURSE: frozenset({OrderKind.NURSING}),
}
ORDER_KINDS.update({manager: ORDER_KINDS[base] for manager, base in CLINICAL_ROLES.items()})

# Note types a role may sign.
NURSE_NOTE_TYPES = frozenset({"nursing_note"})

# Roles that serve the whole hospital rather than one ward (pharmacy, laboratory, and the
# administration, whose medical-records office archives every ward's discharged records).
HOSPITAL_WIDE_ROLES = frozenset(
    {Role.PHARMACIST.value, Role.LAB.value, Role.ADMIN.value, Role.INTERFACE.value}
)
# Roles that admit to any ward (the HIS decides admissions for the whole hospital).
ADMITS_TO_ANY_WARD = frozenset({Role.INTERFACE.value})

# The quality office (医务科/质控科) reads every adverse-event report with its reporter, and
# answers the staff's anonymous feedback: the medical affairs office, and the administration.
QUALITY_OFFICE_ROLES = frozenset({Role.ADMIN.value, Role.MEDICAL_AFFAIRS.value})

# Who reads the management dashboards, and over which wards (dashboard_wards).
MANAGER_ROLES = frozenset(
    {Role.HEAD_NURSE.value, Role.DEPARTMENT_DIRECTOR.value, Role.MEDICAL_AFFAIRS.value}
)
# Roles that read no chart at all: the privacy officer (alerts and audit) and medical affairs
# (dashboards and boards, which hold counts, never a patient).
NO_CHART_ROLES = frozenset({Role.PRIVACY_OFFICER.value, Role.MEDICAL_AFFAIRS.value})

# Roles that read charts through the FHIR API (server.fhir_api), with the sync API's ward scope:
# everyone but the privacy officer, who reads alerts and the audit, never a chart.
FHIR_READER_ROLES = frozenset(r.value for r in Role) - NO_CHART_ROLES
# Roles that read and acknowledge the break-the-glass alerts (server.alerts_api).
ALERT_REVIEWERS = frozenset({Role.PRIVACY_OFFICER.value, Role.ADMIN.value})
# Reading (pull, history, digest, lookup): a hospital-wide role reads every ward; anyone else
# reads only the wards that are both theirs and the device's (a CARD nurse on a RESP station
# reads neither ward there), plus the patients of their running break-the-glass grants.
# Registering a device: a hospital-wide role to any ward, anyone else to one of their wards.


def reading_wards(
    role: str, user_wards: Iterable[str], device_wards: Iterable[str]
) -> frozenset[str] | None:
    """The wards a user reads on a device; None means every ward (a hospital-wide role)."""
    if role in HOSPITAL_WIDE_ROLES:
        return None
    return frozenset(user_wards) & frozenset(device_wards)


def clinical_role(role: str) -> str:
    """The profession whose clinical rights a role has: a head nurse is a nurse, a department
    director a physician; any other role is its own."""
    try:
        return CLINICAL_ROLES.get(Role(role), Role(role)).value
    except ValueError:
        return role


def dashboard_wards(role: str, user_wards: Iterable[str]) -> frozenset[str] | None:
    """The wards whose dashboards a user reads: None means the whole hospital (medical affairs),
    a head nurse or department director reads their own wards, anyone else none."""
    if role == Role.MEDICAL_AFFAIRS.value:
        return None
    if role in MANAGER_ROLES:
        return frozenset(user_wards)
    return frozenset()


def device_ward_problem(role: str, user_wards: Iterable[str], ward_id: str) -> str | None:
    """Why a user may not register a device to `ward_id`, or None when they may."""
    if role in HOSPITAL_WIDE_ROLES or ward_id in set(user_wards):
        return None
    return f"a {role} of {', '.join(sorted(user_wards)) or 'no ward'} may not register a device to {ward_id}"


# Event types that make sense for a patient outside the user's wards only under break-the-glass.
UNSCOPED_TYPES = frozenset({"BreakGlassInvoked", "StockReceived", "StockAdjusted", "Dispensed"})


def permission_problem(role: str, event_type: str, payload: dict[str, Any]) -> str | None:
    """Why a user of `role` may not record this event, or None when they may."""
    try:
        as_role = Role(role)
    except ValueError:
        return f"unknown role {role!r}"
    if event_type not in PERMISSIONS[as_role]:
        return f"a {as_role.value} may not record {event_type}"
    if event_type == "OrderPlaced":
        return _order_problem(as_role, payload)
    if (
        event_type == "NoteSigned"
        and as_role is Role.NURSE
        and payload.get("note_type") not in NURSE_NOTE_TYPES
    ):
        return "a nurse may sign nursing notes only"
    return None


def _order_problem(role: Role, payload: dict[str, Any]) -> str | None:
    """A nurse places nursing orders, and any order only as a verbal order in a rescue (病历书写基本规范
    2010 Art. 26); only a nurse takes a verbal order."""
    verbal = payload.get("verbal_from") is not None
    if verbal and role is not Role.NURSE:
        return "only a nurse takes a verbal order (the doctor who gave it signs it afterwards)"
    if verbal and payload.get("urgent"):
        return None
    if payload.get("order_kind") not in ORDER_KINDS.get(role, ()):
        return f"a {role.value} may not sign a {payload.get('order_kind')} order"
    return None

"""The demo ward's core safety systems: every patient at a nursing level (分级护理, WS/T 431-2013)
with a Barthel assessment and the rounds of the last hours (one 一级 patient's round overdue),
open critical values (危急值) reported through the same entry point the HL7 ORU path uses, one
already acknowledged with its 病程 entry, and consultations (会诊), one still pending.

The values here are an invented course (not reference data); the potassium of 6.9 mmol/L is
flagged HH by the demo laboratory, whose panic limits it stands for."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from workstation.clinical.ward_safety import WardSafetySettings
from workstation.clock import iso
from workstation.server.demo_critical import report_critical
from workstation.server.demo_events import DemoLog
from workstation.server.demo_patient import PatientCase

LEVEL_BY_ACUITY = {"critical": "special", "serious": "first", "stable": "second"}
DAY = timedelta(hours=30)  # long enough ago for the demo's day-old requests
ROUND_HOURS_SHOWN = 6  # rounds are written for the last hours only (the demo stays small)
BARTHEL_INDEPENDENT = {"feeding": 10, "bathing": 5, "grooming": 5, "dressing": 10, "bowels": 10,
                       "bladder": 10, "toilet_use": 10, "transfers": 15, "mobility": 15,
                       "stairs": 10}  # fmt: skip
BARTHEL_DEPENDENT = {"feeding": 5, "bathing": 0, "grooming": 0, "dressing": 5, "bowels": 10,
                     "bladder": 10, "toilet_use": 5, "transfers": 10, "mobility": 5,
                     "stairs": 0}  # fmt: skip


def record_ward_safety(log: DemoLog, cases: list[PatientCase]) -> None:
    """Nursing levels and rounds for every patient, critical values and consultations."""
    settings = WardSafetySettings.load()
    for index, case in enumerate(cases):
        level = _level_of(case, index)
        _nursing_level(log, case, level, settings, overdue=(level == "first" and index % 5 == 1))
    for ward in sorted({c.ward_id for c in cases}):
        # patients in for more than a day (cases are sorted by admission)
        ward_cases = [c for c in cases if c.ward_id == ward and log.now - c.admitted_at > DAY]
        _critical_potassium(log, ward_cases[-1], hours_ago=3, acknowledged=False)
        _critical_potassium(log, ward_cases[-2], hours_ago=20, acknowledged=True)
        _consultations(log, ward_cases[-3], ward)


def _level_of(case: PatientCase, index: int) -> str:
    if index % 7 == 3:
        return "third"  # a self-caring patient (Barthel 100) so that every level is on the ward
    return LEVEL_BY_ACUITY.get(case.acuity, "second")


def _nursing_level(log: DemoLog, case: PatientCase, level: str, settings: WardSafetySettings,
                   *, overdue: bool) -> None:  # fmt: skip
    ordered = case.admitted_at + timedelta(minutes=20)
    log.add(ordered, "NursingLevelOrdered", author=case.staff.physician, patient_id=case.patient_id,
            payload={"level": level, "ordered_at": iso(ordered)})  # fmt: skip
    items = BARTHEL_DEPENDENT if level in ("special", "first") else BARTHEL_INDEPENDENT
    assessed = ordered + timedelta(minutes=25)
    log.add(assessed, "BarthelAssessed", author=case.staff.nurse, patient_id=case.patient_id,
            payload={"items": items, "total": sum(items.values()), "assessed_at": iso(assessed)})  # fmt: skip
    interval = settings.round_interval[level] or timedelta(hours=1)
    seen = max(ordered, log.now - timedelta(hours=ROUND_HOURS_SHOWN))
    last = log.now - (timedelta(minutes=75) if overdue else timedelta(minutes=10))
    while seen < last:
        seen += interval
        moment = min(seen, last)
        log.add(moment, "NursingRoundRecorded", author=case.staff.nurse,
                patient_id=case.patient_id, payload={"seen_at": iso(moment)})  # fmt: skip


def _critical_potassium(log: DemoLog, case: PatientCase, *,
                        hours_ago: float, acknowledged: bool) -> None:  # fmt: skip
    resulted = log.now - timedelta(hours=hours_ago)
    payload = {"test_code": "K", "test_name": "钾" if case.lang == "zh" else "Potassium",
               "value": "6.90", "numeric_value": 6.9, "unit": "mmol/L", "reference_low": 3.5,
               "reference_high": 5.3, "flag": "HH", "resulted_at": iso(resulted)}  # fmt: skip
    result_id = log.add(resulted, "LabResulted", author=case.staff.lab, patient_id=case.patient_id,
                        payload=payload)  # fmt: skip
    critical_id = report_critical(log, result_id, patient_id=case.patient_id,
                                  lab_user=case.staff.lab, at=resulted, payload=payload)  # fmt: skip
    _received_and_notified(log, case, critical_id, resulted)
    if acknowledged and critical_id:
        _acknowledge(log, case, critical_id, resulted + timedelta(minutes=9))


def _received_and_notified(log: DemoLog, case: PatientCase, critical_id: str | None,
                           resulted: datetime) -> None:  # fmt: skip
    if critical_id is None:
        return
    received, notified = resulted + timedelta(minutes=3), resulted + timedelta(minutes=5)
    log.add(received, "CriticalValueReceived", author=case.staff.nurse, patient_id=case.patient_id,
            payload={"critical_id": critical_id, "received_at": iso(received), "read_back": True,
                     "read_back_text": "钾 6.90 mmol/L"})  # fmt: skip
    log.add(notified, "CriticalValueDoctorNotified", author=case.staff.nurse,
            patient_id=case.patient_id, payload={"critical_id": critical_id,
            "doctor_id": case.staff.physician, "notified_at": iso(notified)})  # fmt: skip


def _acknowledge(log: DemoLog, case: PatientCase, critical_id: str, at: datetime) -> None:
    action = ("复查血钾，心电监护，予葡萄糖酸钙及胰岛素+葡萄糖" if case.lang == "zh" else
              "Repeat potassium, cardiac monitoring, calcium gluconate and insulin-dextrose")  # fmt: skip
    note_id = log.add(at, "NoteSigned", author=case.staff.physician, patient_id=case.patient_id,
                      payload={"note_type": "daily_progress_note", "title": "危急值处理记录",
                               "text": f"危急值: 钾 6.90 mmol/L (HH)。处理: {action}"})  # fmt: skip
    payload: dict[str, Any] = {"critical_id": critical_id, "action": action,
                               "acknowledged_at": iso(at), "note_id": note_id}  # fmt: skip
    log.add(at, "CriticalValueAcknowledged", author=case.staff.physician,
            patient_id=case.patient_id, payload=payload)  # fmt: skip


def _consultations(log: DemoLog, case: PatientCase, ward: str) -> None:
    department = "肾内科" if ward == "CARD" else "心内科"
    asked = log.now - timedelta(hours=2)
    log.add(asked, "ConsultationRequested", author=case.staff.physician, patient_id=case.patient_id,
            payload={"urgency": "routine", "department": department, "requested_at": iso(asked),
                     "question": "请协助评估肾功能及用药调整。"})  # fmt: skip
    urgent = log.now - timedelta(hours=26)
    consult_id = log.add(urgent, "ConsultationRequested", author=case.staff.physician,
                         patient_id=case.patient_id, payload={"urgency": "emergency",
                         "department": "ICU", "requested_at": iso(urgent),
                         "question": "血压下降，请协助评估是否转入ICU。"})  # fmt: skip
    if consult_id is None:
        return
    arrived = urgent + timedelta(minutes=8)
    log.add(arrived, "ConsultantArrived", author=case.staff.nurse, patient_id=case.patient_id,
            payload={"consultation_id": consult_id, "arrived_at": iso(arrived),
                     "consultant": "ICU 值班医师"})  # fmt: skip
    note_id = log.add(arrived + timedelta(minutes=30), "NoteSigned", author=case.staff.physician,
                      patient_id=case.patient_id, payload={"note_type": "consultation_note",
                      "title": "ICU会诊记录", "text": "暂不需转入ICU，继续补液观察。"})  # fmt: skip
    if note_id:
        log.add(arrived + timedelta(minutes=31), "ConsultationRecorded",
                author=case.staff.physician, patient_id=case.patient_id,
                payload={"consultation_id": consult_id, "note_id": note_id})  # fmt: skip

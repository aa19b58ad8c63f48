"""The demo ward's nursing records (护理记录): for each ward, a 病危 patient's 危重患者护理记录
every two hours over the last day and a half (vitals, pupils, IV and oral intake, urine and drain
output, measures and effect; one row corrected by its nurse), so that the 24-hour and shift totals
have something to add up, and a stable patient's 一般护理记录 of a few rows.

The course is invented for the demo (not reference data)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from workstation.clock import iso
from workstation.server.demo_events import DemoLog
from workstation.server.demo_patient import PatientCase

HOURS_SHOWN = 36
EVERY = timedelta(hours=2)
TEXT = {
    "zh": {"obs": "神志清，精神差，心电监护示窦性心动过速", "measures": "遵医嘱补液，吸氧 3 L/min，记录每小时尿量",
           "effect": "尿量增加，血压回升", "pupils": "等大等圆 3mm，对光反射灵敏",
           "general_obs": "患者诉夜间睡眠可，无胸闷", "general_measures": "协助床上活动，健康宣教",
           "general_effect": "能复述用药注意事项", "why": "尿量记错"},
    "en": {"obs": "Alert, looks unwell, monitor shows sinus tachycardia",
           "measures": "IV fluids as ordered, oxygen 3 L/min, hourly urine output",
           "effect": "Urine output up, blood pressure recovering", "pupils": "equal 3 mm, reactive",
           "general_obs": "Slept well, no chest tightness", "general_measures": "Mobilised in bed, teaching",
           "general_effect": "Repeats the medicine advice", "why": "urine volume mistyped"},
}  # fmt: skip


def record_nursing_records(log: DemoLog, cases: list[PatientCase]) -> None:
    """A 危重 record for a critically ill patient and a general one for a stable patient per ward."""
    for ward in sorted({c.ward_id for c in cases}):
        mine = [c for c in cases if c.ward_id == ward]
        critical = next((c for c in mine if c.acuity == "critical"), None)
        stable = next((c for c in mine if c.acuity == "stable"), None)
        if critical is not None:
            _critical_rows(log, critical)
        if stable is not None:
            _general_rows(log, stable)


def _critical_rows(log: DemoLog, case: PatientCase) -> None:
    words = TEXT[case.lang]
    at = max(case.admitted_at + timedelta(minutes=30), log.now - timedelta(hours=HOURS_SHOWN))
    step = 0
    while log.happened(at):
        observations = {"temperature_c": round(37.8 - 0.1 * (step % 4), 1), "pulse_bpm": 118 - 2 * step % 20,
                        "resp_rate": 22, "systolic_mmhg": 88 + step % 12, "diastolic_mmhg": 52,
                        "spo2_pct": 94, "consciousness": "A", "pupils": words["pupils"]}  # fmt: skip
        payload: dict[str, Any] = {"form": "critical", "written_at": iso(at), "observations": observations,
                   "intake": {"iv": 250, **({"oral": 100} if step % 2 else {})},
                   "output": {"urine": 60 + 10 * (step % 3), **({"drain": 20} if step % 3 == 0 else {})},
                   "observation_text": words["obs"] if step % 3 == 0 else None,
                   "measures": words["measures"] if step % 3 == 0 else None,
                   "effect": words["effect"] if step % 3 == 1 else None}  # fmt: skip
        payload = {k: v for k, v in payload.items() if v is not None}
        row_id = log.add(at, "NursingRecordWritten", author=case.staff.nurse,
                         patient_id=case.patient_id, payload=payload)  # fmt: skip
        if step == 2 and row_id:
            _correct(log, case, row_id, payload, at + timedelta(minutes=20), words["why"])
        at += EVERY
        step += 1


def _correct(log: DemoLog, case: PatientCase, row_id: str, payload: dict[str, Any],
             at: datetime, why: str) -> None:  # fmt: skip
    fixed = payload | {"output": {"urine": 120}, "supersedes_id": row_id, "correction_reason": why}
    log.add(at, "NursingRecordWritten", author=case.staff.nurse, patient_id=case.patient_id,
            payload=fixed)  # fmt: skip


def _general_rows(log: DemoLog, case: PatientCase) -> None:
    words = TEXT[case.lang]
    start = max(case.admitted_at + timedelta(hours=1), log.now - timedelta(hours=30))
    for hours, field, key in ((0, "observation_text", "general_obs"),
                              (8, "measures", "general_measures"), (20, "effect", "general_effect")):  # fmt: skip
        at = start + timedelta(hours=hours)
        payload = {"form": "general", "written_at": iso(at), field: words[key],
                   "observations": {"temperature_c": 36.6, "pulse_bpm": 76, "resp_rate": 18,
                                    "systolic_mmhg": 128, "diastolic_mmhg": 76}}  # fmt: skip
        log.add(at, "NursingRecordWritten", author=case.staff.nurse, patient_id=case.patient_id,
                payload=payload)  # fmt: skip

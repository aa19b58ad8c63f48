"""The demo laboratory's telephone to the ward: a result the entry point calls critical
(`clinical.ward_safety.critical_report`, the same the HL7 ORU path calls) is reported as a
CriticalValueReported right after it (危急值报告制度)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from workstation.clinical.ward_safety import WardSafetySettings, critical_report
from workstation.clock import iso
from workstation.events.envelope import Event
from workstation.server.demo_events import DEVICE_ID, DemoLog

DEMO_REPORTER = "检验科 王敏"  # the laboratory technologist who telephones the ward


def report_critical(log: DemoLog, result_id: str | None, *, patient_id: str, lab_user: str,
                    at: datetime, payload: dict[str, Any]) -> str | None:  # fmt: skip
    """Report a demo laboratory result as a critical value when the entry point says it is one
    (the same `critical_report` the HL7 ORU path calls); returns the critical value's id."""
    if result_id is None:
        return None
    result = Event(result_id, "LabResulted", patient_id, lab_user, DEVICE_ID, 0, iso(at), payload)
    report = critical_report(result, WardSafetySettings.load(), reporter=DEMO_REPORTER)
    if report is None:
        return None
    return log.add(at + timedelta(minutes=1), "CriticalValueReported", author=lab_user,
                   patient_id=patient_id, payload=report)  # fmt: skip

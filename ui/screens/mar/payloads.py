"""What the MAR form becomes: the MedicationAdministered and BedsideChecked payloads, Qt-free.

Reason lists are the ward's wording (not clinical numbers); the PRN reassessment delay is a
ward-policy default, set per hospital.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ui.screens.mar.doses import WINDOW, Dose
from workstation.clinical.schedule import AdministrationTimes
from workstation.clock import iso

PRN_REASSESS_AFTER = timedelta(minutes=60)  # ward policy default for a PRN's effect check

REASONS = {
    "held": (QT_TRANSLATE_NOOP("MarReasons", "Nil by mouth before a procedure"),
             QT_TRANSLATE_NOOP("MarReasons", "Outside the ordered parameter (e.g. pulse, blood pressure)"),
             QT_TRANSLATE_NOOP("MarReasons", "Held on the doctor's instruction")),
    "refused": (QT_TRANSLATE_NOOP("MarReasons", "Patient declined"),
                QT_TRANSLATE_NOOP("MarReasons", "Nausea or vomiting")),
    "not_given": (QT_TRANSLATE_NOOP("MarReasons", "Patient off the ward"),
                  QT_TRANSLATE_NOOP("MarReasons", "Drug not available on the ward"),
                  QT_TRANSLATE_NOOP("MarReasons", "No venous access")),
    "timing": (QT_TRANSLATE_NOOP("MarReasons", "Patient leaving the ward for a test"),
               QT_TRANSLATE_NOOP("MarReasons", "Drug arrived late from pharmacy"),
               QT_TRANSLATE_NOOP("MarReasons", "Emergency on the ward"),
               QT_TRANSLATE_NOOP("MarReasons", "Timed on the doctor's instruction")),
    "unable": (QT_TRANSLATE_NOOP("MarReasons", "Wristband damaged or missing"),
               QT_TRANSLATE_NOOP("MarReasons", "Drug barcode unreadable"),
               QT_TRANSLATE_NOOP("MarReasons", "Scanner not working"),
               QT_TRANSLATE_NOOP("MarReasons", "Emergency: no time to scan")),
}  # fmt: skip


def reasons(kind: str) -> list[str]:
    """The reason list for an outcome (held, refused, not_given), timing or unable."""
    return [QCoreApplication.translate("MarReasons", text) for text in REASONS[kind]]


def _t(text: str) -> str:
    return QCoreApplication.translate("MarForm", text)


@dataclass
class DoseForm:
    """What the nurse typed in the form."""

    outcome: str
    dose_value: str
    dose_unit: str
    route: str
    site: str
    time_text: str
    reason: str
    indication: str


def administered_at(time_text: str, now: datetime, times: AdministrationTimes) -> datetime:
    """The ward wall-clock HH:MM typed (today, or yesterday when it would be in the future)."""
    hours, minutes = (int(part) for part in time_text.split(":"))
    local_now = now.astimezone(times.zone)
    moment = local_now.replace(hour=hours, minute=minutes, second=0, microsecond=0)
    return moment - timedelta(days=1) if moment > now + timedelta(minutes=5) else moment


def outside_window(dose: Dose, at: datetime) -> bool:
    """True when a scheduled dose is given earlier or later than the window allows."""
    return dose.scheduled_for is not None and abs(dose.scheduled_for - at) > WINDOW


def administration_payload(
    dose: Dose, form: DoseForm, at: datetime
) -> tuple[dict[str, Any], str | None]:
    """(payload, None) when the form is complete, else (partial payload, the plain problem)."""
    payload: dict[str, Any] = {"order_id": dose.order_id, "outcome": form.outcome,
                               "administered_at": iso(at)}  # fmt: skip
    if dose.scheduled_for is not None:
        payload["scheduled_for"] = dose.scheduled_iso
    if form.outcome != "given":
        payload["reason"] = form.reason.strip()
        return payload, None if payload["reason"] else _t(
            "Choose or type the reason the dose was not given."
        )
    try:
        payload["dose_value"] = float(form.dose_value.replace(",", "."))
    except ValueError:
        return payload, _t("Type the dose given as a number.")
    if payload["dose_value"] <= 0:
        return payload, _t("Type the dose given as a number.")
    payload |= {"dose_unit": form.dose_unit, "route": form.route.strip()}
    if form.site.strip():
        payload["site"] = form.site.strip()
    if outside_window(dose, at):
        if not form.reason.strip():
            return payload, _t(
                "This dose is outside ±60 minutes of its time: choose or type a reason."
            )
        payload["early_late_reason"] = form.reason.strip()
    if dose.scheduled_for is None:
        if not form.indication.strip():
            return payload, _t("A PRN dose needs its indication (why it is given now).")
        payload["prn_indication"] = form.indication.strip()
        payload["reassess_at"] = iso(at + PRN_REASSESS_AFTER)
    return payload, None


def bedside_payload(dose: Dose | None, order_id: str | None, result: str, *, wristband: str | None,
                    drug_code: str | None, unable_reason: str | None = None) -> dict[str, Any] | None:  # fmt: skip
    """The BedsideChecked fact of a scan (None when there is no order to name)."""
    order = order_id or (dose.order_id if dose else None)
    if order is None:
        return None
    payload: dict[str, Any] = {"order_id": order, "result": result}
    if wristband:
        payload["wristband_code"] = wristband
    if drug_code:
        payload["drug_code_scanned"] = drug_code
    if unable_reason:
        payload["unable_to_scan_reason"] = unable_reason
    if dose is not None and dose.scheduled_for is not None:
        payload["scheduled_for"] = dose.scheduled_iso
    return payload

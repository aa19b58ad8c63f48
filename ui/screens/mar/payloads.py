"""What the MAR form becomes: the MedicationAdministered payload, and the core's rules about it
(`workstation.clinical.bcma.administration_problems`) in the nurse's language.

Reason lists are the ward's wording (not clinical numbers); the administration window and the
PRN reassessment delay are the ward's settings (resources/settings/nursing.json).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from workstation.clinical.bcma import administration_problems
from workstation.clinical.mar import MarDose, MarRow, NursingSettings, is_early_or_late
from workstation.clinical.schedule import AdministrationTimes
from workstation.clock import iso

translate = QCoreApplication.translate

# The core's words for what a form lacks (bcma.administration_problems), in the nurse's language.
FORM_PROBLEMS = {
    "a high-alert drug needs a second nurse to check it": QT_TRANSLATE_NOOP(
        "MarForm", "High-alert drug: a second nurse must type their user name and password here."),
    "the second nurse must be another person": QT_TRANSLATE_NOOP(
        "MarForm", "The second nurse must be another person than you."),
    "an as-needed dose needs its indication": QT_TRANSLATE_NOOP(
        "MarForm", "A PRN dose needs its indication (why it is given now)."),
    "a dose given outside its time window needs a reason": QT_TRANSLATE_NOOP(
        "MarForm", "This dose is outside ±%1 minutes of its time: choose or type a reason."),
    "allergies not yet documented: a first dose needs them recorded, or a reason": QT_TRANSLATE_NOOP(
        "MarForm", "Allergies not yet documented: record them before this first dose, or type a "
        "reason to give it all the same."),
}  # fmt: skip

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


def form_problem(problem: str, settings: NursingSettings) -> str:
    """A core form problem in the nurse's language (the core's words when it has new ones)."""
    text = FORM_PROBLEMS.get(problem)
    if text is None:
        return problem
    minutes = int(settings.window.total_seconds() // 60)
    return QCoreApplication.translate("MarForm", text).replace("%1", str(minutes))


def administration_payload(
    row: MarRow, dose: MarDose, form: DoseForm, at: datetime, *, settings: NursingSettings
) -> tuple[dict[str, Any], str | None]:
    """(payload, None) when the form is filled in, else (partial payload, the plain problem).

    The clinical rules (second nurse, time window, PRN indication) are checked afterwards by
    `administration_problems` on the payload this returns."""
    payload: dict[str, Any] = {"order_id": dose.order_id, "outcome": form.outcome,
                               "administered_at": iso(at)}  # fmt: skip
    if dose.scheduled_for is not None:
        payload["scheduled_for"] = dose.scheduled_iso
    if form.outcome != "given":
        payload["reason"] = form.reason.strip()
        return payload, None if payload["reason"] else translate(
            "MarForm", "Choose or type the reason the dose was not given."
        )
    try:
        payload["dose_value"] = float(form.dose_value.replace(",", "."))
    except ValueError:
        return payload, translate("MarForm", "Type the dose given as a number.")
    if payload["dose_value"] <= 0:
        return payload, translate("MarForm", "Type the dose given as a number.")
    payload |= {"dose_unit": form.dose_unit, "route": form.route.strip()}
    if form.site.strip():
        payload["site"] = form.site.strip()
    late = dose.scheduled_for is not None and is_early_or_late(
        dose.scheduled_for, at, settings.window
    )
    if late and form.reason.strip():
        payload["early_late_reason"] = form.reason.strip()
    if row.prn:
        if form.indication.strip():
            payload["prn_indication"] = form.indication.strip()
        payload["reassess_at"] = iso(at + settings.prn_reassess)
    return payload, None


def first_form_problem(row: MarRow, dose: MarDose, payload: dict[str, Any], *, author_id: str,
                       settings: NursingSettings) -> str | None:  # fmt: skip
    """The first thing the core says the payload still lacks, in the nurse's language."""
    problems = administration_problems(row, dose, payload, author_id=author_id, settings=settings)
    return form_problem(problems[0], settings) if problems else None

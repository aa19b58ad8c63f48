"""Display of coded values and times: translated terms, ages, local short times."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, tzinfo
from functools import cache
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from workstation.clinical import lab_names, order_words
from workstation.clinical.allergy_names import allergen_name
from workstation.clinical.allergy_status import allergy_status
from workstation.clinical.formulary import default_formulary
from workstation.clinical.schedule import ward_clock
from workstation.clinical.stock import PHARMACY_STORE

_TERMS = {
    "male": QT_TRANSLATE_NOOP("Terms", "male"),
    "female": QT_TRANSLATE_NOOP("Terms", "female"),
    "unknown": QT_TRANSLATE_NOOP("Terms", "unknown"),
    "critical": QT_TRANSLATE_NOOP("Terms", "critical"),
    "serious": QT_TRANSLATE_NOOP("Terms", "serious"),
    "stable": QT_TRANSLATE_NOOP("Terms", "stable"),
    "mild": QT_TRANSLATE_NOOP("Terms", "mild"),
    "moderate": QT_TRANSLATE_NOOP("Terms", "moderate"),
    "severe": QT_TRANSLATE_NOOP("Terms", "severe"),
    "active": QT_TRANSLATE_NOOP("Terms", "active"),
    "resolved": QT_TRANSLATE_NOOP("Terms", "resolved"),
    "placed": QT_TRANSLATE_NOOP("Terms", "placed"),
    "awaiting_cosign": QT_TRANSLATE_NOOP("Terms", "awaiting co-signature"),
    "verified": QT_TRANSLATE_NOOP("Terms", "verified"),
    "rejected": QT_TRANSLATE_NOOP("Terms", "rejected"),
    "discontinued": QT_TRANSLATE_NOOP("Terms", "discontinued"),
    "completed": QT_TRANSLATE_NOOP("Terms", "completed"),
    "medication": QT_TRANSLATE_NOOP("Terms", "medication"),
    "lab": QT_TRANSLATE_NOOP("Terms", "lab"),
    "imaging": QT_TRANSLATE_NOOP("Terms", "imaging"),
    "nursing": QT_TRANSLATE_NOOP("Terms", "nursing"),
    "given": QT_TRANSLATE_NOOP("Terms", "given"),
    "held": QT_TRANSLATE_NOOP("Terms", "held"),
    "refused": QT_TRANSLATE_NOOP("Terms", "refused"),
    "not_given": QT_TRANSLATE_NOOP("Terms", "not given"),
    "admission_note": QT_TRANSLATE_NOOP("Terms", "admission note"),
    "first_progress_note": QT_TRANSLATE_NOOP("Terms", "first progress note"),
    "daily_progress_note": QT_TRANSLATE_NOOP("Terms", "daily progress note"),
    "ward_round_note": QT_TRANSLATE_NOOP("Terms", "ward round note"),
    "discharge_summary": QT_TRANSLATE_NOOP("Terms", "discharge summary"),
    "nursing_note": QT_TRANSLATE_NOOP("Terms", "nursing note"),
    "consultation_note": QT_TRANSLATE_NOOP("Terms", "consultation note"),
    # dispensing units of the formulary's forms, as the pick list and the counter count them
    "amp": QT_TRANSLATE_NOOP("Terms", "amp"),
    "bag": QT_TRANSLATE_NOOP("Terms", "bag"),
    "bottle": QT_TRANSLATE_NOOP("Terms", "bottle"),
    "cap": QT_TRANSLATE_NOOP("Terms", "cap"),
    "inhaler": QT_TRANSLATE_NOOP("Terms", "inhaler"),
    "pen": QT_TRANSLATE_NOOP("Terms", "pen"),
    "supp": QT_TRANSLATE_NOOP("Terms", "supp"),
    "syringe": QT_TRANSLATE_NOOP("Terms", "syringe"),
    "tab": QT_TRANSLATE_NOOP("Terms", "tab"),
    "vial": QT_TRANSLATE_NOOP("Terms", "vial"),
    "H": QT_TRANSLATE_NOOP("Terms", "high"),
    "L": QT_TRANSLATE_NOOP("Terms", "low"),
    "HH": QT_TRANSLATE_NOOP("Terms", "critically high"),
    "LL": QT_TRANSLATE_NOOP("Terms", "critically low"),
    "A": QT_TRANSLATE_NOOP("Terms", "abnormal"),
    "physician": QT_TRANSLATE_NOOP("Terms", "physician"),
    "nurse": QT_TRANSLATE_NOOP("Terms", "nurse"),
    "pharmacist": QT_TRANSLATE_NOOP("Terms", "pharmacist"),
    "admin": QT_TRANSLATE_NOOP("Terms", "admin"),
    "trainee_physician": QT_TRANSLATE_NOOP("Terms", "trainee physician"),
    "privacy_officer": QT_TRANSLATE_NOOP("Terms", "privacy officer"),
    "head_nurse": QT_TRANSLATE_NOOP("Terms", "head nurse"),
    "department_director": QT_TRANSLATE_NOOP("Terms", "department director"),
    "medical_affairs": QT_TRANSLATE_NOOP("Terms", "medical affairs"),
    "PatientAdmitted": QT_TRANSLATE_NOOP("Terms", "admission"),
    "PatientTransferred": QT_TRANSLATE_NOOP("Terms", "transfer"),
    "DemographicsUpdated": QT_TRANSLATE_NOOP("Terms", "patient details change"),
    "PatientDischarged": QT_TRANSLATE_NOOP("Terms", "discharge"),
    "NoteSigned": QT_TRANSLATE_NOOP("Terms", "signed note"),
    "NoteAddended": QT_TRANSLATE_NOOP("Terms", "note addendum"),
    "NoteCosigned": QT_TRANSLATE_NOOP("Terms", "note co-signature"),
    "OrderPlaced": QT_TRANSLATE_NOOP("Terms", "order"),
    "OrderDiscontinued": QT_TRANSLATE_NOOP("Terms", "order discontinued"),
    "MedicationAdministered": QT_TRANSLATE_NOOP("Terms", "medication administration"),
    "VitalsRecorded": QT_TRANSLATE_NOOP("Terms", "vital signs"),
    "AllergyRecorded": QT_TRANSLATE_NOOP("Terms", "allergy"),
    "ProblemRecorded": QT_TRANSLATE_NOOP("Terms", "problem"),
    "ProblemResolved": QT_TRANSLATE_NOOP("Terms", "problem resolved"),
    "EventVoided": QT_TRANSLATE_NOOP("Terms", "void"),
}


_CHECK_TERMS = {  # order-check severities and categories (workstation.clinical.checks.model)
    "critical": QT_TRANSLATE_NOOP("CheckTerms", "critical"),
    "warning": QT_TRANSLATE_NOOP("CheckTerms", "warning"),
    "info": QT_TRANSLATE_NOOP("CheckTerms", "info"),
    "drug-allergy": QT_TRANSLATE_NOOP("CheckTerms", "drug allergy"),
    "drug-drug": QT_TRANSLATE_NOOP("CheckTerms", "drug interaction"),
    "therapeutic-duplication": QT_TRANSLATE_NOOP("CheckTerms", "therapeutic duplication"),
    "dose-single": QT_TRANSLATE_NOOP("CheckTerms", "single dose"),
    "dose-daily": QT_TRANSLATE_NOOP("CheckTerms", "daily dose"),
    "renal": QT_TRANSLATE_NOOP("CheckTerms", "renal function"),
    "age": QT_TRANSLATE_NOOP("CheckTerms", "age"),
    "pregnancy": QT_TRANSLATE_NOOP("CheckTerms", "pregnancy"),
    "drug-lab": QT_TRANSLATE_NOOP("CheckTerms", "drug and lab result"),
    "drug-diagnosis": QT_TRANSLATE_NOOP("CheckTerms", "drug and diagnosis"),
}


def check_term(code: str) -> str:
    """An order check's severity or category in the user's language (a separate context from
    `term`: an alert's "critical" is not the patient acuity 病危)."""
    source = _CHECK_TERMS.get(code)
    return QCoreApplication.translate("CheckTerms", source) if source else code


def term(code: str | None) -> str:
    """A coded value in the user's language; unknown codes are shown as they are."""
    if code is None:
        return ""
    source = _TERMS.get(code)
    return QCoreApplication.translate("Terms", source) if source else code


def age_years(birth_date: str, today: date | None = None) -> int | None:
    """Completed years from an ISO birth date, or None when it cannot be read."""
    try:
        born = date.fromisoformat(birth_date)
    except (TypeError, ValueError):
        return None
    today = today or ward_today()
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def sex_age(sex: str, birth_date: str) -> str:
    """e.g. 'male, 74 y' / '男，74岁'."""
    age = age_years(birth_date)
    if age is None:
        return term(sex)
    return (
        QCoreApplication.translate("Terms", "%1, %2 y")
        .replace("%1", term(sex))
        .replace("%2", str(age))
    )


WEEKDAYS = (
    QT_TRANSLATE_NOOP("Terms", "Mon"), QT_TRANSLATE_NOOP("Terms", "Tue"),
    QT_TRANSLATE_NOOP("Terms", "Wed"), QT_TRANSLATE_NOOP("Terms", "Thu"),
    QT_TRANSLATE_NOOP("Terms", "Fri"), QT_TRANSLATE_NOOP("Terms", "Sat"),
    QT_TRANSLATE_NOOP("Terms", "Sun"),
)  # fmt: skip


def weekday_names() -> list[str]:
    """Monday to Sunday, short, in the user's language (周一 … 周日)."""
    return [QCoreApplication.translate("Terms", day) for day in WEEKDAYS]


def ward_zone() -> tzinfo:
    """The ward's clock (workstation.clinical.schedule.ward_clock), which the MAR, the worklist,
    the handoff and every printout use, so a PC left on another zone shows the same times."""
    return ward_clock()


def ward_today() -> date:
    """Today's date on the ward's clock (not the PC's zone, not UTC's)."""
    return datetime.now(ward_zone()).date()


def stay_days(admitted_at: str | None, today: date | None = None) -> int | None:
    """Length of stay: whole days from the admission date to today, both dates on the ward's
    clock (admitted at 23:30 ward time, the next morning is day 1), None when unknown."""
    if not admitted_at:
        return None
    try:
        moment = datetime.fromisoformat(admitted_at.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(ward_zone())
    return max(((today or ward_today()) - moment.date()).days, 0)


def stay_text(admitted_at: str | None) -> str:
    """The census cell: e.g. '3 d' / '3天' (blank when unknown)."""
    days = stay_days(admitted_at)
    if days is None:
        return ""
    return QCoreApplication.translate("Terms", "%1 d").replace("%1", str(days))


def local_time(stamp: str | None) -> str:
    """An ISO timestamp on the ward's clock, 'YYYY-MM-DD HH:MM' (blank when missing)."""
    if not stamp:
        return ""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    if moment.tzinfo is not None:
        moment = moment.astimezone(ward_zone())
    return moment.strftime("%Y-%m-%d %H:%M")


def number(value: float | int | None, digits: int = 1) -> str:
    """A measurement without trailing zeros (blank when missing)."""
    if value is None:
        return ""
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    return f"{value:.{digits}f}".rstrip("0").rstrip(".")


def user_language() -> str:
    """The language the user works in ('zh_CN' or 'en'): screens follow it, never the data's."""
    return QLocale().name()


def allergen(substance: str) -> str:
    """A recorded allergen as the screen names it: a class by its name in the user's language
    (a positive skin test records "penicillin": 青霉素类 / penicillins), typed words as typed."""
    return allergen_name(substance, user_language().startswith("zh"))


@cache
def _drug_names() -> dict[str, tuple[str, str]]:
    return {drug.code: (drug.name_en, drug.name_zh) for drug in default_formulary()}


def drug_name(order: Mapping[str, Any]) -> str:
    """An order's drug by its formulary name in the user's language (the recorded name for a
    drug the formulary does not know)."""
    return order_words.drug_name(order, user_language(), _drug_names())


def sig(order: Mapping[str, Any]) -> str:
    """Dose, route and frequency in the user's words, as the printouts write them."""
    return order_words.sig_text(order, user_language())


def order_text(order: Mapping[str, Any]) -> str:
    """An order in the user's language, as the printouts write it (workstation.clinical.order_words)."""
    return order_words.order_text(order, user_language(), name=drug_name)


def lab_name(result: Mapping[str, Any]) -> str:
    """A result's test name in the user's language (workstation.clinical.lab_names)."""
    return lab_names.lab_name(result, user_language())


def route_words(order: Mapping[str, Any]) -> str:
    """An order's route in the user's words (口服 / oral)."""
    return order_words.route_text(user_language(), order.get("route"))


def frequency_words(order: Mapping[str, Any]) -> str:
    """An order's frequency in the user's words, with "as needed" for a PRN order."""
    lang, frequency = user_language(), order.get("frequency")
    words = order_words.frequency_text(lang, frequency) if frequency else ""
    if order.get("prn") and frequency != "prn":
        words = f"{words} {order_words.frequency_text(lang, 'prn')}".strip()
    return words


_UNIT_WORDS = {"/min": QT_TRANSLATE_NOOP("Units", "/min")}  # 次/分, as the 体温单 prints it


def unit_words(unit: str) -> str:
    """A measurement's unit as the user's language writes it (°C, mmHg, % are the same in both)."""
    source = _UNIT_WORDS.get(unit)
    return QCoreApplication.translate("Units", source) if source else unit


PHARMACY_STORE_NAME = QT_TRANSLATE_NOOP("Terms", "pharmacy store")


def location_name(code: str, ward_name: str | None = None) -> str:
    """A stock location by its name: the pharmacy store, or a ward by its name (never PHARM or
    CARD); an unknown code as it is."""
    if code == PHARMACY_STORE:
        return QCoreApplication.translate("Terms", PHARMACY_STORE_NAME)
    return ward_name or code


def allergy_status_text(chart: Mapping[str, Any], names: Mapping[str, str] | None = None) -> str:
    """The allergy status in the one vocabulary (workstation.clinical.allergy_status), with who
    said "no known allergies" by name and when on the ward clock: every screen says it so."""
    known = names if names is not None else chart.get("user_names") or {}
    return allergy_status(chart).text(user_language(), when=local_time,
                                      name=lambda user: str(known.get(user, "")))  # fmt: skip

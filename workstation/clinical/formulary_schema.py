"""Validation of the formulary document: a bad entry is one clear error naming the entry and field."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from workstation.clinical.controlled import validation_problem as controlled_problem
from workstation.events.vocabulary import FREQUENCIES, ROUTES

_ATC = re.compile(r"[A-Z]\d{2}[A-Z]{2}\d{2}")
_ATC_GROUP = re.compile(r"[A-Z]\d{2}[A-Z]{2}")  # the 4th level, chemical subgroup (N07CA)
_CODE = re.compile(r"[a-z0-9_]+")
_REQUIRED_TEXT = ("code", "name_en", "name_zh", "pinyin", "default_unit")
_FORM_TEXT = ("form_en", "form_zh", "unit", "dispense_unit")
# checks.model.ANTIBIOTIC_TIERS (抗菌药物临床应用管理办法 Art. 6); spelled out here because the checks
# load the formulary (a test keeps the two equal)
ANTIBIOTIC_TIERS = ("non_restricted", "restricted", "special")


# dose ceilings: {value, unit, route?, source, local_review?}; the opioid-naive ones do not apply
# to a patient whose opioid tolerance a doctor has recorded
LIMIT_KEYS = (
    "max_single_dose", "max_daily_dose", "opioid_naive_single_dose", "opioid_naive_daily_dose",
    "max_cycle_dose",
)  # fmt: skip
# `usual_dose` {value, unit, source}: the usual single dose per kg or per m² where the label doses
# by body size (ORS 50 mL/kg); the tenfold check scales it by the patient's weight or BSA
# a limit per kg of body weight or per m² of body surface area (`mg/kg`, `mg/m2`); `max_cycle_dose`
# is the most of one course of `cycle_days` (an anticancer drug's cycle)
PER_BODY_SUFFIXES = ("/kg", "/m2")


def limit_base_unit(unit: str) -> str:
    """The dose unit of a limit without its per-kg or per-m² part (`mg/m2` -> `mg`)."""
    for suffix in PER_BODY_SUFFIXES:
        if unit.lower().endswith(suffix):
            return unit[: -len(suffix)]
    return unit


def class_atc(entry: Mapping[str, Any]) -> str:
    """The ATC code the class-based rules (duplication, interactions, allergy groups) match a drug
    by: its own 7-character code, or for a drug WHO's index does not list (difenidol, anisodamine)
    the nearest 5-character group the formulary names for it; "" when it has neither."""
    return str(entry.get("atc") or entry.get("atc_group") or "")


def _atc_problem(entry: Mapping[str, Any]) -> str | None:
    """A drug has a WHO ATC code, or none (`atc: null`) with the reason WHO's index lacks it and
    optionally its nearest group (`atc_group`, 5 characters) for the class-based rules."""
    atc, group = entry.get("atc"), entry.get("atc_group")
    if atc is not None:
        if not (isinstance(atc, str) and _ATC.fullmatch(atc)):
            return f"{atc!r} is not an ATC code"
        return "atc_group is only for a drug without an ATC code" if group is not None else None
    if not _text(entry.get("atc_reason")):
        return "is required, or null with atc_reason (why WHO's ATC index has no code for it)"
    if group is not None and not (isinstance(group, str) and _ATC_GROUP.fullmatch(group)):
        return f"atc_group {group!r} is not a 5-character ATC group (N07CA)"
    return None


class FormularyError(ValueError):
    """The formulary file cannot be used; the message names the entry and the field."""


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value > 0


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _items(value: Any) -> list[Any]:
    """An object or a list of objects (route-specific limits, tiered renal rules)."""
    return value if isinstance(value, list) else [value]


def _problems_of_limit(limit: Any, known_unit: Callable[[str], bool]) -> str | None:
    if not isinstance(limit, Mapping):
        return "must be an object {value, unit, route?, source}"
    if not _number(limit.get("value")):
        return "value must be a positive number"
    if not _text(limit.get("unit")) or not known_unit(limit_base_unit(str(limit["unit"]))):
        return f"unknown unit {limit.get('unit')!r}"
    if limit.get("cycle_days") is not None and not _number(limit["cycle_days"]):
        return "cycle_days must be a positive number"
    if limit.get("route") is not None and limit["route"] not in ROUTES:
        return f"unknown route {limit['route']!r}"
    if not isinstance(limit.get("local_review", False), bool):
        return "local_review must be true or false"
    indications = limit.get("for_icd10")
    if indications is not None and not (
        isinstance(indications, list) and indications and all(_text(c) for c in indications)
    ):
        return "for_icd10 must be a list of ICD-10 codes (the indications the limit is for)"
    return None if _text(limit.get("source")) else "source is required"


def _problems_of_note(name: str, note: Any) -> str | None:
    """renal, pregnancy or older_adults: advice and source, and the field's own keys."""
    if not isinstance(note, Mapping):
        return "must be an object or null"
    if not _text(note.get("advice")) or not _text(note.get("source")):
        return "advice and source are required"
    if name == "renal":
        return _problems_of_renal_tier(note)
    if name == "pregnancy" and note.get("risk") not in ("avoid", "caution"):
        return "risk must be avoid or caution"
    if name == "older_adults":
        if not _number(note.get("age_from")):
            return "age_from must be a positive number"
        if note.get("action", "avoid") not in ("avoid", "caution"):
            return "action must be avoid or caution"
    return None


def _problems_of_renal_tier(note: Mapping[str, Any]) -> str | None:
    """A renal tier: one threshold (`crcl_below` where the label speaks of creatinine
    clearance, `egfr_below` where of eGFR, `creatinine_above` where of serum creatinine in
    µmol/L) and an action."""
    keys = ("crcl_below", "egfr_below", "creatinine_above")
    thresholds = [key for key in keys if note.get(key) is not None]
    if len(thresholds) != 1 or not _number(note.get(thresholds[0])):
        return "one of crcl_below, egfr_below or creatinine_above must be a positive number"
    if note.get("action") not in ("avoid", "reduce"):
        return "action must be avoid or reduce"
    if note.get("inclusive") not in (None, True, False):
        return "inclusive must be true or false (the band includes its threshold)"
    routes = note.get("routes")
    if routes is not None and (not isinstance(routes, list) or not set(routes) <= set(ROUTES)):
        return "routes must be a list of known routes"
    return None


def _problems_of_equivalent(item: Any, known_unit: Callable[[str], bool]) -> str | None:
    """unit_equivalents: {amount, unit, equals, equals_unit, source} (1 g = 13.4 mmol)."""
    if not isinstance(item, Mapping):
        return "must be an object {amount, unit, equals, equals_unit, source}"
    if not (_number(item.get("amount")) and _number(item.get("equals"))):
        return "amount and equals must be positive numbers"
    for key in ("unit", "equals_unit"):
        if not _text(item.get(key)) or not known_unit(str(item[key])):
            return f"unknown {key} {item.get(key)!r}"
    return None if _text(item.get("source")) else "source is required"


def _problems_of_dose_note(note: Any) -> str | None:
    """dose_note: {text, text_zh, source}, e.g. insulin has no fixed maximum."""
    if not isinstance(note, Mapping):
        return "must be an object {text, text_zh, source} or null"
    missing = [k for k in ("text", "text_zh", "source") if not _text(note.get(k))]
    return f"{missing[0]} is required" if missing else None


def _problems_of_form(form: Any, known_unit: Callable[[str], bool]) -> str | None:
    if not isinstance(form, Mapping):
        return "must be an object"
    missing = [k for k in _FORM_TEXT if not _text(form.get(k))]
    if missing:
        return f"{missing[0]} is required"
    if not _number(form.get("strength")):
        return "strength must be a positive number"
    if not known_unit(form["unit"]):
        return f"unknown unit {form['unit']!r}"
    if form.get("volume_ml") is not None and not _number(form["volume_ml"]):
        return "volume_ml must be a positive number"
    return None


def _entry_problem(
    entry: Mapping[str, Any], known_unit: Callable[[str], bool]
) -> tuple[str, str] | None:
    """(field, problem) for the first thing wrong with one drug entry, or None."""
    for name in _REQUIRED_TEXT:
        if not _text(entry.get(name)):
            return name, "is required (non-empty text)"
    checks: list[tuple[str, bool, str]] = [
        ("code", bool(_CODE.fullmatch(entry["code"])), "lower-case letters, digits and _ only"),
        ("atc", _atc_problem(entry) is None, _atc_problem(entry) or ""),
        ("forms", isinstance(entry.get("forms"), list) and bool(entry["forms"]), "at least one form"),
        ("routes", isinstance(entry.get("routes"), list) and bool(entry["routes"])
         and all(r in ROUTES for r in entry["routes"]), f"must be route codes of {', '.join(ROUTES)}"),
        ("default_dose", _number(entry.get("default_dose")), "must be a positive number"),
        ("default_unit", known_unit(entry["default_unit"]), f"unknown unit {entry['default_unit']!r}"),
        ("default_frequency", entry.get("default_frequency") in FREQUENCIES,
         f"must be one of {', '.join(FREQUENCIES)}"),
        ("aliases", all(_text(a) for a in entry.get("aliases") or []), "must be non-empty texts"),
        ("classes", all(_text(c) and c == c.lower() for c in entry.get("classes") or []),
         "must be lower-case texts"),
        ("high_alert", isinstance(entry.get("high_alert", False), bool), "must be true or false"),
        ("antibiotic_tier", entry.get("antibiotic_tier") in (None, *ANTIBIOTIC_TIERS),
         f"must be one of {', '.join(ANTIBIOTIC_TIERS)}"),
    ]  # fmt: skip
    for name, ok, problem in checks:
        if not ok:
            return name, problem
    for index, form in enumerate(entry["forms"]):
        form_problem = _problems_of_form(form, known_unit)
        if form_problem:
            return f"forms[{index}]", form_problem
    return _notes_problem(entry, known_unit)


def _notes_problem(
    entry: Mapping[str, Any], known_unit: Callable[[str], bool]
) -> tuple[str, str] | None:
    for name in LIMIT_KEYS:
        for limit in _items(entry.get(name)) if entry.get(name) is not None else []:
            problem = _problems_of_limit(limit, known_unit)
            if problem:
                return name, problem
    usual = entry.get("usual_dose")
    if usual is not None:
        problem = _problems_of_limit(usual, known_unit) or _per_body_problem(usual)
        if problem:
            return "usual_dose", problem
    for name in ("renal", "pregnancy", "older_adults"):
        for note in _items(entry.get(name)) if entry.get(name) is not None else []:
            problem = _problems_of_note(name, note) or _problems_of_tier_doses(note, known_unit)
            if problem:
                return name, problem
    for index, item in enumerate(entry.get("unit_equivalents") or []):
        problem = _problems_of_equivalent(item, known_unit)
        if problem:
            return f"unit_equivalents[{index}]", problem
    note_problem = (
        None if entry.get("dose_note") is None else _problems_of_dose_note(entry["dose_note"])
    )
    if note_problem:
        return "dose_note", note_problem
    return controlled_problem(entry)


def _per_body_problem(usual: Mapping[str, Any]) -> str | None:
    """`usual_dose` is the label's dose per kg or per m² (ORS 50 mL/kg): a fixed usual dose is
    the default dose already."""
    if limit_base_unit(str(usual["unit"])) == usual["unit"]:
        return f"unit {usual['unit']!r} must be per kg or per m2 (mL/kg, mg/m2)"
    return None


def _problems_of_tier_doses(note: Any, known_unit: Callable[[str], bool]) -> str | None:
    """The adjusted dose of a renal or age tier is a limit like any other (value, unit, source)."""
    if not isinstance(note, Mapping):
        return None
    for key in ("max_single_dose", "max_daily_dose"):
        for limit in _items(note.get(key)) if note.get(key) is not None else []:
            problem = _problems_of_limit(limit, known_unit)
            if problem:
                return f"{key}: {problem}"
    return None


def validate_document(document: Any, *, known_unit: Callable[[str], bool]) -> None:
    """Raise FormularyError for the first bad entry (by code, or by position without one)."""
    if not isinstance(document, Mapping) or not isinstance(document.get("drugs"), list):
        raise FormularyError("formulary: a JSON object with a 'drugs' list is required")
    seen: set[str] = set()
    for index, entry in enumerate(document["drugs"]):
        where = f"drug #{index + 1}"
        if not isinstance(entry, Mapping):
            raise FormularyError(f"formulary {where}: must be an object")
        if _text(entry.get("code")):
            where = f"drug {entry['code']!r}"
        problem = _entry_problem(entry, known_unit)
        if problem:
            raise FormularyError(f"formulary {where}: field {problem[0]}: {problem[1]}")
        if entry["code"] in seen:
            raise FormularyError(f"formulary {where}: field code: duplicate code")
        seen.add(entry["code"])

"""Sort keys of the census columns: numbers as numbers (bed 2 before bed 10, NEWS2 9 above 10
only when asked), blanks always last whichever way the column is sorted."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ui.terms import age_years, stay_days

Patient = dict[str, Any]
LEVEL_RANK = {"special": 0, "first": 1, "second": 2, "third": 3}


def bed_key(patient: Patient) -> tuple[str, int, str]:
    """Ward, then the bed's number, then its text ("12", "12+")."""
    bed = patient.get("bed") or ""
    digits = "".join(ch for ch in bed if ch.isdigit())
    return (patient.get("ward_id") or "", int(digits) if digits else 10**9, bed)


def sort_patients(
    patients: list[Patient], key: Callable[[Patient], Any], descending: bool
) -> list[Patient]:
    """The rows sorted by `key` (ties by bed), the rows whose key is None last either way."""
    known = [p for p in patients if key(p) is not None]
    blank = sorted((p for p in patients if key(p) is None), key=bed_key)
    known.sort(key=bed_key)
    known.sort(key=key, reverse=descending)  # stable: ties keep the bed order
    return known + blank


def level_rank(patient: Patient) -> int | None:
    """特级 first, then level 1 to 3 (an unknown level after them)."""
    level = patient.get("nursing_level")
    return None if level is None else LEVEL_RANK.get(str(level), 9)


def notes_due_key(patient: Patient) -> tuple[int, int] | None:
    """Overdue notes count first, then the notes due."""
    due = patient.get("notes_due") or []
    return (sum(1 for item in due if item.overdue), len(due)) if due else None


def text_key(field: str) -> Callable[[Patient], str | None]:
    """A text column (blank last)."""
    return lambda patient: patient.get(field) or None


COLUMN_KEYS: dict[str, Callable[[Patient], Any]] = {
    "bed": bed_key,
    "name": lambda p: p.get("name_pinyin") or p.get("name") or None,
    "sex_age": lambda p: age_years(p["birth_date"]) if p.get("birth_date") else None,
    "notes_due": notes_due_key,
    "care_level": level_rank,
    "news2": lambda p: p.get("news2"),
    "stay": lambda p: stay_days(p.get("admitted_at")),
    "attending": text_key("attending_name"),
    "diagnosis": text_key("diagnosis"),
}

"""The staffing words shared by the roster page and the dashboard's staffing tab: shift names in
the user's language, nursing levels, and each warning with the standard it breaks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ui.terms import number, user_language
from workstation.clinical.order_words import chinese

LEVEL_WORDS = {
    "special": QT_TRANSLATE_NOOP("StaffingWords", "special care"),
    "first": QT_TRANSLATE_NOOP("StaffingWords", "level I"),
    "second": QT_TRANSLATE_NOOP("StaffingWords", "level II"),
    "third": QT_TRANSLATE_NOOP("StaffingWords", "level III"),
}


def tr(text: str) -> str:
    """Translate in the staffing words' context."""
    return QCoreApplication.translate("StaffingWords", text)


def shift_name(shift: Mapping[str, Any]) -> str:
    """The shift's name in the user's language with its hours: "白班 08:00–16:00"."""
    name = shift["name_zh"] if chinese(user_language()) else shift["name_en"]
    return f"{name} {shift['start']}–{shift['end']}"


def levels_text(levels: Mapping[str, int]) -> str:
    """Nursing levels as "special care 1 · level I 3 ..." (levels with no patient left out)."""
    parts = [f"{tr(LEVEL_WORDS[key])} {levels[key]}" for key in LEVEL_WORDS if levels.get(key)]
    return " · ".join(parts) or tr("no level ordered")


def warning_text(warning: Mapping[str, Any], names: Mapping[str, str]) -> str:
    """One warning in words, with the figure and the limit it breaks."""
    code = warning["code"]
    if code == "no_nurse":
        return tr("No nurse on this shift for %1 patients").replace("%1", str(warning["census"]))
    if code == "patients_per_nurse":
        return (tr("%1 patients per nurse, above the standard's %2")
                .replace("%1", number(warning["value"])).replace("%2", number(warning["limit"])))  # fmt: skip
    if code == "nurse_overloaded":
        return (tr("%1 is responsible for %2 patients, above %3")
                .replace("%1", names.get(warning["nurse_id"], "?")).replace("%2", str(warning["value"]))
                .replace("%3", number(warning["limit"])))  # fmt: skip
    if code == "special_care":
        return (tr("%1 special-care patients need %2 nurses; %3 on shift")
                .replace("%1", str(warning["value"])).replace("%2", str(warning["needed"]))
                .replace("%3", str(warning["nurses"])))  # fmt: skip
    if code == "unassigned":
        return tr("Occupied beds with no responsible nurse: %1").replace(
            "%1", ", ".join(warning["beds"])
        )
    if code == "bed_nurse_ratio":
        return (tr("%1 nurses on the roster for %2 beds: the standard's %3 per bed needs %4")
                .replace("%1", str(warning["nurses"])).replace("%2", str(warning["beds"]))
                .replace("%3", number(warning["limit"], 2)).replace("%4", str(warning["needed"])))  # fmt: skip
    return str(code)


def workload_text(load: Mapping[str, Any]) -> str:
    """A shift's workload in one line: census, levels, NEWS2 risk, patients per nurse."""
    ratio = load.get("patients_per_nurse")
    return (tr("%1 patients (%2); NEWS2 ≥7: %3, 5–6: %4; nurses on shift: %5; patients per nurse: %6")
            .replace("%1", str(load["census"])).replace("%2", levels_text(load["levels"]))
            .replace("%3", str(load["news2_high"])).replace("%4", str(load["news2_medium"]))
            .replace("%5", str(len(load["nurses"]))).replace("%6", "—" if ratio is None else number(ratio)))  # fmt: skip

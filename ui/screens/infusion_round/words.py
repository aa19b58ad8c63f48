"""The infusion round's coded choices in the user's language (the core keeps codes)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from workstation.events.infusion_events import RATE_UNITS, ROUND_ACTIONS, SITE_CONDITIONS

SITES = {
    "normal": QT_TRANSLATE_NOOP("InfusionRound", "normal"),
    "redness": QT_TRANSLATE_NOOP("InfusionRound", "redness"),
    "pain": QT_TRANSLATE_NOOP("InfusionRound", "pain"),
    "swelling": QT_TRANSLATE_NOOP("InfusionRound", "swelling"),
    "infiltration": QT_TRANSLATE_NOOP("InfusionRound", "infiltration"),
    "extravasation": QT_TRANSLATE_NOOP("InfusionRound", "extravasation"),
    "occluded": QT_TRANSLATE_NOOP("InfusionRound", "occluded"),
    "phlebitis_1": QT_TRANSLATE_NOOP("InfusionRound", "phlebitis grade 1"),
    "phlebitis_2": QT_TRANSLATE_NOOP("InfusionRound", "phlebitis grade 2"),
    "phlebitis_3": QT_TRANSLATE_NOOP("InfusionRound", "phlebitis grade 3"),
    "phlebitis_4": QT_TRANSLATE_NOOP("InfusionRound", "phlebitis grade 4"),
}
ACTIONS = {
    "continue": QT_TRANSLATE_NOOP("InfusionRound", "running, continue"),
    "rate_adjusted": QT_TRANSLATE_NOOP("InfusionRound", "rate adjusted"),
    "bag_changed": QT_TRANSLATE_NOOP("InfusionRound", "bag changed"),
    "stopped": QT_TRANSLATE_NOOP("InfusionRound", "stopped"),
    "resited": QT_TRANSLATE_NOOP("InfusionRound", "re-sited"),
    "doctor_informed": QT_TRANSLATE_NOOP("InfusionRound", "doctor informed"),
    "completed": QT_TRANSLATE_NOOP("InfusionRound", "completed"),
}
UNITS = {
    "gtt_min": QT_TRANSLATE_NOOP("InfusionRound", "gtt/min"),
    "ml_h": QT_TRANSLATE_NOOP("InfusionRound", "mL/h"),
}
assert set(SITES) == set(SITE_CONDITIONS) and set(ACTIONS) == set(ROUND_ACTIONS)
assert set(UNITS) == set(RATE_UNITS)


def tr(text: str) -> str:
    """A string of the InfusionRound context in the user's language."""
    return QCoreApplication.translate("InfusionRound", text)


def site_words(code: str) -> str:
    """A site condition in the user's language."""
    return tr(SITES[code]) if code in SITES else code


def action_words(code: str) -> str:
    """A round action in the user's language."""
    return tr(ACTIONS[code]) if code in ACTIONS else code


def unit_words(code: str) -> str:
    """A rate unit in the user's language."""
    return tr(UNITS[code]) if code in UNITS else code

"""The closed loop's coded facts in the user's language (workstation.clinical.closed_loop keeps
them as codes so the Qt-free core stays wordless): lot and amount, bedside result, dose, end
time on the ward clock, mL given, the witness by name, what was voided; for an order sent to the
LIS or the PACS, where it went and the receiver's answer with its time."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ui.screens.infusion_round.words import action_words, site_words, unit_words
from ui.terms import local_time, term
from workstation.clinical.closed_loop import LoopEvent

translate = QCoreApplication.translate

BEDSIDE_RESULTS = {
    "match": QT_TRANSLATE_NOOP("ClosedLoopFacts", "wristband and drug matched"),
    "wrong_patient": QT_TRANSLATE_NOOP("ClosedLoopFacts", "wrong patient"),
    "wrong_drug": QT_TRANSLATE_NOOP("ClosedLoopFacts", "wrong drug"),
    "wrong_dose": QT_TRANSLATE_NOOP("ClosedLoopFacts", "wrong dose"),
    "wrong_route": QT_TRANSLATE_NOOP("ClosedLoopFacts", "wrong route"),
    "wrong_time": QT_TRANSLATE_NOOP("ClosedLoopFacts", "outside the time window"),
    "unknown_code": QT_TRANSLATE_NOOP("ClosedLoopFacts", "unknown code"),
    "unable_to_scan": QT_TRANSLATE_NOOP("ClosedLoopFacts", "unable to scan"),
    "skin_test": QT_TRANSLATE_NOOP("ClosedLoopFacts", "blocked: no negative skin test"),
}
ANSWERS = {
    "accepted": QT_TRANSLATE_NOOP("ClosedLoopFacts", "accepted %1"),
    "rejected": QT_TRANSLATE_NOOP("ClosedLoopFacts", "rejected %1"),
}
VOIDED = {
    "order": QT_TRANSLATE_NOOP("ClosedLoopFacts", "the order was voided"),
    "dose": QT_TRANSLATE_NOOP("ClosedLoopFacts", "the dose record was voided"),
}


def _tr(text: str) -> str:
    return translate("ClosedLoopFacts", text)


def _words(key: str, value: str, event: LoopEvent, names: Mapping[str, str]) -> str | None:
    if key == "lot":
        amount = f"{event.fact('quantity') or ''} {term(event.fact('unit') or '')}".strip()
        return _tr("lot %1, %2").replace("%1", value).replace("%2", amount)
    if key == "result":
        return _tr(BEDSIDE_RESULTS[value]) if value in BEDSIDE_RESULTS else value
    if key == "voided":
        return _tr(VOIDED[value]) if value in VOIDED else value
    if key == "dose":
        return value
    if key == "ended":
        return _tr("ended %1").replace("%1", local_time(value))
    if key == "given_ml":
        return _tr("%1 mL given").replace("%1", value)
    if key == "destination":  # LIS or PACS, as the hospital calls them in either language
        return value
    if key == "outcome":
        answered = local_time(event.fact("answered") or event.at)
        return _tr(ANSWERS[value]).replace("%1", answered) if value in ANSWERS else value
    if key == "witness":
        return _tr("checked by %1").replace("%1", names.get(value, value))
    return _round_words(key, value)


def _round_words(key: str, value: str) -> str | None:
    """An infusion round's rate, site, action and volume left."""
    if key == "rate" and value:
        number, unit = value.split(" ", 1)
        return f"{number} {unit_words(unit)}"
    if key == "site":
        return _tr("site: %1").replace("%1", site_words(value))
    if key == "action":
        return action_words(value)
    if key == "remaining_ml":
        return _tr("%1 mL left").replace("%1", value)
    return None  # quantity and unit are worded with the lot, the answer's time with the outcome


def detail_words(event: LoopEvent, names: Mapping[str, str]) -> str:
    """The step's facts and its free text (reason, description) as one line."""
    parts = [_words(key, value, event, names) for key, value in event.facts]
    words = _tr(", ").join(p for p in parts if p)
    if event.detail:
        return (
            _tr("%1: %2").replace("%1", words).replace("%2", event.detail)
            if words
            else event.detail
        )
    return words

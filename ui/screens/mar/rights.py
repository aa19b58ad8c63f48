"""The five rights at the bedside (patient, drug, dose, route, time), Qt-free.

A thin adapter until `workstation.clinical.bcma` lands. Wrong patient and wrong drug block;
a dose, route or time mismatch must be acknowledged with a reason before the dose is recorded.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from ui.screens.mar.doses import WINDOW, Dose, MarOrder, best_dose_for


def _t(text: str) -> str:
    return QCoreApplication.translate("FiveRights", text)


@dataclass(frozen=True)
class ScannedDrug:
    """What a drug barcode says: the order of a pharmacy label, or a product's drug and strength."""

    order: Mapping[str, Any] | None  # the labelled order, wherever it belongs; None for a product
    drug_code: str
    drug_name: str
    dose_value: float | None = None
    dose_unit: str | None = None
    route: str | None = None


@dataclass(frozen=True)
class Problem:
    """One right that failed, in plain words; blocking ones cannot be overridden."""

    right: str  # patient, drug, dose, route, time
    message: str
    blocking: bool


@dataclass
class RightsCheck:
    """The dose a scan was matched to, and what is wrong with giving it now."""

    dose: Dose | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def blocked(self) -> bool:
        """True when the dose must not be given (wrong patient, wrong drug, nothing due)."""
        return self.dose is None or any(p.blocking for p in self.problems)

    @property
    def needs_reason(self) -> bool:
        """True when a dose, route or time mismatch must be acknowledged with a reason."""
        return any(not p.blocking for p in self.problems)


def _minutes(delta_seconds: float) -> str:
    minutes = round(abs(delta_seconds) / 60)
    return f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"


def check_scan(orders: list[MarOrder], patient_id: str, scanned: ScannedDrug, *,
               selected: Dose | None, now: datetime,
               patient_label: Callable[[str], str]) -> RightsCheck:  # fmt: skip
    """Match a scanned drug to the open patient's due dose and check the five rights."""
    order = scanned.order
    if order is not None and order["patient_id"] != patient_id:
        who = patient_label(order["patient_id"])
        return RightsCheck(None, [Problem("patient", _t(
            "Wrong patient: this label is for %1. Do not give it to this patient.").replace("%1", who), True)])  # fmt: skip
    dose = _match(orders, scanned, selected, now)
    if dose is None:
        return RightsCheck(None, [_no_dose(orders, scanned, selected)])
    problems = [p for p in (_dose(dose, scanned), _route(dose, scanned), _time(dose, now)) if p]
    return RightsCheck(dose, problems)


def _match(orders: list[MarOrder], scanned: ScannedDrug, selected: Dose | None,
           now: datetime) -> Dose | None:  # fmt: skip
    if selected is not None and selected.state in ("due", "overdue", "coming", "prn"):
        return selected if selected.order.get("drug_code") == scanned.drug_code else None
    if scanned.order is not None:
        return best_dose_for(orders, scanned.order["order_id"], now)
    for entry in orders:
        if entry.verified and entry.order.get("drug_code") == scanned.drug_code:
            found = best_dose_for(orders, entry.order["order_id"], now)
            if found is not None:
                return found
    return None


def _no_dose(orders: list[MarOrder], scanned: ScannedDrug, selected: Dose | None) -> Problem:
    if selected is not None and selected.order.get("drug_code") != scanned.drug_code:
        return Problem("drug", _t("Wrong drug: you scanned %1, but the dose chosen is %2. Do not give it.")
                       .replace("%1", scanned.drug_name).replace("%2", str(selected.order["drug_name"])), True)  # fmt: skip
    same = [o for o in orders if o.order.get("drug_code") == scanned.drug_code]
    if any(not o.verified for o in same):
        return Problem("drug", _t("%1 is not verified by pharmacy yet: it cannot be given from the MAR.")
                       .replace("%1", scanned.drug_name), True)  # fmt: skip
    if scanned.order is not None and scanned.order.get("status") not in ("placed", "verified"):
        return Problem("drug", _t("This order for %1 was stopped (%2). Do not give it.")
                       .replace("%1", scanned.drug_name).replace("%2", str(scanned.order.get("status"))), True)  # fmt: skip
    if same:
        return Problem("time", _t("No dose of %1 is open for this patient now (all recorded).")
                       .replace("%1", scanned.drug_name), True)  # fmt: skip
    return Problem("drug", _t("Wrong drug: %1 is not ordered for this patient. Do not give it.")
                   .replace("%1", scanned.drug_name), True)  # fmt: skip


def _dose(dose: Dose, scanned: ScannedDrug) -> Problem | None:
    ordered, unit = dose.order.get("dose_value"), dose.order.get("dose_unit")
    if scanned.dose_value is None or (scanned.dose_value == ordered and scanned.dose_unit == unit):
        return None
    return Problem("dose", _t("Dose: the package holds %1 %2 but %3 %4 is ordered. Check the amount to give.")
                   .replace("%1", f"{scanned.dose_value:g}").replace("%2", str(scanned.dose_unit))
                   .replace("%3", f"{ordered:g}").replace("%4", str(unit)), False)  # fmt: skip


def _route(dose: Dose, scanned: ScannedDrug) -> Problem | None:
    if scanned.route is None or scanned.route == dose.order.get("route"):
        return None
    return Problem("route", _t("Route: the package is for %1 but the order says %2.")
                   .replace("%1", scanned.route).replace("%2", str(dose.order.get("route"))), False)  # fmt: skip


def _time(dose: Dose, now: datetime) -> Problem | None:
    if dose.scheduled_for is None:
        return None
    delta = (dose.scheduled_for - now).total_seconds()
    if abs(delta) <= WINDOW.total_seconds():
        return None
    text = (_t("Too early: this dose is due in %1. Give it now only with a reason.") if delta > 0
            else _t("Late: this dose was due %1 ago. Give it now only with a reason."))  # fmt: skip
    return Problem("time", text.replace("%1", _minutes(delta)), False)

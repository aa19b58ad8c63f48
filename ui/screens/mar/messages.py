"""The core's bedside problems (`workstation.clinical.bcma.Problem`) in the nurse's language.

The core decides what is wrong and whether it blocks; this module only words it, from the result
code and what the check found (its row, its dose), with the drug and patient names filled in.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from workstation.clinical.barcodes import Scan
from workstation.clinical.bcma import SKIN_TEST, BedsideCheck, Problem

translate = QCoreApplication.translate


def _fill(text: str, *values: Any) -> str:
    for number, value in enumerate(values, start=1):
        text = text.replace(f"%{number}", str(value))
    return text


def _minutes(seconds: float) -> str:
    minutes = round(abs(seconds) / 60)
    return f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"


def drug_name(check: BedsideCheck, drug: Scan, order: Mapping[str, Any] | None) -> str:
    """The drug a scan names, as the nurse knows it."""
    source = check.row.order if check.row is not None else order
    if source is not None and source.get("drug_name"):
        return str(source["drug_name"])
    return str(drug.drug_code or "")


def problem_text(problem: Problem, check: BedsideCheck, drug: Scan, *, now: datetime,
                 label_order: Mapping[str, Any] | None) -> str:  # fmt: skip
    """One problem of a drug scan in plain words."""
    name = drug_name(check, drug, label_order)
    row_order = check.row.order if check.row is not None else {}
    if problem.code == "wrong_patient":
        who = (label_order or {}).get("patient") or {}
        whom = (
            _fill(translate("FiveRights", "%1, bed %2"), who["name"], who["bed"])
            if who
            else translate("FiveRights", "another patient")
        )
        return _fill(translate("FiveRights", "Wrong patient: this label is for %1. Do not give it to this patient."),
                     whom)  # fmt: skip
    if problem.code == SKIN_TEST:  # 皮试 (bcma._skin_test_problem)
        if check.row is not None and check.row.skin_test == "positive":
            return _fill(
                translate("FiveRights", "%1: the skin test is POSITIVE. Do not give it."), name
            )
        return _fill(translate("FiveRights", "Skin test needed: %1 has no negative skin test on "
                               "file. Record it first (Ctrl+Shift+T)."), name)  # fmt: skip
    if problem.code == "wrong_drug":
        if check.row is not None:
            return _fill(translate("FiveRights", "This order for %1 was stopped (%2). Do not give it."), name,
                         row_order.get("status"))  # fmt: skip
        if drug.kind == "label":
            return translate(
                "FiveRights",
                "Wrong drug: this label's order is not on this patient's MAR. Do not give it.",
            )
        return _fill(
            translate(
                "FiveRights", "Wrong drug: %1 is not ordered for this patient. Do not give it."
            ),
            name,
        )
    if problem.code == "wrong_dose":
        return _fill(translate("FiveRights", "Wrong dose: the package holds %1 %2 but %3 %4 is ordered. Check the "
                        "amount to give."), f"{drug.strength:g}", drug.unit,
                     f"{row_order.get('dose_value'):g}", row_order.get("dose_unit"))  # fmt: skip
    if problem.code == "wrong_route":
        return _fill(translate("FiveRights", "Wrong route: the package is for %1 but the order says %2."), drug.route,
                     row_order.get("route"))  # fmt: skip
    if problem.code == "wrong_time":
        return _time_text(problem, check, name, now)
    return translate("FiveRights", "This is not a drug barcode.")


def _time_text(problem: Problem, check: BedsideCheck, name: str, now: datetime) -> str:
    if problem.blocking and check.row is not None and not check.row.verified:
        return _fill(translate("FiveRights", "%1 is not verified by pharmacy yet: it cannot be given from the MAR."),
                     name)  # fmt: skip
    if problem.blocking or check.dose is None or check.dose.scheduled_for is None:
        return _fill(
            translate("FiveRights", "No dose of %1 is open for this patient now (all recorded)."),
            name,
        )
    seconds = (check.dose.scheduled_for - now).total_seconds()
    text = (translate("FiveRights", "Too early: this dose is due in %1. Give it now only with a reason.") if seconds > 0
            else translate("FiveRights", "Late: this dose was due %1 ago. Give it now only with a reason."))  # fmt: skip
    return _fill(text, _minutes(seconds))


def chosen_dose_text(drug: str, chosen: str) -> str:
    """The nurse chose one dose in the grid and scanned another drug."""
    return _fill(translate("FiveRights", "Wrong drug: you scanned %1, but the dose chosen is %2. Do not give it."),
                 drug, chosen)  # fmt: skip

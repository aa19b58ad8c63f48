"""Barcode medication administration: the five rights (patient, drug, dose, route, time).

A scanned drug is matched to the open patient's due dose. A wrong patient, a wrong drug, an
order that is not verified, stopped or already given, a drug without its negative skin test
blocks; a dose, route or time mismatch is shown in plain words and must be acknowledged with a
reason. The result codes are those of the
BedsideChecked event (workstation.events.vocabulary.BEDSIDE_RESULTS).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from workstation.clinical.allergy_status import AllergyStatus, first_dose_held
from workstation.clinical.barcodes import Scan
from workstation.clinical.formulary import canonical_unit, convert_amount
from workstation.clinical.mar import (
    MarDose,
    MarRow,
    NursingSettings,
    dose_for_scan,
    is_early_or_late,
)
from workstation.clock import iso, parse_iso

OrderLookup = Callable[[str], Mapping[str, Any] | None]
SKIN_TEST = "skin_test"  # blocked: the drug needs a negative skin test not yet on file


@dataclass(frozen=True, slots=True)
class Problem:
    """One right that failed: its result code, a plain message, and whether it blocks."""

    code: str
    message: str
    blocking: bool


@dataclass(slots=True)
class BedsideCheck:
    """The dose a scan was matched to (None when nothing fits) and what is wrong with it."""

    dose: MarDose | None
    row: MarRow | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def blocked(self) -> bool:
        """The dose must not be given."""
        return self.dose is None or any(p.blocking for p in self.problems)

    @property
    def needs_reason(self) -> bool:
        """A dose, route or time mismatch must be acknowledged with a reason."""
        return any(not p.blocking for p in self.problems)

    @property
    def result(self) -> str:
        """The BedsideChecked result code: the first problem's, or match."""
        return self.problems[0].code if self.problems else "match"


def check_wristband(patient: Mapping[str, Any], wristband: Scan) -> Problem | None:
    """Right patient: the wristband scanned names the patient whose MAR is open."""
    if wristband.kind != "wristband":
        return Problem("unknown_code", "This is not a wristband. Scan the patient's wristband.",
                       True)  # fmt: skip
    if wristband.record_number != patient["record_number"]:
        return Problem("wrong_patient", f"Wrong patient: this wristband is "
                       f"{wristband.record_number}, the open chart is {patient['record_number']}.",
                       True)  # fmt: skip
    return None


def check_drug(patient: Mapping[str, Any], rows: list[MarRow], drug: Scan, *, now: datetime,
               settings: NursingSettings | None = None,
               lookup: OrderLookup | None = None) -> BedsideCheck:  # fmt: skip
    """Match a scanned label or product to the patient's due dose and check the five rights."""
    settings = settings or NursingSettings()
    if drug.kind == "label":
        row = next((r for r in rows if r.order_id == drug.order_id), None)
        if row is None:
            return BedsideCheck(None, None, [_foreign_label(patient, drug, lookup)])
    elif drug.kind == "product":
        row = _row_for_product(rows, drug, now)
        if row is None:
            return BedsideCheck(None, None, [Problem("wrong_drug", f"Wrong drug: "
                f"{drug.drug_code} is not ordered for this patient. Do not give it.", True)])  # fmt: skip
    else:
        return BedsideCheck(None, None, [Problem("unknown_code", "Not a drug barcode.", True)])
    return _check_row(row, drug, now, settings)


def _foreign_label(patient: Mapping[str, Any], drug: Scan, lookup: OrderLookup | None) -> Problem:
    order = lookup(drug.order_id or "") if lookup else None
    if order is not None and order.get("patient_id") != patient["patient_id"]:
        return Problem("wrong_patient", "Wrong patient: this label is for another patient. "
                       "Do not give it to this patient.", True)  # fmt: skip
    return Problem("wrong_drug", "This label's order is not on this patient's MAR.", True)


def _row_for_product(rows: list[MarRow], drug: Scan, now: datetime) -> MarRow | None:
    matching = [r for r in rows if r.order.get("drug_code") == drug.drug_code]
    with_open = [r for r in matching if dose_for_scan([r], r.order_id, now) is not None]
    candidates = with_open or matching
    return candidates[0] if candidates else None


def _check_row(row: MarRow, drug: Scan, now: datetime, settings: NursingSettings) -> BedsideCheck:
    order = row.order
    if order.get("status") not in ("placed", "verified"):
        return BedsideCheck(None, row, [Problem("wrong_drug", f"This order was "
                            f"{order.get('status')}: do not give it.", True)])  # fmt: skip
    if row.skin_test in ("pending", "positive"):
        return BedsideCheck(None, row, [_skin_test_problem(row.skin_test)])
    if row.prn:
        prn = MarDose(row.order_id, None, "due")
        return BedsideCheck(prn, row, _product_problems(order, drug) if row.verified else
                            [_unverified()])  # fmt: skip
    dose = dose_for_scan([row], row.order_id, now)
    if dose is None:
        unverified = any(d.status == "unverified" for d in row.doses)
        problem = (
            _unverified()
            if unverified
            else Problem(
                "wrong_time", "No dose of this order is due: it has already been recorded.", True
            )
        )
        return BedsideCheck(None, row, [problem])
    problems = _product_problems(order, drug)
    if dose.status != "due" and dose.scheduled_for is not None:
        problems.append(_time_problem(dose.scheduled_for, now))
    return BedsideCheck(dose, row, problems)


def _skin_test_problem(status: str) -> Problem:
    """No dose of a drug needing a skin test without a negative result on file (《中国药典》
    临床用药须知; 皮肤试验指导原则 2021): its own result code `skin_test` (the drug is the right one;
    it may not be given yet), in both languages (the MAR words it by code, ui.screens.mar)."""
    if status == "positive":
        return Problem(SKIN_TEST, "Skin test POSITIVE: this drug must not be given. "
                       "皮试阳性，禁止使用。", True)  # fmt: skip
    return Problem(SKIN_TEST, "Skin test needed: no negative result is on file. Record the "
                   "skin test first. 皮试结果未录入，不得给药。", True)  # fmt: skip


def _unverified() -> Problem:
    return Problem("wrong_time", "Pharmacy has not verified this order yet.", True)


def _product_problems(order: Mapping[str, Any], drug: Scan) -> list[Problem]:
    if drug.kind != "product":
        return []
    problems = []
    if drug.strength is not None and drug.unit and order.get("dose_value"):
        unit = canonical_unit(drug.unit) or drug.unit
        amount = convert_amount(drug.strength, unit, order.get("dose_unit") or "")
        if amount is None or abs(amount - float(order["dose_value"])) > 1e-9:
            problems.append(Problem("wrong_dose", f"Wrong dose: the package holds "
                f"{drug.strength:g} {drug.unit}, the order is {order['dose_value']:g} "
                f"{order.get('dose_unit')}. Check the amount to give.", False))  # fmt: skip
    if drug.route and order.get("route") and drug.route != order["route"]:
        problems.append(Problem("wrong_route", f"Wrong route: the package is for "
                                f"{drug.route}, the order is {order['route']}.", False))  # fmt: skip
    return problems


def _time_problem(scheduled: datetime, now: datetime) -> Problem:
    minutes = round(abs((now - scheduled).total_seconds()) / 60)
    when = "early" if now < scheduled else "late"
    return Problem("wrong_time", f"Too {when}: this dose is due at {iso(scheduled)[11:16]} UTC, "
                   f"{minutes} min {'from now' if when == 'early' else 'ago'}. Give a reason.",
                   False)  # fmt: skip


def bedside_payload(check: BedsideCheck, order_id: str, *, wristband: Scan | None,
                    drug: Scan | None) -> dict[str, Any]:  # fmt: skip
    """The BedsideChecked payload of a scan (recorded whatever the result: it is counted)."""
    payload: dict[str, Any] = {"order_id": order_id, "result": check.result}
    if wristband is not None:
        payload["wristband_code"] = wristband.raw
    if drug is not None:
        payload["drug_code_scanned"] = drug.raw
    if check.dose is not None and check.dose.scheduled_for is not None:
        payload["scheduled_for"] = iso(check.dose.scheduled_for)
    return payload


def unable_to_scan_payload(dose: MarDose, reason: str) -> dict[str, Any]:
    """The BedsideChecked payload when the codes could not be scanned (needs a reason)."""
    if not reason.strip():
        raise ValueError("a reason is required when the codes cannot be scanned")
    payload: dict[str, Any] = {"order_id": dose.order_id, "result": "unable_to_scan",
                               "unable_to_scan_reason": reason.strip()}  # fmt: skip
    if dose.scheduled_for is not None:
        payload["scheduled_for"] = iso(dose.scheduled_for)
    return payload


def administration_problems(row: MarRow, dose: MarDose, payload: Mapping[str, Any], *,
                            author_id: str, settings: NursingSettings | None = None) -> list[str]:  # fmt: skip
    """What a MedicationAdministered form still lacks for this dose: a second nurse for a
    high-alert drug (not the author), a reason when given outside the window, a PRN indication."""
    settings = settings or NursingSettings()
    if payload.get("outcome") != "given":
        return []
    problems = []
    if row.high_alert and not payload.get("witness_id"):
        problems.append("a high-alert drug needs a second nurse to check it")
    if row.high_alert and payload.get("witness_id") == author_id:
        problems.append("the second nurse must be another person")
    if row.prn and not (payload.get("prn_indication") or row.order.get("prn_indication")):
        problems.append("an as-needed dose needs its indication")
    given_at = payload.get("administered_at")
    if dose.scheduled_for is not None and isinstance(given_at, str):
        late = is_early_or_late(dose.scheduled_for, parse_iso(given_at), settings.window)
        if late and not payload.get("early_late_reason"):
            problems.append("a dose given outside its time window needs a reason")
    return problems


FIRST_DOSE_HELD = "allergies not yet documented: a first dose needs them recorded, or a reason"


def allergy_problem(
    row: MarRow, status: AllergyStatus | None, override_reason: str = ""
) -> str | None:
    """The first dose of a new medication is not given while the allergy status is "not yet
    documented", unless the nurse gives a reason (recorded as AllergyCheckOverridden)."""
    if status is None:
        return None
    given_before = sum(1 for dose in row.doses if dose.status == "given")
    return FIRST_DOSE_HELD if first_dose_held(status, given_before, override_reason) else None

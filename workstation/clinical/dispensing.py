"""Dispensing: outpatient prescriptions at the counter (queue, scan, first-expiry lot, hand-over)
and the ward pick lists of unit doses for the next 24 hours.

A scanned code names a drug (its formulary code or any name the formulary knows), optionally
with a lot after a slash (`amoxicillin/L2401`, the pharmacy's shelf label). Without a lot the
first-expiry-first-out lot is chosen; a named lot that has expired is refused.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import orjson
from sqlalchemy import Connection, select

from workstation.clinical.controlled import outpatient_quantity_problem
from workstation.clinical.controlled_register import empties_outstanding, needs_empties
from workstation.clinical.dispense_forms import (
    PickPart,
    dispense_units,
    is_supply_order,
    pick_parts,
)
from workstation.clinical.formulary import Drug, Formulary
from workstation.clinical.order_sentence import ParsedOrder, parse_order
from workstation.clinical.schedule import AdministrationTimes, scheduled_doses
from workstation.clinical.stock import (
    LotStock,
    StockRefused,
    choose_fefo_lot,
    lots_on_hand,
    refuse_if_expired,
)
from workstation.clock import parse_iso
from workstation.events.order_sheet_events import DISCHARGE_ROUTES
from workstation.projections import order_sheet_tables as ot
from workstation.projections import pharmacy_tables as pt
from workstation.projections import tables as t


def outpatient_item(
    sentence: str, formulary: Formulary, *, quantity: float | None = None,
    pain_patient: bool = False,
) -> dict[str, Any]:  # fmt: skip
    """One prescription item from an order sentence; the quantity defaults to the whole course.
    ValueError when a controlled drug's quantity is over 处方管理办法 Art. 23-24's limit."""
    parsed = parse_order(sentence, formulary)
    unit, per_dose = dispense_units(parsed.drug, parsed.dose_value, parsed.dose_unit, parsed.route)
    per_day = parsed.doses_per_day or 1
    if quantity is None:
        quantity = _course_quantity(parsed, per_dose, parsed.duration_days or 1)
    problem = outpatient_quantity_problem(parsed.drug.entry, unit, per_dose=per_dose,
                                          per_day=per_day, quantity=quantity,
                                          pain_patient=pain_patient)  # fmt: skip
    if problem:
        raise ValueError(problem)
    return {"sentence": sentence, "drug_code": parsed.drug.code, "drug_name": parsed.drug.label(),
            "quantity": quantity, "unit": unit}  # fmt: skip


def _course_quantity(parsed: ParsedOrder, per_dose: float, days: int) -> int:
    """What a course takes: the tubes written for a semisolid (not one a dose), else the
    units a dose takes times the doses of the days."""
    if is_supply_order(parsed.drug, parsed.dose_unit):
        return math.ceil(per_dose)
    return math.ceil(per_dose * (parsed.doses_per_day or 1) * days)


def discharge_supply(parsed: ParsedOrder) -> dict[str, Any]:
    """出院带药: what is handed over for the whole course written (处方管理办法 2007 Art. 5-6: each
    line with its quantity; Art. 19: the days), as OrderPlaced.discharge {quantity, unit, days};
    ValueError when the order cannot be taken home (an infusion, a bag, no days written)."""
    if parsed.others or parsed.diluent is not None:
        raise ValueError("出院带药: a bag or an infusion is not taken home")
    if parsed.route not in DISCHARGE_ROUTES:
        raise ValueError(f"出院带药 is oral or external only ({', '.join(sorted(DISCHARGE_ROUTES))}),"
                         f" not {parsed.route}")  # fmt: skip
    if not parsed.duration_days or not 1 <= parsed.duration_days <= 90:
        raise ValueError("出院带药: write the days, 1 to 90 (e.g. 500mg po tid 7d)")
    unit, per_dose = dispense_units(parsed.drug, parsed.dose_value, parsed.dose_unit, parsed.route)
    per_day = parsed.doses_per_day or 1
    quantity = _course_quantity(parsed, per_dose, parsed.duration_days)
    problem = outpatient_quantity_problem(parsed.drug.entry, unit, per_dose=per_dose,
                                          per_day=per_day, quantity=quantity)  # fmt: skip
    if problem:  # a controlled drug taken home keeps to the outpatient limits (Art. 23)
        raise ValueError(f"出院带药: {problem}")
    return {"quantity": quantity, "unit": unit, "days": parsed.duration_days}


@dataclass(frozen=True)
class Prescription:
    """An outpatient prescription as the counter sees it."""

    prescription_id: str
    queue_number: int
    patient_name: str
    patient_ref: str
    items: list[dict[str, Any]]
    dispensed: dict[int, list[dict[str, Any]]]  # item index -> its dispenses (lot, quantity)
    handed_over_at: str | None

    def item_done(self, index: int) -> bool:
        """True once the item's whole quantity was dispensed."""
        given = sum(d["quantity"] for d in self.dispensed.get(index, []))
        return given >= float(self.items[index]["quantity"])

    @property
    def complete(self) -> bool:
        """Every item dispensed."""
        return all(self.item_done(i) for i in range(len(self.items)))


def outpatient_queue(conn: Connection, *, waiting_only: bool = True) -> list[Prescription]:
    """Prescriptions not yet handed over, by queue number."""
    rx, d, s = pt.outpatient_prescriptions.c, pt.prescription_dispenses.c, t.stock_movements.c
    statement = select(pt.outpatient_prescriptions).order_by(rx.queue_number, rx.prescribed_at)
    if waiting_only:
        statement = statement.where(rx.handed_over_at.is_(None))
    rows = [dict(r._mapping) for r in conn.execute(statement)]
    dispensed: dict[str, dict[int, list[dict[str, Any]]]] = {}
    for row in conn.execute(
        select(d.prescription_id, d.item_index, s.lot, s.quantity_delta)
        .join(t.stock_movements, s.movement_id == d.movement_id)
        .where(s.voided.is_(False))
    ):
        per_item = dispensed.setdefault(row.prescription_id, {})
        per_item.setdefault(row.item_index, []).append(
            {"lot": row.lot, "quantity": -row.quantity_delta}
        )
    return [Prescription(r["prescription_id"], r["queue_number"], r["patient_name"],
                         r["patient_ref"], orjson.loads(r["items"]),
                         dispensed.get(r["prescription_id"], {}), r["handed_over_at"])
            for r in rows]  # fmt: skip


def read_scan(code: str, formulary: Formulary) -> tuple[Drug, str | None]:
    """The drug and, when the code names one, the lot; ValueError for an unknown code."""
    text, _, lot = code.strip().partition("/")
    drug = formulary.by_code(text) or next(iter(formulary.lookup(text)), None)
    if drug is None:
        raise ValueError(f"unknown code {code.strip()!r}")
    return drug, (lot.strip() or None)


def match_item(prescription: Prescription, drug: Drug) -> int:
    """The first item of the prescription still to dispense for this drug; ValueError if none."""
    for index, item in enumerate(prescription.items):
        if item["drug_code"] == drug.code and not prescription.item_done(index):
            return index
    raise ValueError(f"{drug.label()} is not on this prescription (or is already dispensed)")


def choose_lot(
    lots: list[LotStock], drug_code: str, lot_name: str | None, quantity: float, today: date
) -> LotStock:
    """The scanned lot (refused when expired) or else the first-expiry-first-out lot."""
    own = [lot for lot in lots if lot.drug_code == drug_code]
    if lot_name is None:
        return choose_fefo_lot(own, quantity, today)
    named = next((lot for lot in own if lot.lot == lot_name), None)
    if named is None:
        raise StockRefused(f"lot {lot_name} of {drug_code} is not held here")
    refuse_if_expired(named, today)
    return named


def dispense_payload(lot: LotStock, *, quantity: float, unit: str, **link: Any) -> dict[str, Any]:
    """A Dispensed payload; link is order_id=..., or prescription_id=... and item_index=..."""
    return {"drug_code": lot.drug_code, "lot": lot.lot, "location_id": lot.location_id,
            "quantity": quantity, "unit": unit, **link}  # fmt: skip


def plan_outpatient_dispense(
    conn: Connection, prescription: Prescription, code: str, *, formulary: Formulary,
    location_id: str, today: date,
) -> dict[str, Any]:  # fmt: skip
    """The Dispensed payload for one scan at the counter (quantity: what is left of the item)."""
    drug, lot_name = read_scan(code, formulary)
    index = match_item(prescription, drug)
    item = prescription.items[index]
    given = sum(d["quantity"] for d in prescription.dispensed.get(index, []))
    quantity = float(item["quantity"]) - given
    lot = choose_lot(lots_on_hand(conn, location_id, drug.code), drug.code, lot_name, quantity,
                     today)  # fmt: skip
    return dispense_payload(lot, quantity=quantity, unit=item["unit"],
                            prescription_id=prescription.prescription_id, item_index=index)  # fmt: skip


@dataclass(frozen=True)
class PickLine:
    """Unit doses of one drug of one order for one patient over the pick window: a bag's
    other drugs and its carrier are lines of their own (part 1..), each picked from its lot."""

    order_id: str
    patient_id: str
    bed: str
    patient_name: str
    drug_code: str
    description: str
    doses: int
    quantity: float
    unit: str
    dispensed: float
    empties_out: float = 0.0  # 麻/精一 injection or patch units of the patient not back yet
    order: Mapping[str, Any] = field(default_factory=dict)  # the order, for a screen to word
    part: int = 0  # 0: the order's drug; 1..: the other drugs of its bag, then its carrier
    amount: str = ""  # the part's dose ('1 g') or the carrier's volume ('250 mL')
    problem: str = ""  # why the part cannot be counted (no form for the route): not picked

    @property
    def done(self) -> bool:
        """Everything due was dispensed (a line with a problem is never picked)."""
        return bool(self.problem) or self.dispensed >= self.quantity


def ward_pick_list(
    conn: Connection, ward_id: str, *, start: datetime, formulary: Formulary, hours: int = 24,
    times: AdministrationTimes | None = None,
) -> list[PickLine]:  # fmt: skip
    """Verified scheduled medication orders of a ward's patients and their unit doses due in
    the window, each drug of a bag and its carrier on its own line in the form its route
    implies (dispense_forms), less what was already dispensed of that drug for the order in the
    window; a 麻/精一 injection or patch with the patient's empties still out says how many."""
    end = start + timedelta(hours=hours)
    o, p, s = t.orders.c, t.patients.c, ot.order_sheet.c
    rows = conn.execute(
        select(t.orders, p.bed, p.name, s.order_group)
        .join(t.patients, p.patient_id == o.patient_id)
        .outerjoin(ot.order_sheet, s.order_id == o.order_id)
        .where(p.ward_id == ward_id, p.status == "admitted", o.order_kind == "medication",
               o.status == "verified", o.voided.is_(False))
    ).all()  # fmt: skip
    picked = []
    for row in rows:
        order = dict(row._mapping)
        doses = len(scheduled_doses(order, start, end, times=times))
        if doses:
            key = (_bed_key(order["bed"]), order["description"], order["order_id"])
            picked.append((key, _order_lines(conn, order, doses, (start, end), formulary,
                                             times)))  # fmt: skip
    return [line for _key, lines in sorted(picked, key=lambda x: x[0]) for line in lines]


def _order_lines(conn: Connection, order: dict[str, Any], doses: int,
                 window: tuple[datetime, datetime], formulary: Formulary,
                 times: AdministrationTimes | None) -> list[PickLine]:  # fmt: skip
    group = orjson.loads(order["order_group"]) if order.get("order_group") else None
    lines = []
    for part in pick_parts(order, group, formulary):
        drug = formulary.by_code(part.drug_code)
        out = (
            empties_outstanding(conn, order["patient_id"], part.drug_code)
            if drug is not None and needs_empties(drug) else 0
        )  # fmt: skip
        dispenses = _dispenses(conn, order["order_id"], part.drug_code)
        quantity = math.ceil(part.per_dose * doses * 100) / 100
        if part.container or part.supply:  # set against every container or tube dispensed
            quantity = (
                _containers(order, part, window[1], times) if part.container else part.per_dose
            )  # the tubes the order names, once for the order
            dispensed = sum(amount for _at, amount in dispenses)
        else:
            dispensed = _covered(order, part.per_dose, quantity, dispenses, window, times)
        lines.append(PickLine(order["order_id"], order["patient_id"], order["bed"], order["name"],
                              part.drug_code, _part_text(order, part, drug), doses, quantity,
                              part.unit, dispensed, out, order, part.part, part.amount,
                              part.problem))  # fmt: skip
    return lines


def _covered(order: dict[str, Any], per_dose: float, quantity: float,
             dispenses: list[tuple[datetime, float]], window: tuple[datetime, datetime],
             times: AdministrationTimes | None) -> float:  # fmt: skip
    """How much of the window's doses the order's dispenses already cover. Each dispense covers
    the doses due from its time on, in order, that no earlier one covered: a round picked for
    the next 24 hours still counts when the list is read again an hour later, and yesterday's
    round does not count for today's doses (counting only what was dispensed since the list was
    read put every line due again a second later: a second pick of each dose)."""
    if not dispenses:
        return 0.0
    due = scheduled_doses(order, dispenses[0][0], window[1], times=times)
    left = [per_dose] * len(due)  # of each dose, what no dispense covers yet
    for at, amount in dispenses:
        for i, when in enumerate(due):
            if amount <= 1e-9:
                break
            if when >= at and left[i] > 0:
                taken = min(left[i], amount)
                left[i], amount = left[i] - taken, amount - taken
    in_window = [i for i, when in enumerate(due) if when >= window[0]]
    if in_window and all(left[i] <= 1e-9 for i in in_window):
        return quantity  # every dose of the window covered (the quantity is rounded up)
    return round(sum(per_dose - left[i] for i in in_window), 2)


def _containers(order: dict[str, Any], part: PickPart, end: datetime,
                times: AdministrationTimes | None) -> float:  # fmt: skip
    """Whole containers an order needs from its start to the end of the window (an eye-drop
    bottle lasts many doses): set against every container dispensed for the order, not only
    those of the window, so a bottle is picked once and again only when it would be empty."""
    begun = scheduled_doses(order, parse_iso(str(order["start_at"])), end, times=times)
    return float(max(1, math.ceil(part.per_dose * len(begun) - 1e-9)))


def _part_text(order: dict[str, Any], part: PickPart, drug: Drug | None) -> str:
    """The order's description for its own drug; '+ 氯化钾注射液 (Potassium chloride) 1 g' for
    another drug of its bag or its carrier."""
    if part.part == 0 or drug is None:
        return str(order["description"])
    return f"+ {drug.label()} {part.amount}"


def _dispenses(conn: Connection, order_id: str, drug_code: str) -> list[tuple[datetime, float]]:
    """What was dispensed of the drug for the order (not voided): (when, quantity), oldest first."""
    s = t.stock_movements.c
    rows = conn.execute(
        select(s.quantity_delta, s.recorded_at).where(
            s.order_id == order_id, s.drug_code == drug_code, s.movement_kind == "dispense",
            s.voided.is_(False),
        )
    )  # fmt: skip
    return sorted((parse_iso(r.recorded_at), -r.quantity_delta) for r in rows)


def _bed_key(bed: str) -> tuple[int, str]:
    digits = "".join(ch for ch in bed if ch.isdigit())
    return (int(digits) if digits else 10**9, bed)

"""Infusion work of the treatment room: bottle labels (瓶签) and the execution sheet (执行单).

A bag is a medication order given by drip (`ivgtt`) or any order group (a carrier and/or other
drugs in one bag or syringe, order_sheet_events). Each bag gets one label per due time of its
doses (the MAR schedule, workstation.clinical.mar), listing every drug of the group with its dose,
the carrier fluid, route, frequency, the due time, the group number (组号: the bag's place among
the patient's bags, by when they were ordered) and the order's label barcode, which the bedside
scan (bcma) and the infusion round (infusion_rounds) read.

The execution sheet lists every scheduled dose of a round, by route section (输液, 注射, 口服,
其他), with who gave it and when, from the recorded administrations.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from workstation.clinical.barcodes import label_code
from workstation.clinical.formulary import Formulary
from workstation.clinical.mar import MarDose, mar_grid
from workstation.clinical.schedule import AdministrationTimes
from workstation.clock import iso

BAG_ROUTES = frozenset({"ivgtt"})
ROUTE_SECTIONS: tuple[tuple[str, frozenset[str]], ...] = (
    ("infusion", frozenset({"ivgtt"})),  # 输液
    ("injection", frozenset({"iv", "im", "sc", "ih", "id", "epidural", "infil"})),  # 注射
    ("oral", frozenset({"po", "sl", "ng"})),  # 口服
)
OTHER_SECTION = "other"  # 其他 (inhaled, topical, rectal, ...)
SECTIONS = (*(name for name, _ in ROUTE_SECTIONS), OTHER_SECTION)


@dataclass(frozen=True, slots=True)
class BagDrug:
    """One drug of a bag: code, name as ordered, dose value and unit."""

    drug_code: str
    drug_name: str
    dose_value: float | None
    dose_unit: str


@dataclass(frozen=True, slots=True)
class BottleLabel:
    """One bag at one due time, as its label prints it."""

    patient_id: str
    patient_name: str
    bed: str
    record_number: str
    ward_id: str
    order_id: str
    group_number: int
    drugs: tuple[BagDrug, ...]
    carrier_code: str | None
    carrier_ml: float | None
    route: str
    frequency: str
    due_at: datetime
    barcode: str
    rate: str = ""  # the order's rate when it carries one, else blank for the nurse to write
    same_name: bool = False  # another patient of this name on the ward (同名 warning)


@dataclass(frozen=True, slots=True)
class ExecutionRow:
    """One scheduled dose on the execution sheet, with its administration when recorded."""

    section: str
    patient_id: str
    patient_name: str
    bed: str
    order_id: str
    description: str
    drugs: tuple[BagDrug, ...]
    route: str
    frequency: str
    due_at: datetime
    status: str  # the MAR status: given, held, refused, not_given, due, overdue, coming ...
    given_by: str | None = None
    given_at: str | None = None
    carrier_code: str | None = None
    carrier_ml: float | None = None


def is_bag(order: Mapping[str, Any]) -> bool:
    """True for a medication order given as a bag: by drip, or carrying an order group."""
    if order.get("order_kind") != "medication":
        return False
    return order.get("route") in BAG_ROUTES or bool(order.get("group"))


def bag_drugs(order: Mapping[str, Any]) -> tuple[BagDrug, ...]:
    """The order's own drug, then the other drugs of its group."""
    members = [order, *((order.get("group") or {}).get("members") or [])]
    return tuple(
        BagDrug(
            str(m.get("drug_code") or ""),
            str(m.get("drug_name") or m.get("drug_code") or ""),
            m.get("dose_value"),
            str(m.get("dose_unit") or ""),
        )  # fmt: skip
        for m in members
    )


def section_of(route: str | None) -> str:
    """The execution sheet's section of a route: infusion, injection, oral or other."""
    return next((name for name, routes in ROUTE_SECTIONS if route in routes), OTHER_SECTION)


def group_numbers(chart: Mapping[str, Any]) -> dict[str, int]:
    """Order id -> 组号: the bag orders of the chart numbered 1, 2, ... by when they were placed
    (stopped and voided bags keep their number, so a label never changes its number)."""
    bags = sorted((o for o in chart.get("orders") or [] if is_bag(o)),
                  key=lambda o: (o["placed_at"], o["order_id"]))  # fmt: skip
    return {o["order_id"]: number for number, o in enumerate(bags, start=1)}


def _scheduled(chart: Mapping[str, Any], start: datetime, end: datetime, now: datetime,
               formulary: Formulary, times: AdministrationTimes | None,
               ) -> list[tuple[Any, MarDose, datetime]]:  # fmt: skip
    rows = mar_grid(chart, start=start, end=end, now=now, formulary=formulary, times=times)
    return [(row, d, d.scheduled_for) for row in rows if not row.prn for d in row.doses
            if d.scheduled_for is not None and start <= d.scheduled_for < end]  # fmt: skip


def bottle_labels(chart: Mapping[str, Any], *, start: datetime, end: datetime, now: datetime,
                  formulary: Formulary, times: AdministrationTimes | None = None,
                  ) -> list[BottleLabel]:  # fmt: skip
    """One label per bag per due time in [start, end), by due time then group number; doses
    already recorded (given, held, refused) are still labelled, unverified ones are not."""
    patient = chart["patient"]
    numbers = group_numbers(chart)
    same_name = bool(patient.get("same_name_beds") or chart.get("same_name"))
    labels = []
    for row, dose, due in _scheduled(chart, start, end, now, formulary, times):
        order = row.order
        if not is_bag(order) or dose.status == "unverified":
            continue
        carrier = (order.get("group") or {}).get("carrier") or {}
        labels.append(BottleLabel(
            patient["patient_id"], patient["name"], str(patient.get("bed") or ""),
            patient["record_number"], patient["ward_id"], order["order_id"],
            numbers[order["order_id"]], bag_drugs(order), carrier.get("code"),
            carrier.get("volume_ml"), order["route"], order.get("frequency") or "",
            due, label_code(order["order_id"]), _rate(order), same_name,
        ))  # fmt: skip
    return sorted(labels, key=lambda label: (label.due_at, label.group_number))


def _rate(order: Mapping[str, Any]) -> str:
    for key, unit in (("rate_ml_h", "mL/h"), ("drip_gtt_min", "gtt/min")):
        if order.get(key):
            return f"{order[key]:g} {unit}"
    return ""


def execution_rows(chart: Mapping[str, Any], *, start: datetime, end: datetime, now: datetime,
                   formulary: Formulary, times: AdministrationTimes | None = None,
                   ) -> list[ExecutionRow]:  # fmt: skip
    """Every scheduled dose due in [start, end) (a round or shift), by section, due time and
    bed; a recorded dose carries who recorded it and when it was given."""
    patient = chart["patient"]
    found = []
    for row, dose, due in _scheduled(chart, start, end, now, formulary, times):
        order, done = row.order, dose.administration or {}
        carrier = (order.get("group") or {}).get("carrier") or {}
        found.append(ExecutionRow(
            section_of(order.get("route")), patient["patient_id"], patient["name"],
            str(patient.get("bed") or ""), order["order_id"], order["description"],
            bag_drugs(order), order.get("route") or "", order.get("frequency") or "",
            due, dose.status, done.get("recorded_by"), done.get("administered_at"),
            carrier.get("code"), carrier.get("volume_ml"),
        ))  # fmt: skip
    return sort_execution(found)


def sort_execution(rows: list[ExecutionRow]) -> list[ExecutionRow]:
    """Sheet order: section, due time, bed (numeric beds in number order), then order."""
    return sorted(
        rows, key=lambda r: (SECTIONS.index(r.section), r.due_at, _bed(r.bed), r.order_id)
    )


def _bed(bed: str) -> tuple[int, str]:
    return (int(bed), "") if bed.isdigit() else (10**6, bed)


def label_key(label: BottleLabel) -> tuple[str, str]:
    """(order id, due time) — a label's identity, as an administration's scheduled_for names it."""
    return label.order_id, iso(label.due_at)

"""Building the patient context of the checks from the projection chart."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from workstation.clinical import frequencies
from workstation.clinical.body_surface import body_size_from_chart
from workstation.clinical.checks.model import MedicationOrder, PatientContext
from workstation.clinical.controlled import results_on_file
from workstation.clinical.order_sentence import ParsedOrder
from workstation.clinical.sentence_drug import Diluent

# lab test codes of the chart (workstation.server.demo_labs) -> the checks' lab keys
LAB_KEYS = {
    "K": "potassium_mmol_l", "NA": "sodium_mmol_l", "CREA": "creatinine_umol_l",
    "EGFR": "egfr_ml_min_1_73m2", "INR": "inr", "PLT": "platelets_10e9_l",
    "GLU": "glucose_mmol_l", "QTC": "qtc_ms",
}  # fmt: skip
# an order awaiting its co-signature counts too: it will be given once co-signed (rights_projector)
ACTIVE_STATUSES = ("awaiting_cosign", "placed", "verified")

DosesPerDay = Callable[[str | None], float | None]


def doses_per_day(code: str | None) -> float | None:
    """Doses a day of a frequency code; None for as-needed, a missing or an unknown code."""
    try:
        return frequencies.doses_per_day(code) if code else None
    except KeyError:
        return None


def age_on(birth_date: str | None, today: date) -> float | None:
    """Age in whole years on a day, from an ISO birth date (None when unknown)."""
    if not birth_date:
        return None
    born = date.fromisoformat(birth_date[:10])
    return float(today.year - born.year - ((today.month, today.day) < (born.month, born.day)))


def order_from_row(row: Mapping[str, Any], per_day: DosesPerDay = doses_per_day) -> MedicationOrder:
    """A structured order from an orders projection row."""
    frequency = row.get("frequency")
    return MedicationOrder(
        drug_code=str(row["drug_code"]),
        dose_value=row.get("dose_value"),
        dose_unit=row.get("dose_unit"),
        route=row.get("route"),
        frequency=frequency,
        doses_per_day=per_day(frequency),
        duration_days=row.get("duration_days"),
        prn=bool(row.get("prn")),
        text=str(row.get("description") or ""),
        diluent_ml=_diluent_ml(str(row.get("description") or "")),
        discharge=bool(row.get("discharge")),
    )


def _diluent_ml(description: str) -> float | None:
    diluent = Diluent.written_in(description)
    return diluent.volume_ml if diluent else None


def order_from_parsed(parsed: ParsedOrder, text: str = "") -> MedicationOrder:
    """A structured order from the order-sentence parser's result."""
    return MedicationOrder(
        drug_code=parsed.drug.code,
        dose_value=parsed.dose_value,
        dose_unit=parsed.dose_unit,
        route=parsed.route,
        frequency=parsed.frequency,
        doses_per_day=doses_per_day(parsed.frequency),
        duration_days=parsed.duration_days,
        prn=parsed.prn,
        text=text,
        diluent_ml=parsed.diluent.volume_ml if parsed.diluent else None,
    )


def drug_rows(order: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every drug of an order row as an order row: the order itself, then each other drug of
    its bag or syringe (`group.members`, events.order_sheet_events) with the order's status,
    route, frequency and line (so the carrier's volume is read as for the first drug)."""
    rows = [dict(order)]
    for member in (order.get("group") or {}).get("members") or ():
        if isinstance(member, Mapping) and member.get("drug_code"):
            rows.append({**order, "drug_name": None, "dose_value": None, "dose_unit": None,
                         "route": order.get("route"), "frequency": order.get("frequency"),
                         **member})  # fmt: skip
    return rows


def _active_medications(orders: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        o for o in orders
        if o.get("order_kind") == "medication" and o.get("drug_code")
        and o.get("status") in ACTIVE_STATUSES and not o.get("voided")
    ]  # fmt: skip


def latest_labs(labs: list[dict[str, Any]]) -> dict[str, float]:
    """The newest numeric value of each known lab test (chart labs come newest first)."""
    values: dict[str, float] = {}
    for lab in sorted(labs, key=lambda r: str(r.get("resulted_at") or ""), reverse=True):
        key = LAB_KEYS.get(str(lab.get("test_code") or "").upper())
        if (
            key
            and key not in values
            and not lab.get("voided")
            and lab.get("numeric_value") is not None
        ):
            values[key] = float(lab["numeric_value"])
    return values


def _diagnoses(chart: Mapping[str, Any]) -> tuple[str, ...]:
    found = []
    for problem in chart.get("problems") or ():
        if problem.get("voided") or str(problem.get("status") or "active") != "active":
            continue
        found.append(" ".join(p for p in (problem.get("icd10"), problem.get("description")) if p))
    admitting = (chart.get("patient") or {}).get("diagnosis")
    if admitting:
        found.append(str(admitting))
    return tuple(found)


def patient_context_from_chart(
    chart: Mapping[str, Any], *, today: date, pregnant: bool = False, discharge: bool = False
) -> PatientContext:
    """The checks' view of a patient from `workstation.projections.queries.chart(conn, id)`
    (orders completed by `order_sheet_queries.with_order_sheet`): every drug of each active
    bag counts as active. 出院带药 is not inpatient therapy: an inpatient order is checked
    against the inpatient orders only, and a discharge order (`discharge`) against the other
    discharge orders only (allergies, labs and the rest as always)."""
    patient = chart.get("patient") or {}
    allergies = tuple(
        str(a["substance"]) for a in chart.get("allergies") or () if not a.get("voided")
    )
    active = [
        row for order in _active_medications(list(chart.get("orders") or ()))
        if bool(order.get("discharge")) == discharge for row in drug_rows(order)
    ]  # fmt: skip
    return PatientContext(
        age_years=age_on(patient.get("birth_date"), today),
        sex=patient.get("sex"),
        weight_kg=patient.get("weight_kg"),
        pregnant=pregnant,
        allergies=allergies,
        active_orders=tuple(order_from_row(o) for o in active),
        labs=latest_labs(list(chart.get("labs") or ())),
        diagnoses=_diagnoses(chart),
        skin_tests=results_on_file(chart.get("skin_tests") or ()),
        opioid_tolerant=opioid_tolerant(chart),
        body=body_size_from_chart(chart, today=today),
    )


def opioid_tolerant(chart: Mapping[str, Any]) -> bool:
    """Whether the latest live opioid tolerance record of the chart says tolerant."""
    live = [r for r in chart.get("opioid_tolerance") or () if not r.get("voided")]
    latest = max(live, key=lambda r: str(r.get("recorded_at") or ""), default=None)
    return bool(latest and latest.get("tolerant"))

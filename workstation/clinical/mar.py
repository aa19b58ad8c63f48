"""The MAR grid model: each medication order's doses in a time range, with their status.

A scheduled dose is `due` within the administration window of its time (default ±60 min),
`overdue` after it and `coming` before it; a recorded dose shows its outcome (given, held,
refused, not_given), and a given one recorded outside the window is `early_late`. Doses of an
order the pharmacist has not verified are `unverified` — except an urgent (`st`) order when the
hospital allows urgent doses before verification (the pharmacy's rule,
verification.may_administer). PRN orders have no scheduled doses: the row lists the doses given
and each one's effect reassessment (due `prn_reassess_minutes` after the dose unless the nurse
set `reassess_at`). Settings: resources/settings/nursing.json (sources named there).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from workstation.clinical.controlled import results_on_file
from workstation.clinical.formulary import Formulary
from workstation.clinical.high_alert import is_high_alert
from workstation.clinical.order_group import group_skin_test
from workstation.clinical.schedule import AdministrationTimes, scheduled_doses
from workstation.clinical.verification import may_administer
from workstation.clock import iso, parse_iso
from workstation.resources import resource

OPEN_STATES = ("due", "overdue", "coming")


@dataclass(frozen=True, slots=True)
class NursingSettings:
    """The ward's MAR settings: administration window, PRN reassessment delay, st policy."""

    window: timedelta = timedelta(minutes=60)
    prn_reassess: timedelta = timedelta(minutes=60)
    st_before_verification: bool = True

    @classmethod
    def load(cls, path: Path | None = None) -> NursingSettings:
        """Read resources/settings/nursing.json (or another file)."""
        raw = json.loads((path or resource("settings", "nursing.json")).read_text("utf-8"))
        return cls(
            timedelta(minutes=int(raw["administration_window_minutes"])),
            timedelta(minutes=int(raw["prn_reassess_minutes"])),
            bool(raw["st_before_verification"]),
        )


@dataclass(frozen=True, slots=True)
class MarDose:
    """One cell of the grid: a scheduled time (None for a PRN dose) and what happened."""

    order_id: str
    scheduled_for: datetime | None
    status: str  # due overdue coming given held refused not_given unverified
    administration: Mapping[str, Any] | None = None
    early_late: bool = False

    @property
    def scheduled_iso(self) -> str | None:
        """The time as stored in a MedicationAdministered's `scheduled_for`."""
        return iso(self.scheduled_for) if self.scheduled_for else None

    @property
    def is_open(self) -> bool:
        """Not yet recorded and givable (due, overdue or coming)."""
        return self.status in OPEN_STATES


@dataclass(frozen=True, slots=True)
class Reassessment:
    """The effect check of one PRN dose: when it is due and its status (done/coming/due/overdue)."""

    administration_id: str
    due_at: datetime
    status: str


@dataclass(slots=True)
class MarRow:
    """One medication order on the grid."""

    order: Mapping[str, Any]
    verified: bool
    high_alert: bool
    prn: bool
    doses: list[MarDose] = field(default_factory=list)
    reassessments: list[Reassessment] = field(default_factory=list)
    skin_test: str | None = None  # None (not needed), pending, negative, positive

    @property
    def order_id(self) -> str:
        """The order's id."""
        return str(self.order["order_id"])


def time_status(scheduled: datetime, now: datetime, window: timedelta) -> str:
    """due within the window around the scheduled time, overdue after it, coming before it."""
    if scheduled < now - window:
        return "overdue"
    if scheduled > now + window:
        return "coming"
    return "due"


def is_early_or_late(scheduled: datetime, given_at: datetime, window: timedelta) -> bool:
    """True when a dose given at given_at is outside the window of its time (needs a reason)."""
    return abs(given_at - scheduled) > window


def _is_prn(order: Mapping[str, Any]) -> bool:
    return bool(order.get("prn")) or order.get("frequency") == "prn"


def _may_give_unverified(order: Mapping[str, Any], settings: NursingSettings) -> bool:
    """The pharmacy's rule (verification.may_administer), with the ward's st setting."""
    rule = settings.st_before_verification
    return may_administer(dict(order), urgent_before_verification=rule)


def _recorded(rows: list[Mapping[str, Any]]) -> dict[tuple[str, str], list[Mapping[str, Any]]]:
    """(order, scheduled time) -> its not-voided administrations, oldest first."""
    found: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    for a in sorted(rows, key=lambda a: a["administered_at"]):
        if not a.get("voided") and a.get("scheduled_for"):
            found.setdefault((a["order_id"], a["scheduled_for"]), []).append(a)
    return found


def _scheduled_row(row: MarRow, start: datetime, end: datetime, now: datetime,
                   recorded: dict[tuple[str, str], list[Mapping[str, Any]]],
                   settings: NursingSettings, times: AdministrationTimes) -> None:  # fmt: skip
    order = row.order
    givable = row.verified or _may_give_unverified(order, settings)
    basis = order if row.verified else {**order, "verified_at": None}
    for when in scheduled_doses(basis, start, end, times=times):
        records = recorded.pop((row.order_id, iso(when)), [])
        for done in records:  # more than one: a duplicate dose, shown, flagged by the projector
            late = done["outcome"] == "given" and is_early_or_late(
                when, parse_iso(done["administered_at"]), settings.window
            )
            row.doses.append(MarDose(row.order_id, when, done["outcome"], done, late))
        if not records:
            status = time_status(when, now, settings.window) if givable else "unverified"
            row.doses.append(MarDose(row.order_id, when, status))


def _prn_row(row: MarRow, administrations: list[Mapping[str, Any]], start: datetime,
             end: datetime, now: datetime, later_checks: list[datetime],
             settings: NursingSettings) -> None:  # fmt: skip
    for a in sorted(administrations, key=lambda a: a["administered_at"]):
        at = parse_iso(a["administered_at"])
        if a.get("voided") or a["order_id"] != row.order_id or not start <= at < end:
            continue
        row.doses.append(MarDose(row.order_id, None, a["outcome"], a))
        if a["outcome"] == "given":
            row.reassessments.append(_reassessment(a, at, now, later_checks, settings))


def _reassessment(a: Mapping[str, Any], given_at: datetime, now: datetime,
                  later_checks: list[datetime], settings: NursingSettings) -> Reassessment:  # fmt: skip
    due = parse_iso(a["reassess_at"]) if a.get("reassess_at") else given_at + settings.prn_reassess
    if any(check > given_at for check in later_checks):
        status = "done"
    elif now < due:
        status = "coming"
    else:
        status = "due" if now <= due + settings.window else "overdue"
    return Reassessment(a["administration_id"], due, status)


def reassessment_checks(chart: Mapping[str, Any]) -> list[datetime]:
    """Times at which a PRN dose's effect counts as reassessed: a vitals set or nursing note."""
    vitals = [parse_iso(v["taken_at"]) for v in chart.get("vitals") or [] if not v.get("voided")]
    notes = [parse_iso(n["signed_at"]) for n in chart.get("notes") or []
             if not n.get("voided") and n.get("note_type") == "nursing_note"]  # fmt: skip
    return vitals + notes


def mar_grid(chart: Mapping[str, Any], *, start: datetime, end: datetime, now: datetime,
             formulary: Formulary, settings: NursingSettings | None = None,
             times: AdministrationTimes | None = None) -> list[MarRow]:  # fmt: skip
    """Every medication order with doses or records in [start, end): verified orders first.

    Administrations that match no scheduled time (a dose after the order stopped, a dose
    given twice) are kept on their order's row, never dropped. High-alert flags (and so the
    witness rule) follow `formulary`, the one in force on the station."""
    settings, times = settings or NursingSettings(), times or AdministrationTimes.load()
    administrations = list(chart.get("administrations") or [])
    recorded, checks, rows = _recorded(administrations), reassessment_checks(chart), []
    skin_tests = results_on_file(chart.get("skin_tests") or ())
    for order in chart.get("orders") or []:
        if order["order_kind"] != "medication" or order.get("voided") or order.get("discharge"):
            continue  # 出院带药 is taken home, never given on the ward
        if order.get("status") == "awaiting_cosign":  # not signed off yet (rights_projector)
            continue
        row = MarRow(order, order.get("verified_at") is not None, is_high_alert(order, formulary),
                     _is_prn(order))  # fmt: skip
        row.skin_test = group_skin_test(order, formulary, skin_tests)  # every drug of the bag
        if row.prn:
            _prn_row(row, administrations, start, end, now, checks, settings)
        else:
            _scheduled_row(row, start, end, now, recorded, settings, times)
        rows.append(row)
    _keep_unmatched(rows, recorded, start, end)
    shown = [r for r in rows if r.doses or r.order["status"] in ("placed", "verified")]
    return sorted(shown, key=lambda r: (not r.verified, r.order["placed_at"]))


def _keep_unmatched(rows: list[MarRow], left: dict[tuple[str, str], list[Mapping[str, Any]]],
                    start: datetime, end: datetime) -> None:  # fmt: skip
    by_order = {row.order_id: row for row in rows}
    for (order_id, scheduled), records in left.items():
        when = parse_iso(scheduled)
        if order_id not in by_order or not start <= when < end:
            continue
        row = by_order[order_id]
        row.doses += [MarDose(order_id, when, a["outcome"], a) for a in records]
        row.doses.sort(key=lambda d: d.scheduled_for or datetime.max)


def open_doses(rows: list[MarRow]) -> list[MarDose]:
    """Doses a nurse can give now or soon (due, overdue, coming), earliest first."""
    found = [d for row in rows for d in row.doses if d.is_open]
    return sorted(found, key=lambda d: d.scheduled_for or datetime.max)


def dose_for_scan(rows: list[MarRow], order_id: str, now: datetime) -> MarDose | None:
    """The open dose of an order a drug scan most likely means: the one nearest to now."""
    candidates = [d for d in open_doses(rows) if d.order_id == order_id]
    return min(candidates, key=lambda d: abs(d.scheduled_for - now) if d.scheduled_for else
               timedelta(0), default=None)  # fmt: skip

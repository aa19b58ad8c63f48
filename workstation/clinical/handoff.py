"""The shift handoff summary of one patient, filled from the nursing chart, as I-PASS or SBAR text
for the nurse to edit and save (HandoffRecorded). Works from the local replica, so offline too.

I-PASS: Illness severity, Patient summary, Action list, Situation awareness, Synthesis by the
receiver (Starmer AJ et al., "Changes in medical errors after implementation of a handoff
program", N Engl J Med 2014;371:1803-1812). SBAR: Situation, Background, Assessment,
Recommendation (NHS Improvement, "SBAR communication tool", 2018).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from workstation.clinical.fluid_balance import daily_balances
from workstation.clinical.mar import mar_grid, open_doses
from workstation.clinical.news2 import news2_trend
from workstation.clinical.schedule import AdministrationTimes

SHIFT = timedelta(hours=12)
TREND_POINTS = 4


@dataclass(slots=True)
class HandoffSummary:
    """What the handoff says, section by section, before it becomes text."""

    patient: str
    severity: str
    problems: list[str] = field(default_factory=list)
    allergies: list[str] = field(default_factory=list)
    due_next_shift: list[str] = field(default_factory=list)
    pending_results: list[str] = field(default_factory=list)
    news2_trend: list[int] = field(default_factory=list)
    lines_and_risks: list[str] = field(default_factory=list)
    fluid_balance: str = ""
    last_handoff: str = ""


def _live(rows: Any) -> list[Mapping[str, Any]]:
    return [r for r in rows or [] if not r.get("voided")]


def _latest_risks(chart: Mapping[str, Any]) -> list[str]:
    found: dict[str, Mapping[str, Any]] = {}
    for a in sorted(_live(chart.get("assessments")), key=lambda a: a["assessed_at"]):
        found[a["kind"]] = a
    risks = [f"{kind} {a['total']} ({a['risk']})" for kind, a in sorted(found.items())
             if a.get("total") is not None]  # fmt: skip
    admission = found.get("admission_nursing")
    if admission:
        lines = json.loads(admission["items"]).get("lines_and_devices")
        if lines:
            risks.insert(0, f"lines: {lines}")
    return risks


def _due(chart: Mapping[str, Any], now: datetime, times: AdministrationTimes | None) -> list[str]:
    rows = mar_grid(chart, start=now - SHIFT, end=now + SHIFT, now=now, times=times)
    names = {r.order_id: r.order["description"] for r in rows}
    return [f"{d.scheduled_iso[11:16] if d.scheduled_iso else 'prn'} {names[d.order_id]} ({d.status})"
            for d in open_doses(rows)]  # fmt: skip


def summarise(chart: Mapping[str, Any], *, now: datetime, spo2_scale: int = 1,
              times: AdministrationTimes | None = None) -> HandoffSummary:  # fmt: skip
    """The handoff summary of one patient at `now` (the next shift is the next 12 hours)."""
    patient = chart["patient"]
    trend = news2_trend(list(chart.get("vitals") or []), spo2_scale=spo2_scale)
    severity = trend[-1][1].risk if trend else "not scored"
    balances = daily_balances(list(chart.get("intake_output") or []), times=times)
    handoffs = sorted(_live(chart.get("handoffs")), key=lambda h: h["recorded_at"])
    return HandoffSummary(
        patient=f"{patient['name']}, bed {patient['bed']}, {patient['record_number']}"
        + (f", {patient['diagnosis']}" if patient.get("diagnosis") else ""),
        severity=severity,
        problems=[
            p["description"] for p in _live(chart.get("problems")) if p["status"] == "active"
        ],  # fmt: skip
        allergies=[f"{a['substance']} ({a['severity']})" for a in _live(chart.get("allergies"))],
        due_next_shift=_due(chart, now, times),
        pending_results=[
            o["description"]
            for o in _live(chart.get("orders"))
            if o["order_kind"] in ("lab", "imaging") and o["status"] in ("placed", "verified")
        ],  # fmt: skip
        news2_trend=[score.total for _, score in trend[-TREND_POINTS:]],
        lines_and_risks=_latest_risks(chart),
        fluid_balance=(
            f"{balances[-1].day}: in {balances[-1].intake_ml:g} mL, out "
            f"{balances[-1].output_ml:g} mL, balance {balances[-1].balance_ml:+g} mL"
            if balances
            else ""
        ),  # fmt: skip
        last_handoff=handoffs[-1]["text"] if handoffs else "",
    )


def _list(items: list[str]) -> str:
    return "; ".join(items) if items else "none"


def handoff_text(summary: HandoffSummary, style: str = "ipass") -> str:
    """The editable handoff text in I-PASS or SBAR order."""
    trend = " -> ".join(str(t) for t in summary.news2_trend) or "no vitals"
    if style == "ipass":
        lines = [
            f"I (illness severity): {summary.severity}; NEWS2 {trend}",
            f"P (patient summary): {summary.patient}. Problems: {_list(summary.problems)}. "
            f"Allergies: {_list(summary.allergies)}",
            f"A (action list): {_list(summary.due_next_shift)}. "
            f"Pending results: {_list(summary.pending_results)}",
            f"S (situation awareness): {_list(summary.lines_and_risks)}"
            + (f". Fluid balance {summary.fluid_balance}" if summary.fluid_balance else ""),
            "S (synthesis by receiver): ",
        ]
    elif style == "sbar":
        lines = [
            f"S (situation): {summary.patient}; NEWS2 {trend} ({summary.severity})",
            f"B (background): problems {_list(summary.problems)}; allergies "
            f"{_list(summary.allergies)}",
            f"A (assessment): {_list(summary.lines_and_risks)}"
            + (f"; fluid balance {summary.fluid_balance}" if summary.fluid_balance else ""),
            f"R (recommendation): {_list(summary.due_next_shift)}; pending results "
            f"{_list(summary.pending_results)}",
        ]
    else:
        raise ValueError("style must be ipass or sbar")
    return "\n".join(lines)

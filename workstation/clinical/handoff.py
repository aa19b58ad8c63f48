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
from functools import partial
from typing import Any

from workstation.clinical.dot_phrases import allergy_entries
from workstation.clinical.fluid_balance import DailyBalance, daily_balances
from workstation.clinical.formulary import default_formulary
from workstation.clinical.handoff_words import word
from workstation.clinical.mar import mar_grid, open_doses
from workstation.clinical.news2 import news2_trend
from workstation.clinical.schedule import AdministrationTimes

SHIFT = timedelta(hours=12)
TREND_POINTS = 4
NOT_SCORED = "not scored"


@dataclass(frozen=True, slots=True)
class DueDose:
    """A dose open in the next shift: its ward wall-clock time ('HH:MM'; None when as needed)."""

    at: str | None
    medicine: str
    status: str


@dataclass(frozen=True, slots=True)
class RiskScore:
    """The latest score of one nursing scale (Morse, Braden) and its risk level code."""

    kind: str
    total: int
    risk: str


@dataclass(slots=True)
class HandoffSummary:
    """What the handoff says, as data and codes; `handoff_text` words it in a language."""

    patient: Mapping[str, Any]
    severity: str  # NEWS2 clinical risk code, or NOT_SCORED
    problems: list[str] = field(default_factory=list)
    allergies: list[Mapping[str, Any]] = field(default_factory=list)
    due_next_shift: list[DueDose] = field(default_factory=list)
    pending_results: list[str] = field(default_factory=list)
    news2_trend: list[int] = field(default_factory=list)
    lines: str = ""
    risks: list[RiskScore] = field(default_factory=list)
    fluid_balance: DailyBalance | None = None
    last_handoff: str = ""


def _live(rows: Any) -> list[Mapping[str, Any]]:
    return [r for r in rows or [] if not r.get("voided")]


def _latest_assessments(chart: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    found: dict[str, Mapping[str, Any]] = {}
    for a in sorted(_live(chart.get("assessments")), key=lambda a: a["assessed_at"]):
        found[a["kind"]] = a
    return found


def _risks(found: Mapping[str, Mapping[str, Any]]) -> list[RiskScore]:
    return [RiskScore(kind, a["total"], a["risk"]) for kind, a in sorted(found.items())
            if a.get("total") is not None]  # fmt: skip


def _lines(found: Mapping[str, Mapping[str, Any]]) -> str:
    admission = found.get("admission_nursing")
    return str(json.loads(admission["items"]).get("lines_and_devices") or "") if admission else ""


def _due(chart: Mapping[str, Any], now: datetime, times: AdministrationTimes) -> list[DueDose]:
    # the handoff lists open doses only, never the high-alert flag, so any formulary will do
    rows = mar_grid(chart, start=now - SHIFT, end=now + SHIFT, now=now, times=times,
                    formulary=default_formulary())  # fmt: skip
    names = {r.order_id: r.order["description"] for r in rows}
    return [DueDose(d.scheduled_for.astimezone(times.zone).strftime("%H:%M")
                    if d.scheduled_for else None, names[d.order_id], d.status)
            for d in open_doses(rows)]  # fmt: skip


def summarise(chart: Mapping[str, Any], *, now: datetime, spo2_scale: int = 1,
              times: AdministrationTimes | None = None) -> HandoffSummary:  # fmt: skip
    """The handoff summary of one patient at `now` (the next shift is the next 12 hours); dose
    times are ward wall-clock times from the administration-times settings."""
    times = times or AdministrationTimes.load()
    trend = news2_trend(list(chart.get("vitals") or []), spo2_scale=spo2_scale)
    balances = daily_balances(list(chart.get("intake_output") or []), times=times)
    handoffs = sorted(_live(chart.get("handoffs")), key=lambda h: h["recorded_at"])
    assessments = _latest_assessments(chart)
    return HandoffSummary(
        patient=chart["patient"],
        severity=trend[-1][1].risk if trend else NOT_SCORED,
        problems=[
            p["description"] for p in _live(chart.get("problems")) if p["status"] == "active"
        ],  # fmt: skip
        allergies=_live(chart.get("allergies")),
        due_next_shift=_due(chart, now, times),
        pending_results=[
            o["description"]
            for o in _live(chart.get("orders"))
            if o["order_kind"] in ("lab", "imaging") and o["status"] in ("placed", "verified")
        ],  # fmt: skip
        news2_trend=[score.total for _, score in trend[-TREND_POINTS:]],
        lines=_lines(assessments),
        risks=_risks(assessments),
        fluid_balance=balances[-1] if balances else None,
        last_handoff=handoffs[-1]["text"] if handoffs else "",
    )


def severity_text(severity: str, language: str) -> str:
    """A NEWS2 clinical risk code (or 'not scored') in words."""
    return word(language, severity)


@dataclass(frozen=True, slots=True)
class _Parts:
    """The handoff's phrases in one language, shared by the I-PASS and SBAR layouts."""

    patient: str
    news2: str
    severity: str
    problems: str
    allergies: str
    due: str
    pending: str
    awareness: str
    fluid: str


def _phrases(summary: HandoffSummary, language: str) -> _Parts:
    w = partial(word, language)

    def listed(items: list[str]) -> str:
        return w("sep").join(items) if items else w("none")

    p = summary.patient
    patient = w(
        "patient", name=p["name"], bed=p.get("bed") or "—", record_number=p["record_number"]
    )
    due = [f"{d.at or w('prn')} {d.medicine}{w('paren', text=w(d.status))}"
           for d in summary.due_next_shift]  # fmt: skip
    awareness = ([w("lines", lines=summary.lines)] if summary.lines else []) + [
        f"{w(r.kind)} {r.total}{w('paren', text=w('risk_' + r.risk))}" for r in summary.risks
    ]  # fmt: skip
    balance = summary.fluid_balance
    return _Parts(
        patient=patient + (w("comma") + p["diagnosis"] if p.get("diagnosis") else ""),
        news2=w("news2", trend=" → ".join(str(t) for t in summary.news2_trend) or w("no_vitals")),
        severity=w(summary.severity),
        problems=w("problems", items=listed(summary.problems)),
        allergies=w("allergies", items=listed(allergy_entries(summary.allergies, language))),
        due=listed(due),
        pending=w("pending", items=listed(summary.pending_results)),
        awareness=listed(awareness),
        fluid=w("fluid", day=balance.day.isoformat(), intake=f"{balance.intake_ml:g}",
                output=f"{balance.output_ml:g}", balance=f"{balance.balance_ml:+g}")
        if balance else "",
    )  # fmt: skip


def handoff_text(summary: HandoffSummary, style: str = "ipass", *, language: str) -> str:
    """The editable handoff text in I-PASS or SBAR order, in Simplified Chinese for zh_CN and
    in English otherwise."""
    w, x = partial(word, language), _phrases(summary, language)
    fluid = (w("sep") + x.fluid) if x.fluid else ""
    if style == "ipass":
        lines = [
            f"{w('ipass_i')}{x.severity}{w('sep')}{x.news2}",
            f"{w('ipass_p')}{x.patient}{w('stop')}{x.problems}{w('stop')}{x.allergies}",
            f"{w('ipass_a')}{x.due}{w('stop')}{x.pending}",
            f"{w('ipass_s')}{x.awareness}{fluid}",
            w("ipass_synthesis"),
        ]
    elif style == "sbar":
        lines = [
            f"{w('sbar_s')}{x.patient}{w('sep')}{x.news2}{w('paren', text=x.severity)}",
            f"{w('sbar_b')}{x.problems}{w('sep')}{x.allergies}",
            f"{w('sbar_a')}{x.awareness}{fluid}",
            f"{w('sbar_r')}{x.due}{w('sep')}{x.pending}",
        ]
    else:
        raise ValueError("style must be ipass or sbar")
    return "\n".join(lines)

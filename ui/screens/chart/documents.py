"""The Summary tab as HTML built from the chart (all patient text escaped)."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication

from ui.screens.assessments.summary import admission_lines, score_lines
from ui.terms import (
    allergen,
    allergy_status_text,
    lab_name,
    local_time,
    number,
    order_text,
    term,
    unit_words,
)
from ui.theme import severity_colour

SUMMARY_LINES = 30  # medication lines shown on the Summary tab before "… and N more"


def _live(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [row for row in rows if not row.get("voided")]


def _section(title: str, lines: list[str]) -> str:
    nothing = QCoreApplication.translate("ChartDocuments", "none recorded")
    items = "".join(f"<li>{line}</li>" for line in lines) or f"<li><i>{escape(nothing)}</i></li>"
    return f"<h3>{escape(title)}</h3><ul>{items}</ul>"


def _counted(lines: list[str]) -> list[str]:
    """Identical lines once each, with how many times they occur, at most SUMMARY_LINES of them
    and a line saying how many more (the Orders tab lists them all)."""
    counts: dict[str, int] = {}
    for line in lines:
        counts[line] = counts.get(line, 0) + 1
    shown = [f"{line} <b>× {n}</b>" if n > 1 else line for line, n in counts.items()]
    if len(shown) <= SUMMARY_LINES:
        return shown
    more = QCoreApplication.translate("ChartDocuments", "… and %1 more (Orders tab, Ctrl+3)")
    return [*shown[:SUMMARY_LINES], escape(more.replace("%1", str(len(shown) - SUMMARY_LINES)))]


_WORDED = ("order_kind", "drug_code", "drug_name", "dose_value", "dose_unit", "route",
           "frequency", "duration_days", "prn_indication", "code", "description")  # fmt: skip


def _medication_lines(orders: list[dict[str, Any]]) -> list[str]:
    """The medication orders in force in words, newest first: orders worded alike (the same
    fields of `order_text`) are put in words once, not once per order (a long stay repeats
    the same few orders hundreds of times)."""
    worded: dict[tuple[Any, ...], str] = {}
    lines = []
    for order in _live(orders):
        if order["order_kind"] != "medication" or order["status"] not in ("placed", "verified"):
            continue
        key = tuple(map(order.get, _WORDED))
        if key not in worded:
            worded[key] = escape(order_text(order))
        lines.append(worded[key])
    return lines


def summary_html(chart: dict[str, Any]) -> str:
    """Diagnosis, alerts, active problems, allergies, medications in force, latest vitals, abnormal labs."""
    patient = chart["patient"] or {}
    problems = [
        escape(p["description"]) for p in _live(chart["problems"]) if p["status"] == "active"
    ]
    allergies = [
        f"<b>{escape(allergen(a['substance']))}</b> ({escape(term(a['severity']))})"
        for a in _live(chart["allergies"])
    ] or [escape(allergy_status_text(chart))]  # none recorded: the status, as the banner says it
    medications = _counted(_medication_lines(chart["orders"]))
    labs = [
        f"<span style='color:{severity_colour('critical').name()}'><b>{escape(lab_name(lab))}</b> {escape(lab['value'])} "
        f"{escape(lab.get('unit') or '')} ({escape(term(lab['flag']))})</span>"
        for lab in _live(chart["labs"]) if lab.get("flag")
    ]  # fmt: skip
    flags = [escape(flag["message"]) for flag in chart["flags"]]
    parts = [
        "<h3>"
        + escape(QCoreApplication.translate("ChartDocuments", "Diagnosis"))
        + f"</h3><p>{escape(patient.get('diagnosis') or '—')}</p>"
    ]
    if flags:
        parts.append(_section(QCoreApplication.translate("ChartDocuments", "Needs review"), flags))
    parts += [
        _section(QCoreApplication.translate("ChartDocuments", "Active problems"), problems),
        _section(QCoreApplication.translate("ChartDocuments", "Allergies"), allergies),
        _section(QCoreApplication.translate("ChartDocuments", "Medications in force"), medications),
        _section(
            QCoreApplication.translate("ChartDocuments", "Latest vitals"),
            _latest_vitals(_live(chart["vitals"])),
        ),
        _section(QCoreApplication.translate("ChartDocuments", "Abnormal results"), labs[:10]),
    ]
    scores = score_lines(chart.get("risk_scores") or [])
    if scores:  # the latest Morse and Braden (nurse's assessments)
        title = QCoreApplication.translate("ChartDocuments", "Fall and pressure-injury risk")
        parts.append(_section(title, scores))
    admission = admission_lines(chart.get("risk_scores") or [])
    if admission:
        title = QCoreApplication.translate("ChartDocuments", "Admission nursing assessment")
        parts.append(_section(title, admission))
    return "".join(parts)


def _latest_vitals(vitals: list[dict[str, Any]]) -> list[str]:
    if not vitals:
        return []
    v = vitals[0]
    bits = [
        (QCoreApplication.translate("ChartDocuments", "T"), number(v.get("temperature_c")), "°C"),
        (
            QCoreApplication.translate("ChartDocuments", "P"),
            number(v.get("pulse_bpm")),
            unit_words("/min"),
        ),
        (
            QCoreApplication.translate("ChartDocuments", "R"),
            number(v.get("resp_rate")),
            unit_words("/min"),
        ),
        (
            QCoreApplication.translate("ChartDocuments", "BP"),
            f"{v['systolic_mmhg']}/{v.get('diastolic_mmhg')}" if v.get("systolic_mmhg") else "",
            "mmHg",
        ),
        (QCoreApplication.translate("ChartDocuments", "SpO₂"), number(v.get("spo2_pct")), "%"),
    ]
    text = "  ".join(f"{label} {value}{unit}" for label, value, unit in bits if value)
    return [escape(f"{local_time(v['taken_at'])}: {text}")]

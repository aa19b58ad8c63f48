"""The columns of each chart table, with translated headers (built after the translator is set)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from ui.screens.chart.records import Column
from ui.terms import local_time, number, term


def _tr(text: str) -> str:
    return QCoreApplication.translate("ChartColumns", text)


def _get(key: str) -> Any:
    return lambda row: "" if row.get(key) is None else str(row[key])


def _dose(row: dict[str, Any]) -> str:
    if row.get("dose_value") is None:
        return ""
    return f"{number(row['dose_value'], 2)} {row.get('dose_unit') or ''}".strip()


def _reference(row: dict[str, Any]) -> str:
    low, high = row.get("reference_low"), row.get("reference_high")
    if low is None and high is None:
        return ""
    return f"{number(low, 2)}–{number(high, 2)}"


def _blood_pressure(row: dict[str, Any]) -> str:
    if row.get("systolic_mmhg") is None:
        return ""
    return f"{row['systolic_mmhg']}/{row.get('diastolic_mmhg') or '?'}"


def _lab_abnormal(row: dict[str, Any]) -> bool:
    return bool(row.get("flag"))


def order_columns() -> list[Column]:
    """Orders: when, kind, what, dose, route, frequency, status."""
    return [
        Column(_tr("Placed"), lambda r: local_time(r["placed_at"])),
        Column(_tr("Kind"), lambda r: term(r["order_kind"])),
        Column(_tr("Order"), lambda r: r.get("drug_name") or r["description"]),
        Column(_tr("Dose"), _dose),
        Column(_tr("Route"), _get("route")),
        Column(
            _tr("Frequency"),
            lambda r: (r.get("frequency") or "") + (" PRN" if r.get("prn") else ""),
        ),
        Column(
            _tr("Status"), lambda r: term(r["status"]), alert=lambda r: r["status"] in ("rejected",)
        ),
    ]


def lab_columns() -> list[Column]:
    """Results: when, test, value with unit, reference range, flag (abnormal ones emphasised)."""
    return [
        Column(_tr("Resulted"), lambda r: local_time(r["resulted_at"])),
        Column(_tr("Test"), lambda r: r["test_name"]),
        Column(
            _tr("Value"),
            lambda r: f"{r['value']} {r.get('unit') or ''}".strip(),
            alert=_lab_abnormal,
        ),
        Column(_tr("Reference"), _reference),
        Column(
            _tr("Flag"), lambda r: term(r["flag"]) if r.get("flag") else "", alert=_lab_abnormal
        ),
    ]


def vitals_columns() -> list[Column]:
    """Vitals: one row per set, newest first."""
    return [
        Column(_tr("Taken"), lambda r: local_time(r["taken_at"])),
        Column(_tr("Temp °C"), lambda r: number(r.get("temperature_c"))),
        Column(_tr("Pulse"), lambda r: number(r.get("pulse_bpm"))),
        Column(_tr("Resp"), lambda r: number(r.get("resp_rate"))),
        Column(_tr("BP mmHg"), _blood_pressure),
        Column(_tr("SpO₂ %"), lambda r: number(r.get("spo2_pct"))),
        Column(_tr("O₂"), lambda r: _tr("yes") if r.get("on_oxygen") else ""),
        Column(_tr("AVPU"), _get("consciousness")),
        Column(_tr("Pain"), lambda r: number(r.get("pain_score"))),
        Column(_tr("Weight kg"), lambda r: number(r.get("weight_kg"))),
    ]


def problem_columns() -> list[Column]:
    """Problems: description, ICD-10, status, when recorded."""
    return [
        Column(_tr("Problem"), lambda r: r["description"]),
        Column(_tr("ICD-10"), _get("icd10")),
        Column(_tr("Status"), lambda r: term(r["status"])),
        Column(_tr("Recorded"), lambda r: local_time(r["recorded_at"])),
    ]


def allergy_columns() -> list[Column]:
    """Allergies: substance, reaction, severity, when recorded."""
    return [
        Column(_tr("Substance"), lambda r: r["substance"], alert=lambda r: not r.get("voided")),
        Column(_tr("Reaction"), _get("reaction")),
        Column(_tr("Severity"), lambda r: term(r["severity"])),
        Column(_tr("Recorded"), lambda r: local_time(r["recorded_at"])),
    ]

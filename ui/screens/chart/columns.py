"""The columns of each chart table, with translated headers (built after the translator is set)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from ui.icons import high_alert_word
from ui.screens.chart.records import Column
from ui.terms import (
    allergen,
    drug_name,
    frequency_words,
    lab_name,
    local_time,
    number,
    order_text,
    route_words,
    term,
)
from workstation.clinical.order_words import is_medication


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
    if low is None:
        return f"≤ {number(high, 2)}"
    if high is None:
        return f"≥ {number(low, 2)}"
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
        Column(
            QCoreApplication.translate("ChartColumns", "Placed"),
            lambda r: local_time(r["placed_at"]),
        ),
        Column(QCoreApplication.translate("ChartColumns", "Kind"), lambda r: term(r["order_kind"])),
        Column(
            QCoreApplication.translate("ChartColumns", "Order"),
            lambda r: (
                (high_alert_word() + ": " if r.get("high_alert") else "")
                + (drug_name(r) if is_medication(r) else order_text(r))
            ),
            icon=lambda r: "high_alert" if r.get("high_alert") else None,
        ),
        Column(QCoreApplication.translate("ChartColumns", "Dose"), _dose),
        Column(QCoreApplication.translate("ChartColumns", "Route"), lambda r: route_words(r)),
        Column(
            QCoreApplication.translate("ChartColumns", "Frequency"),
            lambda r: frequency_words(r),
        ),
        Column(
            QCoreApplication.translate("ChartColumns", "Status"),
            lambda r: term(r["status"]),
            alert=lambda r: r["status"] in ("rejected",),
        ),
    ]


def lab_columns() -> list[Column]:
    """Results: when, test, value with unit, reference range, flag (abnormal ones emphasised)."""
    return [
        Column(
            QCoreApplication.translate("ChartColumns", "Resulted"),
            lambda r: local_time(r["resulted_at"]),
        ),
        Column(QCoreApplication.translate("ChartColumns", "Test"), lab_name),
        Column(
            QCoreApplication.translate("ChartColumns", "Value"),
            lambda r: f"{r['value']} {r.get('unit') or ''}".strip(),
            alert=_lab_abnormal,
        ),
        Column(QCoreApplication.translate("ChartColumns", "Reference"), _reference),
        Column(
            QCoreApplication.translate("ChartColumns", "Flag"),
            lambda r: term(r["flag"]) if r.get("flag") else "",
            alert=_lab_abnormal,
        ),
    ]


def vitals_columns() -> list[Column]:
    """Vitals: one row per set, newest first."""
    return [
        Column(
            QCoreApplication.translate("ChartColumns", "Taken"), lambda r: local_time(r["taken_at"])
        ),
        Column(
            QCoreApplication.translate("ChartColumns", "Temp °C"),
            lambda r: number(r.get("temperature_c")),
        ),
        Column(
            QCoreApplication.translate("ChartColumns", "Pulse"),
            lambda r: number(r.get("pulse_bpm")),
        ),
        Column(
            QCoreApplication.translate("ChartColumns", "Resp"), lambda r: number(r.get("resp_rate"))
        ),
        Column(QCoreApplication.translate("ChartColumns", "BP mmHg"), _blood_pressure),
        Column(
            QCoreApplication.translate("ChartColumns", "SpO₂ %"),
            lambda r: number(r.get("spo2_pct")),
        ),
        Column(
            QCoreApplication.translate("ChartColumns", "O₂"),
            lambda r: (
                QCoreApplication.translate("ChartColumns", "yes") if r.get("on_oxygen") else ""
            ),
        ),
        Column(QCoreApplication.translate("ChartColumns", "AVPU"), _get("consciousness")),
        Column(
            QCoreApplication.translate("ChartColumns", "Pain"),
            lambda r: number(r.get("pain_score")),
        ),
        Column(
            QCoreApplication.translate("ChartColumns", "Weight kg"),
            lambda r: number(r.get("weight_kg")),
        ),
    ]


def problem_columns() -> list[Column]:
    """Problems: description, ICD-10, status, when recorded."""
    return [
        Column(QCoreApplication.translate("ChartColumns", "Problem"), lambda r: r["description"]),
        Column(QCoreApplication.translate("ChartColumns", "ICD-10"), _get("icd10")),
        Column(QCoreApplication.translate("ChartColumns", "Status"), lambda r: term(r["status"])),
        Column(
            QCoreApplication.translate("ChartColumns", "Recorded"),
            lambda r: local_time(r["recorded_at"]),
        ),
    ]


def allergy_columns() -> list[Column]:
    """Allergies: substance, reaction, severity, when recorded."""
    return [
        Column(
            QCoreApplication.translate("ChartColumns", "Substance"),
            lambda r: allergen(r["substance"]),
            alert=lambda r: not r.get("voided"),
        ),
        Column(QCoreApplication.translate("ChartColumns", "Reaction"), _get("reaction")),
        Column(
            QCoreApplication.translate("ChartColumns", "Severity"), lambda r: term(r["severity"])
        ),
        Column(
            QCoreApplication.translate("ChartColumns", "Recorded"),
            lambda r: local_time(r["recorded_at"]),
        ),
    ]

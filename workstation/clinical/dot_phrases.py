"""Dot-phrases of the note editor (`.vitals`, `.meds`, `.allergies`, `.problems`, `.labs`):
plain text filled from the chart dict of `queries.chart`, in Chinese or English."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any

from workstation.clinical.allergy_names import allergen_name
from workstation.clinical.allergy_status import allergy_status
from workstation.clinical.schedule import ward_clock
from workstation.clock import parse_iso

Chart = dict[str, Any]

_WORDS = {
    "zh": {
        "no_vitals": "暂无生命体征记录", "no_meds": "暂无在用药物", "no_problems": "暂无活动问题",
        "no_labs": "暂无检验结果", "taken": "于", "sep": "，",
        "mild": "轻度", "moderate": "中度", "severe": "重度", "unknown": "程度不详",
        "oxygen": "（吸氧）", "prn": "（必要时）",
    },
    "en": {
        "no_vitals": "No vital signs recorded", "no_meds": "No medications in force",
        "no_problems": "No active problems",
        "no_labs": "No results", "taken": "at", "sep": ", ", "mild": "mild",
        "moderate": "moderate", "severe": "severe", "unknown": "severity unknown",
        "oxygen": " (on oxygen)", "prn": " (as needed)",
    },
}  # fmt: skip
_FLAG_MARKS = {"H": "↑", "HH": "↑↑", "L": "↓", "LL": "↓↓", "A": "*"}
LAB_LIMIT = 12


def _words(language: str) -> dict[str, str]:
    return _WORDS["zh" if language.lower().startswith("zh") else "en"]


def _live(rows: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    return [row for row in rows or [] if not row.get("voided")]


def _num(value: float | int | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _when(stamp: str) -> str:
    """A stored UTC time on the ward's clock (the administration-times zone, as the MAR), not
    the PC's own zone."""
    moment: datetime = parse_iso(stamp).astimezone(ward_clock())
    return moment.strftime("%Y-%m-%d %H:%M")


def vitals(chart: Chart, language: str) -> str:
    """The latest set of vital signs with the time it was taken."""
    words, rows = _words(language), _live(chart.get("vitals"))
    if not rows:
        return words["no_vitals"]
    v = max(rows, key=lambda row: row["taken_at"])
    zh = words is _WORDS["zh"]
    parts = [
        ("T", _num(v.get("temperature_c")), "°C" if zh else " °C"),  # ℃ is missing from common CJK fonts
        ("P" if zh else "HR", _num(v.get("pulse_bpm")), "次/分" if zh else "/min"),
        ("R" if zh else "RR", _num(v.get("resp_rate")), "次/分" if zh else "/min"),
        ("BP", f"{v['systolic_mmhg']}/{v.get('diastolic_mmhg') or '?'}" if v.get("systolic_mmhg") else "",
         "mmHg" if zh else " mmHg"),
        ("SpO2", _num(v.get("spo2_pct")), "%"),
    ]  # fmt: skip
    text = words["sep"].join(f"{label} {value}{unit}" for label, value, unit in parts if value)
    if v.get("on_oxygen"):
        text += words["oxygen"]
    return _with_time(text, v["taken_at"], words)


def meds(chart: Chart, language: str) -> str:
    """Medication orders in force, one per line: drug, dose, route, frequency."""
    words = _words(language)
    rows = [o for o in _live(chart.get("orders"))
            if o["order_kind"] == "medication" and o["status"] in ("placed", "verified")]  # fmt: skip
    if not rows:
        return words["no_meds"]
    lines = []
    for o in sorted(rows, key=lambda row: row["placed_at"]):
        dose = f"{_num(o.get('dose_value'))} {o.get('dose_unit') or ''}".strip()
        bits = [o.get("drug_name") or o["description"], dose, o.get("route") or "",
                o.get("frequency") or ""]  # fmt: skip
        lines.append("- " + " ".join(b for b in bits if b) + (words["prn"] if o.get("prn") else ""))
    return "\n".join(lines)


def allergy_entries(rows: Iterable[Mapping[str, Any]] | None, language: str) -> list[str]:
    """Each live allergy as 'penicillins (severe: rash)' / '青霉素类（重度：皮疹）'; the reaction
    only when one was recorded; an allergy class's id named as the class (allergy_names). The one
    wording of an allergy for notes, handoff and print."""
    words = _words(language)
    zh = words is _WORDS["zh"]
    entries = []
    for a in (row for row in rows or [] if not row.get("voided")):
        detail = words.get(a.get("severity") or "unknown", a.get("severity") or "")
        if a.get("reaction"):
            detail += ("：" if zh else ": ") + a["reaction"]
        name = allergen_name(a["substance"], zh)
        entries.append(f"{name}（{detail}）" if zh else f"{name} ({detail})")
    return entries


def allergies(chart: Chart, language: str) -> str:
    """Recorded allergies with severity and reaction, else the allergy status's words ("no known
    allergies" or "not yet documented": workstation.clinical.allergy_status)."""
    entries = allergy_entries(chart.get("allergies"), language)
    if entries:
        return _words(language)["sep"].join(entries)
    return allergy_status(chart).text(language)


def problems(chart: Chart, language: str) -> str:
    """Active problems, one per line, with their ICD-10 codes."""
    words = _words(language)
    rows = [p for p in _live(chart.get("problems")) if p.get("status") == "active"]
    if not rows:
        return words["no_problems"]
    return "\n".join(
        f"{n}. {p['description']}" + (f" ({p['icd10']})" if p.get("icd10") else "")
        for n, p in enumerate(rows, start=1)
    )


def _lab_text(row: dict[str, Any]) -> str:
    unit = f" {row['unit']}" if row.get("unit") else ""
    return f"{row['test_name']} {row['value']}{unit}{_FLAG_MARKS.get(row.get('flag') or '', '')}"


def labs(chart: Chart, language: str) -> str:
    """The latest result of each test (up to 12, newest first), abnormal ones marked ↑ ↓."""
    words = _words(language)
    latest: dict[str, dict[str, Any]] = {}
    for row in sorted(_live(chart.get("labs")), key=lambda r: r["resulted_at"]):
        latest[row["test_code"]] = row
    if not latest:
        return words["no_labs"]
    rows = sorted(latest.values(), key=lambda r: r["resulted_at"], reverse=True)[:LAB_LIMIT]
    text = words["sep"].join(_lab_text(row) for row in rows)
    return _with_time(text, rows[0]["resulted_at"], words)


def _with_time(text: str, stamp: str, words: dict[str, str]) -> str:
    if words is _WORDS["zh"]:
        return f"{text}（{words['taken']} {_when(stamp)}）"
    return f"{text} ({words['taken']} {_when(stamp)})"


PHRASES: dict[str, Callable[[Chart, str], str]] = {
    "vitals": vitals, "meds": meds, "allergies": allergies, "problems": problems, "labs": labs,
}  # fmt: skip


def expand(name: str, chart: Chart, language: str) -> str | None:
    """The text of a dot-phrase (name with or without its dot), or None when there is no such phrase."""
    phrase = PHRASES.get(name.lstrip(".").lower())
    return None if phrase is None else phrase(chart, language)

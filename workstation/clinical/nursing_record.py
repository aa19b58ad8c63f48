"""The nursing record's rules (护理记录): which form a patient gets, and the intake and output
totals of each shift (班次小结) and of each 24-hour ward day (24小时总结).

Which form: the 危重患者护理记录 for a patient whose illness grade or nursing level the hospital
lists (resources/settings/nursing_record.json; default 病危/病重, 病历书写基本规范 2010 Art. 22
(二十三), and 特级/一级护理, a ward convention), the 一般护理记录 for everyone else. The ward day
starts at the hospital's `day_start` (default 07:00); the shifts are the ward's (records.json).
A period is [start, end): a row at exactly 07:00 belongs to the new day. A superseded row counts
no more: its correction counts instead."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any

from workstation.clinical.ward_census import records_settings
from workstation.clock import parse_iso
from workstation.events.nursing_record_events import OUTPUT_CATEGORIES
from workstation.events.vocabulary import INTAKE_CATEGORIES
from workstation.resources import resource


@dataclass(frozen=True, slots=True)
class RecordSettings:
    """The ward day's start, the ward's shifts, and who gets the 危重 form."""

    day_start: time = time(7, 0)
    shifts: tuple[tuple[str, time, time], ...] = ()
    critical_acuities: frozenset[str] = frozenset({"critical", "serious"})
    critical_levels: frozenset[str] = frozenset({"special", "first"})

    @classmethod
    def load(cls, path: Path | None = None) -> RecordSettings:
        """Read resources/settings/nursing_record.json and the shifts of records.json."""
        raw = json.loads((path or resource("settings", "nursing_record.json")).read_text("utf-8"))
        shifts = tuple((name, time.fromisoformat(begin), time.fromisoformat(end))
                       for name, (begin, end) in records_settings()["shifts"].items())  # fmt: skip
        return cls(time.fromisoformat(raw["day_start"]), shifts,
                   frozenset(raw["critical_form_acuities"]), frozenset(raw["critical_form_levels"]))  # fmt: skip


def record_form(acuity: str | None, level: str | None, settings: RecordSettings) -> str:
    """critical (危重患者护理记录) when the illness grade or nursing level is listed, else general."""
    if acuity in settings.critical_acuities or level in settings.critical_levels:
        return "critical"
    return "general"


@dataclass(slots=True)
class Totals:
    """Intake and output (mL, by kind) of one period: a shift or a ward day."""

    kind: str  # "day" or the shift's name
    start: datetime
    end: datetime
    intake: dict[str, float] = field(default_factory=dict)
    output: dict[str, float] = field(default_factory=dict)

    @property
    def intake_ml(self) -> float:
        """All intake of the period."""
        return sum(self.intake.values())

    @property
    def output_ml(self) -> float:
        """All output of the period."""
        return sum(self.output.values())

    @property
    def balance_ml(self) -> float:
        """Intake minus output: positive is a net gain."""
        return self.intake_ml - self.output_ml

    def add(self, row: Mapping[str, Any]) -> None:
        """Count one row's volumes."""
        for side, into in (("intake", self.intake), ("output", self.output)):
            for kind, ml in (row.get(side) or {}).items():
                into[kind] = into.get(kind, 0.0) + float(ml)


def day_window(moment: datetime, zone: tzinfo, day_start: time) -> tuple[datetime, datetime]:
    """The ward day [start, end) a moment belongs to."""
    local = moment.astimezone(zone)
    day = local.date() - timedelta(days=1) if local.time() < day_start else local.date()
    start = datetime.combine(day, day_start, zone)
    return start, start + timedelta(days=1)


def shift_window(moment: datetime, zone: tzinfo,
                 shifts: Iterable[tuple[str, time, time]]) -> tuple[str, datetime, datetime] | None:  # fmt: skip
    """The shift (name, start, end) a moment falls in, a shift ending at or before its start
    ending the next day; None when the shifts leave the moment uncovered."""
    local = moment.astimezone(zone)
    for day in (local.date(), local.date() - timedelta(days=1)):
        for name, begin, finish in shifts:
            start = datetime.combine(day, begin, zone)
            end = datetime.combine(day, finish, zone)
            end += timedelta(days=1) if end <= start else timedelta(0)
            if start <= local < end:
                return name, start, end
    return None


def counted(rows: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The rows that count: every row not superseded by a correction."""
    return [r for r in rows if not r.get("superseded_by")]


def day_totals(rows: Iterable[Mapping[str, Any]], zone: tzinfo,
               settings: RecordSettings) -> list[Totals]:  # fmt: skip
    """The 24-hour totals of each ward day with rows, oldest first."""
    days: dict[datetime, Totals] = {}
    for row in counted(rows):
        start, end = day_window(parse_iso(row["written_at"]), zone, settings.day_start)
        days.setdefault(start, Totals("day", start, end)).add(row)
    return [days[k] for k in sorted(days)]


def shift_totals(rows: Iterable[Mapping[str, Any]], zone: tzinfo,
                 settings: RecordSettings) -> list[Totals]:  # fmt: skip
    """The totals of each shift with rows, oldest first."""
    found: dict[datetime, Totals] = {}
    for row in counted(rows):
        window = shift_window(parse_iso(row["written_at"]), zone, settings.shifts)
        if window is not None:
            name, start, end = window
            found.setdefault(start, Totals(name, start, end)).add(row)
    return [found[k] for k in sorted(found)]


def sheet_lines(rows: Sequence[Mapping[str, Any]], zone: tzinfo,
                settings: RecordSettings) -> list[tuple[str, Any]]:  # fmt: skip
    """The record as printed and shown: ("row", row), ("shift", Totals) and ("day", Totals) in
    time order, each total after the last row of its period (superseded rows stay, marked)."""
    lines: list[tuple[tuple[datetime, int, str], tuple[str, Any]]] = []
    for row in rows:
        lines.append(((parse_iso(row["written_at"]), 2, str(row.get("row_id", ""))), ("row", row)))
    for order, totals in ((0, shift_totals(rows, zone, settings)),
                          (1, day_totals(rows, zone, settings))):  # fmt: skip
        kind = "shift" if order == 0 else "day"
        lines += [((t.end, order, ""), (kind, t)) for t in totals]
    return [line for _, line in sorted(lines, key=lambda item: item[0])]


def ward_day_of(moment: datetime, zone: tzinfo, settings: RecordSettings) -> date:
    """The calendar date that names the ward day of a moment."""
    return day_window(moment, zone, settings.day_start)[0].date()


# What a nurse types for each kind: `po 200 iv 500`, `口服200 静脉500`, `u 300 引流 50`.
VOLUME_WORDS: dict[str, str] = {
    "po": "oral", "oral": "oral", "口服": "oral", "饮水": "oral",
    "iv": "iv", "静脉": "iv", "输液": "iv",
    "ng": "enteral", "enteral": "enteral", "鼻饲": "enteral", "肠内": "enteral",
    "blood": "blood", "输血": "blood",
    "u": "urine", "urine": "urine", "尿": "urine", "尿量": "urine",
    "dr": "drain", "drain": "drain", "引流": "drain",
    "vomit": "vomit", "呕吐": "vomit", "stool": "stool", "便": "stool", "大便": "stool",
    "gastric": "nasogastric", "胃液": "nasogastric", "胃肠减压": "nasogastric",
    "loss": "blood_loss", "出血": "blood_loss",
}  # fmt: skip
_ENTRY = re.compile(r"([^\d\s,，;；.]+)\s*(\d+(?:\.\d+)?)")


def parse_volumes(typed: str, direction: str) -> dict[str, float]:
    """The kind -> mL of what a nurse typed for intake or output; ValueError names what is not
    understood. `other` is other_intake or other_output by the side."""
    allowed = INTAKE_CATEGORIES if direction == "intake" else OUTPUT_CATEGORIES
    found: dict[str, float] = {}
    rest = _ENTRY.sub("", typed)
    if rest.strip(" ,，;；"):
        raise ValueError(f"not understood: {rest.strip()!r} (type a kind and mL, e.g. po 200)")
    for word, amount in _ENTRY.findall(typed):
        word = word.lower()
        kind = f"other_{direction}" if word in ("other", "其他") else VOLUME_WORDS.get(word, word)
        if kind not in allowed:
            raise ValueError(f"{word} is not an {direction} kind")
        found[kind] = found.get(kind, 0.0) + float(amount)
    return found


# The names of the kinds of intake and output as the form prints them (Chinese, English).
KIND_NAMES: dict[str, tuple[str, str]] = {
    "oral": ("口服", "oral"), "iv": ("静脉", "IV"), "enteral": ("鼻饲", "enteral"),
    "blood": ("输血", "blood"), "other_intake": ("其他", "other"), "urine": ("尿", "urine"),
    "drain": ("引流", "drain"), "vomit": ("呕吐", "vomit"), "stool": ("大便", "stool"),
    "nasogastric": ("胃液", "gastric"), "blood_loss": ("出血", "blood loss"),
    "other_output": ("其他", "other"),
}  # fmt: skip

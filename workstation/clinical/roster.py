"""A ward's nurse roster (排班), Qt-free: its shift pattern, the nurses' 能级, and who works which
shift of which date with which beds (责任护士). Ward management data kept on the server and edited
by the head nurse; these functions check a roster's fields and answer "who is on now, with which
beds" for the worklist and the staffing dashboard, on the station as on the server."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

# 能级 (clinical ladder) N0-N4: the hospital's 护士分层级管理, which 卫生部《关于实施医院护士岗位管理的
# 指导意见》(卫医政发〔2012〕30号) asks hospitals to set up; the N0-N4 names are the common hospital
# practice (some provinces use more grades), not a national figure. Optional on a roster.
NURSE_LEVELS = ("N0", "N1", "N2", "N3", "N4")
MAX_SHIFTS = 6
MAX_NURSES_PER_SHIFT = 40
MAX_BEDS_PER_NURSE = 60
MAX_NAME = 20
MAX_CELLS = 31 * MAX_SHIFTS  # one edit: at most a month of every shift
_CODE = re.compile(r"^[A-Z][A-Z0-9]{0,3}$")
_CLOCK = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")


class RosterError(ValueError):
    """A roster field out of bounds; the message names it."""


@dataclass(frozen=True, slots=True)
class Shift:
    """One shift of the ward's pattern; `end` not after `start` means it ends the next day."""

    code: str
    name_zh: str
    name_en: str
    start: str  # HH:MM, the ward clock
    end: str

    def span(self, day: date, clock: tzinfo) -> tuple[datetime, datetime]:
        """When this shift of `day` starts and ends (aware datetimes)."""
        begin = datetime.combine(day, time.fromisoformat(self.start), clock)
        finish = datetime.combine(day, time.fromisoformat(self.end), clock)
        return begin, finish if finish > begin else finish + timedelta(days=1)

    def hours(self) -> float:
        """The shift's length in hours."""
        begin, finish = self.span(date(2000, 1, 3), UTC)
        return (finish - begin).total_seconds() / 3600


def _text(raw: Mapping[str, Any], key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not 0 < len(value.strip()) <= MAX_NAME:
        raise RosterError(f"{where}.{key}: a text of 1 to {MAX_NAME} characters")
    return value.strip()


def parse_shifts(raw: Any) -> list[Shift]:
    """The ward's shift pattern from its JSON form; RosterError naming the bad field."""
    if not isinstance(raw, list) or not 0 < len(raw) <= MAX_SHIFTS:
        raise RosterError(f"shifts: a list of 1 to {MAX_SHIFTS} shifts")
    shifts: list[Shift] = []
    for i, item in enumerate(raw):
        where = f"shifts[{i}]"
        if not isinstance(item, Mapping):
            raise RosterError(f"{where}: an object")
        code = item.get("code")
        if not isinstance(code, str) or not _CODE.match(code):
            raise RosterError(f"{where}.code: 1 to 4 capital letters or digits, a letter first")
        start, end = item.get("start"), item.get("end")
        for key, value in (("start", start), ("end", end)):
            if not isinstance(value, str) or not _CLOCK.match(value):
                raise RosterError(f"{where}.{key}: a time HH:MM")
        if start == end:
            raise RosterError(f"{where}: a shift of 24 hours is not a shift")
        name_zh, name_en = _text(item, "name_zh", where), _text(item, "name_en", where)
        shifts.append(Shift(code, name_zh, name_en, str(start), str(end)))
    if len({s.code for s in shifts}) != len(shifts):
        raise RosterError("shifts: each code once")
    return shifts


def shifts_json(shifts: Iterable[Shift]) -> list[dict[str, str]]:
    """The JSON form of a shift pattern."""
    return [{"code": s.code, "name_zh": s.name_zh, "name_en": s.name_en, "start": s.start,
             "end": s.end} for s in shifts]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Assignment:
    """A nurse on one shift of one date, with the beds she is 责任护士 for (may be none)."""

    day: date
    shift: str
    nurse_id: str
    beds: tuple[str, ...]


def parse_cells(
    raw: Any, *, shifts: Sequence[Shift], nurses: Iterable[str], beds: Iterable[str]
) -> dict[tuple[date, str], list[Assignment]]:
    """The cells of an edit, {(date, shift): its nurses}, from [{date, shift, assignments: [{nurse_id,
    beds}]}]: known shift, nurses of the ward, each nurse and bed once per cell, beds of the ward."""
    if not isinstance(raw, list) or len(raw) > MAX_CELLS:
        raise RosterError(f"cells: a list of at most {MAX_CELLS}")
    codes, ward_nurses, ward_beds = {s.code for s in shifts}, set(nurses), set(beds)
    cells: dict[tuple[date, str], list[Assignment]] = {}
    for i, cell in enumerate(raw):
        where = f"cells[{i}]"
        if not isinstance(cell, Mapping) or cell.get("shift") not in codes:
            raise RosterError(
                f"{where}.shift: one of the ward's shifts ({', '.join(sorted(codes))})"
            )
        day = _day(cell.get("date"), where)
        key = (day, str(cell["shift"]))
        if key in cells:
            raise RosterError(f"{where}: {day} {key[1]} twice in one edit")
        cells[key] = _cell(cell.get("assignments"), key, where, ward_nurses, ward_beds)
    return cells


def _day(value: Any, where: str) -> date:
    try:
        return date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else _no()
    except ValueError:
        raise RosterError(f"{where}.date: a date YYYY-MM-DD") from None


def _no() -> date:
    raise ValueError


def _cell(raw: Any, key: tuple[date, str], where: str, ward_nurses: set[str],
          ward_beds: set[str]) -> list[Assignment]:  # fmt: skip
    if not isinstance(raw, list) or len(raw) > MAX_NURSES_PER_SHIFT:
        raise RosterError(f"{where}.assignments: a list of at most {MAX_NURSES_PER_SHIFT}")
    found: list[Assignment] = []
    taken: set[str] = set()
    for j, item in enumerate(raw):
        at = f"{where}.assignments[{j}]"
        nurse = item.get("nurse_id") if isinstance(item, Mapping) else None
        if nurse not in ward_nurses:
            raise RosterError(f"{at}.nurse_id: a nurse of this ward")
        if any(a.nurse_id == nurse for a in found):
            raise RosterError(f"{at}: the same nurse twice on one shift")
        beds = item.get("beds", [])
        if not isinstance(beds, list) or len(beds) > MAX_BEDS_PER_NURSE:
            raise RosterError(f"{at}.beds: a list of at most {MAX_BEDS_PER_NURSE} beds")
        if not set(beds) <= ward_beds:
            raise RosterError(f"{at}.beds: beds of this ward only")
        if taken & set(beds) or len(set(beds)) != len(beds):
            raise RosterError(f"{at}.beds: a bed has one 责任护士 per shift")
        taken |= set(beds)
        found.append(Assignment(key[0], key[1], str(nurse), tuple(beds)))
    return found


def parse_levels(raw: Any, nurses: Iterable[str]) -> dict[str, str]:
    """{nurse_id: N0..N4} for nurses of the ward."""
    ward_nurses = set(nurses)
    if not isinstance(raw, Mapping) or len(raw) > 500:
        raise RosterError("levels: an object {nurse_id: level}")
    for nurse, level in raw.items():
        if nurse not in ward_nurses:
            raise RosterError(f"levels.{nurse}: a nurse of this ward")
        if level not in NURSE_LEVELS:
            raise RosterError(f"levels.{nurse}: one of {', '.join(NURSE_LEVELS)}")
    return {str(k): str(v) for k, v in raw.items()}


def shift_at(shifts: Sequence[Shift], moment: datetime, clock: tzinfo) -> tuple[date, Shift] | None:
    """The (roster date, shift) running at `moment`; a night shift that began the day before
    belongs to that day's roster. None when the pattern leaves the moment uncovered."""
    local = moment.astimezone(clock)
    for day in (local.date(), local.date() - timedelta(days=1)):
        for shift in shifts:
            begin, finish = shift.span(day, clock)
            if begin <= local < finish:
                return day, shift
    return None


def beds_of(
    snapshot: Mapping[str, Any], nurse_id: str, moment: datetime, clock: tzinfo
) -> frozenset[str] | None:
    """The beds `nurse_id` is responsible for on the shift running at `moment` in a roster
    snapshot; None when she is not on that shift or holds no beds on it (the head nurse on the
    ward): the worklist then shows the whole ward."""
    try:
        shifts = parse_shifts(snapshot.get("shifts"))
    except RosterError:
        return None
    now = shift_at(shifts, moment, clock)
    if now is None:
        return None
    day, shift = now
    for item in snapshot.get("assignments", []):
        if (item.get("date"), item.get("shift"), item.get("nurse_id")) == (
            day.isoformat(), shift.code, nurse_id,
        ):  # fmt: skip
            return frozenset(item.get("beds", [])) or None  # on the ward, no beds: all of it
    return None


def parse_beds(text: str, ward_beds: Sequence[str]) -> list[str]:
    """Beds typed as "1-8, 12" (ranges follow the ward's bed order), in the ward's order;
    RosterError naming a bed the ward does not have."""
    order = {bed: i for i, bed in enumerate(ward_beds)}
    chosen: set[str] = set()
    for part in (p.strip() for p in re.split(r"[,，;；\s]+", text) if p.strip()):
        first, _, last = part.partition("-")
        first, last = first.strip(), (last.strip() or first.strip())
        if first not in order or last not in order:
            raise RosterError(f"beds: no bed {first if first not in order else last} on this ward")
        low, high = sorted((order[first], order[last]))
        chosen |= set(ward_beds[low : high + 1])
    return sorted(chosen, key=order.__getitem__)


def beds_text(beds: Iterable[str], ward_beds: Sequence[str]) -> str:
    """Beds written back as ranges of the ward's bed order ("1-8, 12")."""
    order = {bed: i for i, bed in enumerate(ward_beds)}
    picked = sorted(order[b] for b in set(beds) if b in order)
    runs: list[list[int]] = []
    for i in picked:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return ", ".join(ward_beds[r[0]] if len(r) == 1 else f"{ward_beds[r[0]]}-{ward_beds[r[-1]]}"
                     for r in runs)  # fmt: skip

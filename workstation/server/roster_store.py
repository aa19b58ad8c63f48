"""The nurse roster's storage (排班): read a ward's roster, save a head nurse's edit under the version
she read (a stale one is refused, never overwritten), publish what the stations cache, and the
hospital's staffing standard in force (the server config's [staffing], kept in server_meta)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import orjson
from sqlalchemy import Connection, and_, delete, insert, select, update

from workstation.clinical.roster import (
    Assignment,
    RosterError,
    Shift,
    parse_cells,
    parse_levels,
    parse_shifts,
    shifts_json,
)
from workstation.clinical.schedule import ward_clock
from workstation.clinical.staffing import StaffingStandard
from workstation.clock import now_iso, utc_now
from workstation.server import meta, refdata
from workstation.server.models import roster_assignments, users, ward_rosters, wards

# A demo's pattern until the head nurse sets her ward's: 白班 08-16, 小夜 16-24, 大夜 00-08.
DEFAULT_SHIFTS = [
    {"code": "D", "name_zh": "白班", "name_en": "Day", "start": "08:00", "end": "16:00"},
    {"code": "E", "name_zh": "小夜", "name_en": "Evening", "start": "16:00", "end": "00:00"},
    {"code": "N", "name_zh": "大夜", "name_en": "Night", "start": "00:00", "end": "08:00"},
]
NURSE_ROLES = ("nurse", "head_nurse")  # who can be put on a ward's roster
PAST_DAYS, FUTURE_DAYS = 7, 92  # an edit's dates: a week back (late corrections) to ~3 months on
SNAPSHOT_DAYS = (7, 35)  # what the stations cache: a week back, five weeks on
STANDARD_KEY = "staffing_standard"
SNAPSHOT_PREFIX = "roster."


class StaleRoster(Exception):
    """The roster changed since the editor read it (another head nurse saved first)."""

    def __init__(self, current: int):
        super().__init__(f"the roster is at version {current}: reload it and edit again")
        self.current = current


@dataclass(frozen=True, slots=True)
class Roster:
    """A ward's roster head: its version, shift pattern and the nurses' 能级."""

    ward_id: str
    version: int
    shifts: list[Shift]
    levels: dict[str, str]


def roster(conn: Connection, ward_id: str) -> Roster:
    """The ward's roster head (version 0 and the default pattern before the first edit)."""
    row = conn.execute(select(ward_rosters).where(ward_rosters.c.ward_id == ward_id)).first()
    if row is None:
        return Roster(ward_id, 0, parse_shifts(DEFAULT_SHIFTS), {})
    return Roster(ward_id, int(row.version), parse_shifts(orjson.loads(row.shifts)),
                  orjson.loads(row.levels))  # fmt: skip


def ward_beds(conn: Connection, ward_id: str) -> list[str] | None:
    """The ward's beds, or None for an unknown ward."""
    beds = conn.execute(select(wards.c.beds).where(wards.c.ward_id == ward_id)).scalar()
    return None if beds is None else [b for b in beds.split(",") if b]


def ward_nurses(conn: Connection, ward_id: str) -> list[dict[str, Any]]:
    """The ward's active nurses (and head nurses): id, name, role and grade (职称), by name."""
    rows = conn.execute(
        select(users.c.user_id, users.c.display_name, users.c.role, users.c.wards, users.c.title)
        .where(users.c.active.is_(True), users.c.role.in_(NURSE_ROLES))
        .order_by(users.c.display_name)
    )
    return [{"user_id": r.user_id, "display_name": r.display_name, "role": r.role,
             "grade": r.title} for r in rows if ward_id in r.wards.split(",")]  # fmt: skip


def assignments(conn: Connection, ward_id: str, first: date, last: date) -> list[dict[str, Any]]:
    """The ward's assignments from `first` to `last` (inclusive), by date, shift and nurse."""
    a = roster_assignments.c
    rows = conn.execute(
        select(roster_assignments)
        .where(a.ward_id == ward_id, a.day >= first.isoformat(), a.day <= last.isoformat())
        .order_by(a.day, a.shift, a.nurse_id)
    )
    return [{"date": r.day, "shift": r.shift, "nurse_id": r.nurse_id,
             "beds": [b for b in r.beds.split(",") if b]} for r in rows]  # fmt: skip


def ward_today() -> date:
    """Today on the ward's clock."""
    return utc_now().astimezone(ward_clock()).date()


def save(conn: Connection, ward_id: str, *, base_version: int, edit: dict[str, Any],
         actor: str) -> tuple[int, int]:  # fmt: skip
    """Apply a head nurse's edit ({shifts?, levels?, cells?}) read at `base_version`; returns (the
    new version, cells replaced). RosterError for a field out of bounds, StaleRoster when another
    edit was saved since."""
    beds = ward_beds(conn, ward_id)
    if beds is None:
        raise RosterError(f"no ward {ward_id}")
    current = roster(conn, ward_id)
    if base_version != current.version:
        raise StaleRoster(current.version)
    nurses = [n["user_id"] for n in ward_nurses(conn, ward_id)]
    shifts = parse_shifts(edit["shifts"]) if "shifts" in edit else current.shifts
    levels = parse_levels(edit["levels"], nurses) if "levels" in edit else current.levels
    cells = parse_cells(edit.get("cells", []), shifts=shifts, nurses=nurses, beds=beds)
    _check_dates(cells)
    _check_removed_shifts(conn, ward_id, current.shifts, shifts)
    version = _bump(conn, current, shifts, levels, actor)
    for (day, code), found in cells.items():
        _replace_cell(conn, ward_id, day, code, found)
    publish_snapshot(conn, ward_id)
    return version, len(cells)


def _check_dates(cells: dict[tuple[date, str], list[Assignment]]) -> None:
    today = ward_today()
    first, last = today - timedelta(days=PAST_DAYS), today + timedelta(days=FUTURE_DAYS)
    for day, _code in cells:
        if not first <= day <= last:
            raise RosterError(f"cells: {day} is outside {first} to {last}")


def _check_removed_shifts(conn: Connection, ward_id: str, old: list[Shift],
                          new: list[Shift]) -> None:  # fmt: skip
    gone = {s.code for s in old} - {s.code for s in new}
    a = roster_assignments.c
    if (
        gone
        and conn.execute(
            select(a.shift).where(a.ward_id == ward_id, a.shift.in_(gone)).limit(1)
        ).first()
    ):
        raise RosterError(f"shifts: {', '.join(sorted(gone))} still has nurses: clear it first")


def _bump(conn: Connection, current: Roster, shifts: list[Shift], levels: dict[str, str],
          actor: str) -> int:  # fmt: skip
    values = {"shifts": orjson.dumps(shifts_json(shifts)).decode(), "updated_by": actor,
              "levels": orjson.dumps(levels).decode(), "updated_at": now_iso()}  # fmt: skip
    if current.version == 0:  # two first edits at once: the primary key refuses the second
        conn.execute(insert(ward_rosters).values(ward_id=current.ward_id, version=1, **values))
        return 1
    done = conn.execute(
        update(ward_rosters)
        .where(
            ward_rosters.c.ward_id == current.ward_id, ward_rosters.c.version == current.version
        )  # fmt: skip
        .values(version=current.version + 1, **values)
    )
    if done.rowcount != 1:
        raise StaleRoster(roster(conn, current.ward_id).version)
    return current.version + 1


def _replace_cell(conn: Connection, ward_id: str, day: date, code: str,
                  found: list[Assignment]) -> None:  # fmt: skip
    a = roster_assignments.c
    conn.execute(delete(roster_assignments).where(
        and_(a.ward_id == ward_id, a.day == day.isoformat(), a.shift == code)))  # fmt: skip
    for item in found:
        conn.execute(insert(roster_assignments).values(
            ward_id=ward_id, day=day.isoformat(), shift=code, nurse_id=item.nurse_id,
            beds=",".join(item.beds)))  # fmt: skip


def publish_snapshot(conn: Connection, ward_id: str) -> int:
    """Publish the ward's roster (a week back, five weeks on) as the reference snapshot
    `roster.<ward>` that the ward's stations download and read offline."""
    head, today = roster(conn, ward_id), ward_today()
    first, last = today - timedelta(days=SNAPSHOT_DAYS[0]), today + timedelta(days=SNAPSHOT_DAYS[1])
    return refdata.publish(conn, SNAPSHOT_PREFIX + ward_id, {
        "ward_id": ward_id, "version": head.version, "shifts": shifts_json(head.shifts),
        "levels": head.levels, "nurses": ward_nurses(conn, ward_id), "beds": ward_beds(conn, ward_id),
        "assignments": assignments(conn, ward_id, first, last),
    })  # fmt: skip


def snapshot_ward(name: str) -> str | None:
    """The ward a `roster.<ward>` snapshot name belongs to; None for any other snapshot."""
    return name[len(SNAPSHOT_PREFIX) :] if name.startswith(SNAPSHOT_PREFIX) else None


def standard(conn: Connection) -> StaffingStandard:
    """The staffing standard in force (the server config's, recorded when the server started)."""
    raw = meta.get(conn, STANDARD_KEY)
    return StaffingStandard.read(orjson.loads(raw)) if raw else StaffingStandard()


def record_standard(conn: Connection, raw: dict[str, Any] | None) -> StaffingStandard:
    """Check and keep the config's [staffing] section (None or empty: the national defaults)."""
    found = StaffingStandard.read(raw)
    meta.put(conn, STANDARD_KEY, orjson.dumps(found.as_json()).decode())
    return found

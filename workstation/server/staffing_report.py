"""The staffing dashboard's answer for one ward: the roster of a week beside the workload (census,
nursing levels, NEWS2 risk), each shift checked against the hospital's standard.

The workload is the ward's patients now (the census projection, the level in force, the latest
NEWS2): a planned shift is weighed against today's load, the figure a head nurse plans from."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, select

from workstation.clinical.roster import shift_at, shifts_json
from workstation.clinical.schedule import ward_clock
from workstation.clinical.staffing import PatientLoad, shift_load, ward_establishment
from workstation.clock import utc_now
from workstation.projections import queries
from workstation.projections import safety_tables as st
from workstation.server import roster_store as rs

MAX_DAYS = 31


def patient_loads(conn: Connection, ward_id: str) -> list[PatientLoad]:
    """Each admitted patient of the ward: bed, nursing level in force, latest NEWS2."""
    census = queries.census(conn, ward_id)
    ids = [p["patient_id"] for p in census]
    levels = dict(conn.execute(
        select(st.nursing_levels.c.patient_id, st.nursing_levels.c.level)
        .where(st.nursing_levels.c.patient_id.in_(ids))
    ).all()) if ids else {}  # fmt: skip
    return [PatientLoad(p["bed"] or "", levels.get(p["patient_id"]), p["news2"]) for p in census]


def staffing(conn: Connection, ward_id: str, first: date, days: int) -> dict[str, Any]:
    """The ward's roster from `first` for `days` days with each shift's workload and warnings."""
    head, standard = rs.roster(conn, ward_id), rs.standard(conn)
    last = first + timedelta(days=days - 1)
    cells = rs.assignments(conn, ward_id, first, last)
    nurses = rs.ward_nurses(conn, ward_id)
    patients = patient_loads(conn, ward_id)
    running = shift_at(head.shifts, utc_now(), ward_clock())
    shifts = []
    for offset in range(days):
        day = (first + timedelta(days=offset)).isoformat()
        for shift in head.shifts:
            mine = {
                c["nurse_id"]: c["beds"]
                for c in cells
                if (c["date"], c["shift"]) == (day, shift.code)
            }
            load = shift_load(patients, mine, standard)
            shifts.append({
                "date": day, "shift": shift.code, "nurses": sorted(mine),
                "census": load.census, "levels": load.levels, "news2_high": load.news2_high,
                "news2_medium": load.news2_medium, "patients_per_nurse": load.patients_per_nurse,
                "unassigned_beds": load.unassigned_beds, "warnings": load.warnings,
                "now": running is not None and (running[0].isoformat(), running[1].code) == (day, shift.code),
            })  # fmt: skip
    rostered = {c["nurse_id"] for c in cells}
    beds = rs.ward_beds(conn, ward_id) or []
    return {
        "ward_id": ward_id, "version": head.version, "first": first.isoformat(), "days": days,
        "shifts": shifts_json(head.shifts), "levels": head.levels, "nurses": nurses, "beds": beds,
        "assignments": cells, "workload": shifts, "standard": standard.as_json(),
        "establishment": ward_establishment(len(beds), len(rostered), standard),
        "rostered_nurses": len(rostered),
    }  # fmt: skip


def ward_now(conn: Connection, ward_id: str) -> dict[str, Any]:
    """One ward's staffing on the shift running now, and its 床护比 over this week's roster."""
    head, standard = rs.roster(conn, ward_id), rs.standard(conn)
    beds = rs.ward_beds(conn, ward_id) or []
    today = rs.ward_today()
    monday = today - timedelta(days=today.weekday())
    week = rs.assignments(conn, ward_id, monday, monday + timedelta(days=6))
    rostered = {c["nurse_id"] for c in week}
    running = shift_at(head.shifts, utc_now(), ward_clock())
    now: dict[str, Any] | None = None
    if running is not None:
        day, shift = running[0].isoformat(), running[1].code
        on = rs.assignments(conn, ward_id, running[0], running[0])
        mine = {c["nurse_id"]: c["beds"] for c in on if c["shift"] == shift}
        load = shift_load(patient_loads(conn, ward_id), mine, standard)
        now = {"date": day, "shift": shift, "nurses": sorted(mine), "census": load.census,
               "levels": load.levels, "news2_high": load.news2_high,
               "news2_medium": load.news2_medium, "patients_per_nurse": load.patients_per_nurse,
               "warnings": load.warnings}  # fmt: skip
    return {"ward_id": ward_id, "beds": len(beds), "rostered_nurses": len(rostered),
            "shifts": shifts_json(head.shifts), "now": now,
            "establishment": ward_establishment(len(beds), len(rostered), standard)}  # fmt: skip

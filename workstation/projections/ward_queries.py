"""Read the front sheet, the archive gate's view of a record, the archive clock, the adverse-event
register (reporter shown per viewer) and the ward handover reports. The same on both sides."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import orjson
from sqlalchemy import Connection, func, select

from workstation.clinical.adverse_events import visible_report
from workstation.clinical.front_sheet import RecordState, archive_due
from workstation.domain.enums import NoteType
from workstation.projections import archive_tables as at
from workstation.projections import tables as t
from workstation.projections import ward_tables as wt


def front_sheet(conn: Connection, patient_id: str) -> dict[str, Any] | None:
    """The latest saved front sheet of a patient (the FrontSheetSaved payload), or None."""
    content = conn.execute(
        select(wt.front_sheets.c.content).where(wt.front_sheets.c.patient_id == patient_id)
    ).scalar()
    return orjson.loads(content) if content else None


def record_state(conn: Connection, patient_id: str, sheet: Any = ...) -> RecordState:
    """What the archive gate needs of a record; `sheet` replaces the stored front sheet (one
    saved earlier in the same push batch)."""
    n, p = t.notes.c, t.patients.c
    live = (n.patient_id == patient_id) & (n.voided.is_(False))
    signed = conn.execute(
        select(func.count()).where(live, n.note_type == NoteType.DISCHARGE_SUMMARY.value)
    ).scalar()
    waiting = conn.execute(
        select(func.count()).where(live, n.needs_cosign.is_(True), n.cosigned_by.is_(None))
    ).scalar()
    patient = conn.execute(
        select(p.sex, p.admitted_at, p.discharged_at).where(p.patient_id == patient_id)
    ).first()
    return RecordState(
        sheet=front_sheet(conn, patient_id) if sheet is ... else sheet,
        discharge_summary_signed=bool(signed), awaiting_cosign=int(waiting or 0),
        sex=patient.sex if patient else None, admitted_at=patient.admitted_at if patient else None,
        discharged_at=patient.discharged_at if patient else None,
    )  # fmt: skip


def archive_clock(
    conn: Connection, *, days: int, now: str, wards: Iterable[str] | None = None
) -> list[dict[str, Any]]:
    """Discharged records not yet archived, each with its due time and whether it is overdue."""
    p, a = t.patients.c, at.record_archives.c
    statement = (
        select(p.patient_id, p.record_number, p.name, p.ward_id, p.discharged_at)
        .outerjoin(at.record_archives, a.patient_id == p.patient_id)
        .where(p.status == "discharged", a.patient_id.is_(None), p.discharged_at.is_not(None))
        .order_by(p.discharged_at)
    )
    if wards is not None:
        statement = statement.where(p.ward_id.in_(sorted(wards)))
    rows = []
    for row in conn.execute(statement):
        due = archive_due(row.discharged_at, days)
        rows.append(dict(row._mapping) | {"due_at": due, "overdue": now > due})
    return rows


def adverse_register(
    conn: Connection, *, viewer_id: str, viewer_role: str, wards: Iterable[str] | None
) -> list[dict[str, Any]]:
    """A ward's adverse-event reports, newest first, each as this viewer may read it."""
    a = wt.adverse_events.c
    statement = select(wt.adverse_events).order_by(a.reported_at.desc())
    if wards is not None:
        statement = statement.where(a.ward_id.in_(sorted(wards)))
    return [
        visible_report(
            dict(row._mapping) | {"content": orjson.loads(row.content)},
            viewer_id=viewer_id,
            viewer_role=viewer_role,
        )  # fmt: skip
        for row in conn.execute(statement)
    ]


def ward_handovers(conn: Connection, ward_id: str, *, limit: int = 20) -> list[dict[str, Any]]:
    """The ward's handover reports, newest shift first."""
    h = wt.ward_handovers.c
    rows = conn.execute(
        select(wt.ward_handovers)
        .where(h.ward_id == ward_id)
        .order_by(h.shift_start.desc())
        .limit(limit)
    )
    return [dict(row._mapping) | {"content": orjson.loads(row.content)} for row in rows]

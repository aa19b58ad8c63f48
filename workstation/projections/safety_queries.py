"""Read the ward safety projections: the critical-value register and the open values (banner,
census, status bar), each patient's nursing level with the round it makes due, and the
consultations with their clocks. Statuses are computed against `now` and the hospital's
settings (clinical.ward_safety), never stored, so they move on as time passes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, select

from workstation.clinical.ward_safety import (
    WardSafetySettings,
    consultation_status,
    critical_status,
    round_due,
)
from workstation.projections import safety_tables as st
from workstation.projections import tables as t

ADMITTED = "admitted"


def _rows(conn: Connection, statement: Any) -> list[dict[str, Any]]:
    return [dict(row._mapping) for row in conn.execute(statement)]


def _with_patient(table: Any) -> Any:
    p = t.patients.c
    return (select(table, p.name, p.record_number, p.bed, p.ward_id)
            .join(t.patients, p.patient_id == table.c.patient_id))  # fmt: skip


def critical_register(conn: Connection, *, now: datetime, settings: WardSafetySettings,
                      ward_id: str | None = None, patient_id: str | None = None,
                      open_only: bool = False) -> list[dict[str, Any]]:  # fmt: skip
    """Every critical value (the register), newest report first, each with all its times and
    its status; `open_only` keeps the unacknowledged ones."""
    c = st.critical_values.c
    statement = _with_patient(st.critical_values).where(c.voided.is_(False))
    if ward_id is not None:
        statement = statement.where(t.patients.c.ward_id == ward_id)
    if patient_id is not None:
        statement = statement.where(c.patient_id == patient_id)
    if open_only:
        statement = statement.where(c.acknowledged_at.is_(None))
    rows = _rows(conn, statement.order_by(c.reported_at.desc(), c.critical_id))
    return [row | {"status": critical_status(row, now, settings)} for row in rows]


def open_critical_counts(conn: Connection, ward_id: str | None = None) -> dict[str, int]:
    """Unacknowledged critical values per patient (the census column and the status bar)."""
    c = st.critical_values.c
    statement = (select(c.patient_id, func.count()).join(t.patients,
                 t.patients.c.patient_id == c.patient_id)
                 .where(c.voided.is_(False), c.acknowledged_at.is_(None))
                 .group_by(c.patient_id))  # fmt: skip
    if ward_id is not None:
        statement = statement.where(t.patients.c.ward_id == ward_id)
    return {pid: int(n) for pid, n in conn.execute(statement)}


def nursing_rounds(conn: Connection, *, now: datetime, settings: WardSafetySettings,
                   ward_id: str | None = None) -> list[dict[str, Any]]:  # fmt: skip
    """Each admitted patient with a nursing level: the level, the last round, the next round's
    time and its state (continuous, due, overdue), shown like a dose."""
    lv, r, p = st.nursing_levels.c, st.nursing_rounds.c, t.patients.c
    last = (select(r.patient_id, func.max(r.seen_at).label("last_seen"))
            .where(r.voided.is_(False)).group_by(r.patient_id).subquery())  # fmt: skip
    statement = (
        select(
            p.patient_id,
            p.name,
            p.record_number,
            p.bed,
            p.ward_id,
            lv.level,
            lv.ordered_at,
            lv.ordered_by,
            last.c.last_seen,
        )
        .join(st.nursing_levels, lv.patient_id == p.patient_id)
        .outerjoin(last, last.c.patient_id == p.patient_id)
        .where(p.status == ADMITTED)
    )
    if ward_id is not None:
        statement = statement.where(p.ward_id == ward_id)
    rows = []
    for row in _rows(conn, statement):
        since = max(filter(None, (row["last_seen"], row["ordered_at"])))
        state, due = round_due(row["level"], row["last_seen"], since, now, settings)
        rows.append(row | {"round_state": state, "round_due": due})
    return rows


def latest_barthel(conn: Connection, patient_id: str) -> dict[str, Any] | None:
    """The newest Barthel assessment of a patient, or None."""
    b = st.barthel_assessments.c
    row = conn.execute(select(st.barthel_assessments)
                       .where(b.patient_id == patient_id, b.voided.is_(False))
                       .order_by(b.assessed_at.desc()).limit(1)).first()  # fmt: skip
    return dict(row._mapping) if row else None


def consultations(conn: Connection, *, now: datetime, settings: WardSafetySettings,
                  ward_id: str | None = None, patient_id: str | None = None,
                  open_only: bool = False) -> list[dict[str, Any]]:  # fmt: skip
    """Consultation requests, oldest first, each with its status (pending, overdue, arrived,
    completed); `open_only` keeps those without a 会诊记录."""
    c = st.consultations.c
    statement = _with_patient(st.consultations).where(c.voided.is_(False))
    if ward_id is not None:
        statement = statement.where(t.patients.c.ward_id == ward_id)
    if patient_id is not None:
        statement = statement.where(c.patient_id == patient_id)
    if open_only:
        statement = statement.where(c.note_id.is_(None))
    rows = _rows(conn, statement.order_by(c.requested_at, c.consultation_id))
    return [row | {"status": consultation_status(row, now, settings)} for row in rows]

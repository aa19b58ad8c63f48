"""Read the projections: census, patient search, chart, MAR rows and stock on hand."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, or_, select

from workstation.projections import tables as t


def _rows(conn: Connection, statement: Any) -> list[dict[str, Any]]:
    return [dict(row._mapping) for row in conn.execute(statement)]


def census(conn: Connection, ward_id: str | None = None) -> list[dict[str, Any]]:
    """Admitted patients (of one ward, or all), by ward and bed, with their allergy count."""
    p = t.patients.c
    allergy_count = (
        select(func.count())
        .where(t.allergies.c.patient_id == p.patient_id, t.allergies.c.voided.is_(False))
        .scalar_subquery()
    )
    statement = select(t.patients, allergy_count.label("allergy_count")).where(
        p.status == "admitted"
    )
    if ward_id is not None:
        statement = statement.where(p.ward_id == ward_id)
    rows = _rows(conn, statement)
    return sorted(rows, key=lambda r: (r["ward_id"], _bed_key(r["bed"])))


def _bed_key(bed: str) -> tuple[int, str]:
    digits = "".join(ch for ch in bed if ch.isdigit())
    return (int(digits) if digits else 10**9, bed)


def find_patients(conn: Connection, query: str, *, limit: int = 20) -> list[dict[str, Any]]:
    """Patients whose record number, name, pinyin or pinyin initials start with the query."""
    needle = query.strip().lower()
    if not needle:
        return []
    p = t.patients.c
    prefix = needle + "%"
    statement = (
        select(t.patients)
        .where(
            or_(
                func.lower(p.record_number).like(prefix),
                p.name.like(query.strip() + "%"),
                p.name_initials.like(prefix),
                p.name_pinyin.like(prefix),
            )
        )
        .order_by(p.status, p.name_initials, p.record_number)
        .limit(limit)
    )
    return _rows(conn, statement)


def patient(conn: Connection, patient_id: str) -> dict[str, Any] | None:
    """One patient's banner data, or None."""
    rows = _rows(conn, select(t.patients).where(t.patients.c.patient_id == patient_id))
    return rows[0] if rows else None


def chart(conn: Connection, patient_id: str) -> dict[str, Any]:
    """Everything a chart shows for one patient, newest first within each section."""

    def of(table: Any, order: Any) -> list[dict[str, Any]]:
        return _rows(
            conn, select(table).where(table.c.patient_id == patient_id).order_by(order.desc())
        )

    return {
        "patient": patient(conn, patient_id),
        "allergies": of(t.allergies, t.allergies.c.recorded_at),
        "problems": of(t.problems, t.problems.c.recorded_at),
        "notes": of(t.notes, t.notes.c.signed_at),
        "addenda": of(t.note_addenda, t.note_addenda.c.recorded_at),
        "orders": of(t.orders, t.orders.c.placed_at),
        "administrations": of(t.administrations, t.administrations.c.administered_at),
        "vitals": of(t.vitals, t.vitals.c.taken_at),
        "labs": of(t.lab_results, t.lab_results.c.resulted_at),
        "change_requests": of(
            t.pharmacy_tables.order_change_requests,
            t.pharmacy_tables.order_change_requests.c.requested_at,
        ),
        "flags": _rows(
            conn, select(t.review_flags).where(t.review_flags.c.patient_id == patient_id)
        ),
    }


def active_medication_orders(conn: Connection, patient_id: str) -> list[dict[str, Any]]:
    """Medication orders in force, the rows a MAR is expanded from."""
    o = t.orders.c
    return _rows(
        conn,
        select(t.orders)
        .where(
            o.patient_id == patient_id,
            o.order_kind == "medication",
            o.status.in_(("placed", "verified")),
            o.voided.is_(False),
        )
        .order_by(o.placed_at),
    )


def stock_on_hand(conn: Connection, location_id: str | None = None) -> list[dict[str, Any]]:
    """Quantity per location, drug and lot (negative means a reconciliation is needed)."""
    s = t.stock_movements.c
    statement = (
        select(s.location_id, s.drug_code, s.lot, func.max(s.expiry).label("expiry"),
               func.sum(s.quantity_delta).label("quantity"))
        .where(s.voided.is_(False))
        .group_by(s.location_id, s.drug_code, s.lot)
        .order_by(s.location_id, s.drug_code, s.lot)
    )  # fmt: skip
    if location_id is not None:
        statement = statement.where(s.location_id == location_id)
    return _rows(conn, statement)


def review_flags(conn: Connection, patient_id: str | None = None) -> list[dict[str, Any]]:
    """Events flagged for a person to review (late dose, duplicate dose, unknown order...)."""
    statement = select(t.review_flags)
    if patient_id is not None:
        statement = statement.where(t.review_flags.c.patient_id == patient_id)
    return _rows(conn, statement)


def projection_fingerprint(conn: Connection) -> dict[str, int]:
    """Row counts per projection table, used to compare two sides at quiescence."""
    return {
        table.name: conn.execute(select(func.count()).select_from(table)).scalar_one()
        for table in t.metadata.sorted_tables
    }

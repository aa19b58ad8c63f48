"""Reading FHIR resources from the projections: a page of a search (keyset-paged by each
table's key, so a page never skips or repeats a row however long the client takes), one
resource by id, and the staff names the mappings show."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, false, func, or_, select
from sqlalchemy.sql.elements import ColumnElement

from workstation.fhir.common import LOINC, RECORD_NUMBER_SYSTEM
from workstation.fhir.medications import REQUEST_STATUS
from workstation.projections import tables as pt
from workstation.server import refdata
from workstation.server.fhir_search import (
    Cursor,
    Search,
    SearchError,
    date_range,
    patient_ref,
    token,
)
from workstation.server.fhir_sources import Source, same_row

Keep = Callable[[Any], bool]


def staff_names(conn: Connection) -> dict[str, str]:
    """User id -> display name from the published directory."""
    found = refdata.snapshot(conn, "users")
    return {u["user_id"]: u["display_name"] for u in (found["content"] if found else [])}


def conditions(source: Source, search: Search) -> tuple[list[ColumnElement[bool]], Keep]:
    """The SQL conditions and the per-resource test of a search's own parameters."""
    params, where = search.params, []
    keep: list[Keep] = []
    for name in ("patient", "subject"):
        if name in params:
            where.append(source.patient == patient_ref(params[name]))
    if "_id" in params:
        where.append(or_(*(same_row(source, one) for one in params["_id"].split(","))))
        keep.append(_field_in("id", params["_id"]))
    if source.table is pt.patients:
        where += _patient_conditions(params)
    if "code" in params:
        system, code = token(params["code"])
        if source.table is pt.problems:
            where.append(pt.problems.c.icd10 == code)
        elif source.table is pt.lab_results:
            where.append(pt.lab_results.c.test_code == code)
        elif source.codes is not None and (system not in (None, LOINC) or code not in source.codes):
            where.append(false())  # none of this table's resources has that code
        keep.append(_coded("code", code))
    if "category" in params:
        category = token(params["category"])[1]
        if source.categories is not None and category not in source.categories:
            where.append(false())
        keep.append(_coded("category", category))
    if "status" in params:
        where += _status_conditions(source, params["status"])
        keep.append(_field_in("status", params["status"]))
    return where, lambda r: all(test(r) for test in keep)


def _status_conditions(source: Source, values: str) -> list[ColumnElement[bool]]:
    """The status search in SQL where the table holds it (the resource test stays the judge)."""
    wanted = set(values.split(","))
    if source.resource_type == "Encounter":
        ended = pt.patients.c.discharged_at
        return [] if wanted >= {"finished", "in-progress"} else [
            ended.is_not(None) if "finished" in wanted else
            ended.is_(None) if "in-progress" in wanted else false()]  # fmt: skip
    if source.resource_type == "MedicationRequest":
        stored = [k for k, v in REQUEST_STATUS.items() if v in wanted]
        return [pt.orders.c.status.in_(stored)]
    return []


def _field_in(name: str, values: str) -> Keep:
    wanted = set(values.split(","))
    return lambda r: getattr(r, name, None) in wanted


def _coded(name: str, code: str) -> Keep:
    def test(resource: Any) -> bool:
        value = getattr(resource, name, None) or []
        concepts = value if isinstance(value, list) else [value]
        return any(c.code == code for cc in concepts for c in (cc.coding or []))

    return test


def _patient_conditions(params: Mapping[str, str]) -> list[ColumnElement[bool]]:
    p, where = pt.patients.c, []
    if "identifier" in params:
        system, value = token(params["identifier"])
        if system not in (None, RECORD_NUMBER_SYSTEM):
            raise SearchError(f"identifier: this server knows the system {RECORD_NUMBER_SYSTEM}")
        where.append(p.record_number == value)
    if "name" in params:
        text = params["name"].strip().lower()
        keys = select(pt.patient_name_keys.c.patient_id).where(
            pt.patient_name_keys.c.name_key.like(f"{text}%"))  # fmt: skip
        where.append(or_(p.name.like(f"%{params['name'].strip()}%"),
                         func.lower(p.name_pinyin).like(f"{text}%"),
                         p.name_initials.like(f"{text}%"), p.patient_id.in_(keys)))  # fmt: skip
    if "birthdate" in params:
        span = date_range(params["birthdate"], "birthdate")
        if span.start:
            where.append(p.birth_date >= span.start[:10])
        if span.end:
            where.append(p.birth_date < span.end[:10])
    return where


def _time_conditions(source: Source, search: Search) -> list[ColumnElement[bool]]:
    where = []
    for span in search.last_updated:
        column = source.last_updated()
        if span.start:
            where.append(column >= span.start)
        if span.end:
            where.append(column < span.end)
    return where


def page(
    conn: Connection, sources: Sequence[Source], search: Search, *,
    scope: Callable[[Source], ColumnElement[bool] | None], staff: Mapping[str, str],
) -> tuple[list[Any], Cursor | None]:  # fmt: skip
    """Up to `search.count` resources from `search.cursor` on, and the next page's cursor."""
    out: list[Any] = []
    at = search.cursor
    while at.source < len(sources) and len(out) < search.count:
        source = sources[at.source]
        where, keep = conditions(source, search)
        in_scope = scope(source)
        where += _time_conditions(source, search) + ([in_scope] if in_scope is not None else [])
        if at.after is not None:
            where.append(source.key >= at.after if at.skip else source.key > at.after)
        limit = search.count - len(out) + 1
        rows = conn.execute(
            source.select().where(*where).order_by(source.key).limit(limit)
        ).mappings().all()  # fmt: skip
        if not rows:
            at = Cursor(at.source + 1)
            continue
        rows = _with_addenda(conn, source, rows)
        for row in rows:
            key = row[source.key.name]
            made = [r for r in source.mapper(dict(row), row["last_updated"], staff) if keep(r)]
            skip = at.skip if key == at.after else 0
            made = made[skip:]
            room = search.count - len(out)
            out += made[:room]
            if len(made) > room:
                return out, Cursor(at.source, key, skip + room)
            at = Cursor(at.source, key, 0)
            if len(out) == search.count:
                return out, at
        if len(rows) < limit:  # this source is done; the next starts afresh
            at = Cursor(at.source + 1)
    return out, (at if at.source < len(sources) else None)


def _with_addenda(conn: Connection, source: Source, rows: Sequence[Any]) -> Sequence[Any]:
    if source.table is not pt.notes:
        return rows
    a = pt.note_addenda.c
    ids = [row["note_id"] for row in rows]
    found: dict[str, list[dict[str, Any]]] = {}
    for addendum in conn.execute(
        select(pt.note_addenda).where(a.note_id.in_(ids), a.voided.is_(False))
        .order_by(a.recorded_at)
    ).mappings():  # fmt: skip
        found.setdefault(addendum["note_id"], []).append(dict(addendum))
    return [{**row, "addenda": found.get(row["note_id"], [])} for row in rows]


def patient_of(conn: Connection, source: Source, row_filter: ColumnElement[bool]) -> str | None:
    """The patient a resource's row belongs to (None: no such row)."""
    return conn.execute(select(source.patient).where(row_filter, *source.where)).scalar()

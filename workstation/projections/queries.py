"""Read the projections: census, patient search, chart, MAR rows and stock on hand."""

from __future__ import annotations

from collections.abc import Mapping
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, func, select, union

from workstation.clinical.news2 import news2
from workstation.clock import now_iso
from workstation.domain.enums import OrderStatus, PatientStatus
from workstation.projections import tables as t
from workstation.projections.archive_queries import archive_state


def _rows(conn: Connection, statement: Any) -> list[dict[str, Any]]:
    result = conn.execute(statement)
    keys = tuple(result.keys())  # every row has these columns: zip needs no strict check
    return [dict(zip(keys, row)) for row in result.all()]  # noqa: B905


def census(conn: Connection, ward_id: str | None = None) -> list[dict[str, Any]]:
    """Admitted patients (of one ward, or all), by ward and bed, with their allergy count and
    the NEWS2 of their latest vitals ("news2", "news2_at"; None without vitals)."""
    p = t.patients.c
    allergy_count = (
        select(func.count())
        .where(t.allergies.c.patient_id == p.patient_id, t.allergies.c.voided.is_(False))
        .scalar_subquery()
    )
    reviews = (
        select(func.count())
        .where(
            t.allergy_reviews.c.patient_id == p.patient_id, t.allergy_reviews.c.voided.is_(False)
        )
        .scalar_subquery()
    )
    statement = select(
        t.patients, allergy_count.label("allergy_count"), reviews.label("allergy_review_count")
    ).where(p.status == "admitted")
    if ward_id is not None:
        statement = statement.where(p.ward_id == ward_id)
    rows = _rows(conn, statement)
    for row in rows:  # two 张伟 on a ward: each row names the other's bed
        row["same_name_beds"] = [
            r["bed"] for r in rows
            if r["ward_id"] == row["ward_id"] and r["name"] == row["name"] and r is not row
        ]  # fmt: skip
    latest = _latest_vitals(conn, ward_id)
    for row in rows:
        vitals = latest.get(row["patient_id"])
        row["news2"] = news2(vitals).total if vitals else None
        row["news2_at"] = vitals["taken_at"] if vitals else None
    return sorted(rows, key=lambda r: (r["ward_id"], _bed_key(r["bed"])))


def _latest_vitals(conn: Connection, ward_id: str | None) -> dict[str, dict[str, Any]]:
    """patient_id -> the latest not-voided vitals row of each admitted patient (of one ward)."""
    v, p = t.vitals.c, t.patients.c
    last = (
        select(v.patient_id, func.max(v.taken_at).label("taken_at"))
        .where(v.voided.is_(False))
        .group_by(v.patient_id)
        .subquery()
    )
    statement = (
        select(t.vitals)
        .join(last, (last.c.patient_id == v.patient_id) & (last.c.taken_at == v.taken_at))
        .join(t.patients, p.patient_id == v.patient_id)
        .where(v.voided.is_(False), p.status == "admitted")
    )
    if ward_id is not None:
        statement = statement.where(p.ward_id == ward_id)
    return {row["patient_id"]: row for row in _rows(conn, statement)}


def same_name_on_ward(conn: Connection, patient: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Other admitted patients of the patient's ward with the same name: their id and bed only
    (a chart shows the warning, not the other patient's details)."""
    p = t.patients.c
    statement = select(p.patient_id, p.bed).where(
        p.status == "admitted", p.ward_id == patient["ward_id"], p.name == patient["name"],
        p.patient_id != patient["patient_id"],
    )  # fmt: skip
    return _rows(conn, statement)


def _bed_key(bed: str) -> tuple[int, str]:
    digits = "".join(ch for ch in bed if ch.isdigit())
    return (int(digits) if digits else 10**9, bed)


SEARCH_STATUSES = (PatientStatus.ADMITTED.value, PatientStatus.DISCHARGED.value)


def _next_prefix(prefix: str) -> str:
    """The smallest string above every string starting with `prefix` (binary collation)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def find_patients(conn: Connection, query: str, *, limit: int = 20) -> list[dict[str, Any]]:
    """Patients whose record number, name, pinyin or pinyin initials start with the query, or
    (admitted) who lie in the bed the query names ("5", "05", "12床").

    Admitted patients first, then by initials and record number. Each key is searched as an
    indexed prefix range (`key >= q AND key < q_next`, binary collation as in the SQLite
    replica), the `limit` first of each key per status are unioned, so a very common prefix
    lists the first matches of each key rather than of all keys together."""
    needle = query.strip()
    if not needle:
        return []
    p = t.patients.c
    keys = (
        (func.lower(p.record_number), needle.lower()),
        (p.name, needle),
        (p.name_initials, needle.lower()),
        (p.name_pinyin, needle.lower()),
    )
    found: list[dict[str, Any]] = []
    for status in SEARCH_STATUSES:
        branches = [
            select(p.patient_id)
            .where(p.status == status, key >= prefix, key < _next_prefix(prefix))
            .order_by(key)
            .limit(limit)
            .subquery()
            for key, prefix in keys
        ]
        branches.append(_other_readings(needle.lower(), status, limit))
        beds = bed_labels(needle)
        if beds and status == PatientStatus.ADMITTED.value:  # a discharged patient has no bed
            branches.append(select(p.patient_id).where(p.status == status, p.bed.in_(beds))
                            .limit(limit).subquery())  # fmt: skip
        ids = union(*(select(branch.c.patient_id) for branch in branches))
        statement = (
            select(t.patients)
            .where(p.patient_id.in_(ids))
            .order_by(p.name_initials, p.record_number)
            .limit(limit - len(found))
        )
        rows = _rows(conn, statement)  # the patient in the bed asked for comes first
        found += sorted(rows, key=lambda r: r["bed"] not in beds)
        if len(found) >= limit:
            break
    return found


BED_WORDS = ("床位", "床号", "床", "bed", "#", "号")


def bed_labels(query: str) -> tuple[str, ...]:
    """The bed labels a query can mean: "5", "05", "5床", "12床", "床5", "bed 5" -> ("5", "05",
    "005"); () when the query is not a bed number."""
    text = query.strip().lower()
    for word in BED_WORDS:
        text = text.replace(word, "")
    text = text.strip()
    if not text.isascii() or not text.isdigit() or len(text) > 3:
        return ()
    number = int(text)
    return tuple(dict.fromkeys((str(number), f"{number:02d}", f"{number:03d}", text)))


def _other_readings(prefix: str, status: str, limit: int) -> Any:
    """Patients one of whose other name readings starts with the prefix (`cgf` for 曾国藩)."""
    k, p = t.patient_name_keys.c, t.patients.c
    return (
        select(k.patient_id)
        .join(t.patients, p.patient_id == k.patient_id)
        .where(p.status == status, k.name_key >= prefix, k.name_key < _next_prefix(prefix))
        .order_by(k.name_key)
        .limit(limit)
        .subquery()
    )


def patient(conn: Connection, patient_id: str) -> dict[str, Any] | None:
    """One patient's banner data, or None."""
    rows = _rows(conn, select(t.patients).where(t.patients.c.patient_id == patient_id))
    return rows[0] if rows else None


CHART_SECTIONS: dict[str, tuple[Any, str]] = {
    "allergies": (t.allergies, "recorded_at"),
    "allergy_reviews": (t.allergy_reviews, "recorded_at"),
    "problems": (t.problems, "recorded_at"),
    "notes": (t.notes, "signed_at"),
    "addenda": (t.note_addenda, "recorded_at"),
    "orders": (t.orders, "placed_at"),
    "administrations": (t.administrations, "administered_at"),
    "vitals": (t.vitals, "taken_at"),
    "labs": (t.lab_results, "resulted_at"),
    "change_requests": (
        t.pharmacy_tables.order_change_requests,
        "requested_at",
    ),
    "skin_tests": (t.controlled_tables.skin_tests, "recorded_at"),
    "opioid_tolerance": (t.opioid_tables.opioid_tolerance, "recorded_at"),
}


def chart(
    conn: Connection, patient_id: str, *, sections: tuple[str, ...] = tuple(CHART_SECTIONS)
) -> dict[str, Any]:
    """Everything a chart shows for one patient (every row of the `sections` asked for),
    newest first within each section; the patient and review flags always."""
    found = chart_sections(conn, patient_id, sections)
    found["same_name"] = same_name_on_ward(conn, found["patient"]) if found["patient"] else []
    return found


def chart_sections(conn: Connection, patient_id: str, sections: tuple[str, ...]) -> dict[str, Any]:
    """`chart()` without the same-named patients of the ward: the patient's own rows only."""
    found: dict[str, Any] = {"patient": patient(conn, patient_id)}
    for section in sections:
        table, time_column = CHART_SECTIONS[section]
        found[section] = _rows(
            conn,
            select(table)
            .where(table.c.patient_id == patient_id)
            .order_by(table.c[time_column].desc()),
        )
    found["flags"] = _rows(
        conn, select(t.review_flags).where(t.review_flags.c.patient_id == patient_id)
    )
    return found


RECENT_ROWS = 50  # rows of each long section a chart opens with; older ones are paged in
PAGED_SECTIONS: dict[str, tuple[Any, str]] = {
    "notes": (t.notes, "signed_at"),
    "orders": (t.orders, "placed_at"),
    "administrations": (t.administrations, "administered_at"),
    "vitals": (t.vitals, "taken_at"),
    "labs": (t.lab_results, "resulted_at"),
}
Cursor = tuple[str, str]  # (time, row id) of the oldest row shown: the next page starts below it


def chart_page(
    conn: Connection,
    patient_id: str,
    section: str,
    *,
    before: Cursor | None = None,
    limit: int = RECENT_ROWS,
) -> tuple[list[dict[str, Any]], Cursor | None]:
    """The newest `limit` rows of one long chart section (older than `before` if given), newest
    first, and the cursor of the page after it (None when no older rows remain)."""
    table, time_column = PAGED_SECTIONS[section]
    when, key = table.c[time_column], next(iter(table.primary_key.columns))
    statement = select(table).where(table.c.patient_id == patient_id)
    if before is not None:
        statement = statement.where((when < before[0]) | ((when == before[0]) & (key < before[1])))
    rows = _rows(conn, statement.order_by(when.desc(), key.desc()).limit(limit + 1))
    if len(rows) <= limit:
        return rows, None
    last = rows[limit - 1]
    return rows[:limit], (last[time_column], last[key.name])


def addenda_of(conn: Connection, note_ids: list[str]) -> list[dict[str, Any]]:
    """The addenda of some notes, newest first."""
    a = t.note_addenda.c
    return _rows(
        conn,
        select(t.note_addenda).where(a.note_id.in_(note_ids)).order_by(a.recorded_at.desc()),
    )


def chart_summary(conn: Connection, patient_id: str) -> dict[str, Any]:
    """What a chart opens with: the keys of `chart()`, with only the newest rows of the long
    sections, plus the rows the checks and note deadlines need whatever their age (orders in
    force, the latest live note of each type, the latest live numeric result of each test).
    "older" holds each long section's cursor for `chart_page` (None: nothing older);
    "archive" the record's archive state (archive_queries.archive_state)."""
    return with_ward_and_clock(conn, patient_id, patient_rows(conn, patient_id))


def patient_rows(conn: Connection, patient_id: str) -> dict[str, Any]:
    """The part of `chart_summary` read from the patient's own rows alone: no other patient's
    row and no clock go into it, so it is the same as long as none of the patient's projection
    rows changed (what the replica's chart cache relies on)."""
    summary = chart_sections(
        conn,
        patient_id,
        ("allergies", "allergy_reviews", "problems", "change_requests", "skin_tests",
         "opioid_tolerance"),
    )  # fmt: skip
    older: dict[str, Cursor | None] = {}
    for section in PAGED_SECTIONS:
        summary[section], older[section] = chart_page(conn, patient_id, section)
    summary["notes"] = _merged(
        "notes", summary["notes"], _latest_note_of_each_type(conn, patient_id)
    )
    summary["orders"] = _merged("orders", summary["orders"], _orders_in_force(conn, patient_id))
    summary["labs"] = _merged(
        "labs", summary["labs"], _latest_result_of_each_test(conn, patient_id)
    )
    summary["addenda"] = addenda_of(conn, [n["note_id"] for n in summary["notes"]])
    summary["older"] = older
    return summary


def patient_rows_tables() -> frozenset[str]:
    """The tables `patient_rows` reads: a change to a patient's row in any of them, and only
    those, can change what it returns (the replica's chart cache keys on it)."""
    sections = (table.name for table, _time in CHART_SECTIONS.values())
    return frozenset({"patients", "review_flags", *sections})


def with_ward_and_clock(
    conn: Connection, patient_id: str, summary: dict[str, Any]
) -> dict[str, Any]:
    """`patient_rows` completed into `chart_summary`: the same-named patients of the ward and
    the archive state now (they depend on other patients' rows and on the clock)."""
    patient_row = summary["patient"]
    summary["same_name"] = same_name_on_ward(conn, patient_row) if patient_row else []
    summary["archive"] = archive_state(conn, patient_id, now=now_iso())
    return summary


def _merged(
    section: str, newest: list[dict[str, Any]], extra: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Rows of one section from two reads, each once, newest first (as `chart()` orders them)."""
    table, time_column = PAGED_SECTIONS[section]
    key = next(iter(table.primary_key.columns)).name
    rows = {row[key]: row for row in (*newest, *extra)}
    return sorted(rows.values(), key=itemgetter(time_column, key), reverse=True)


def _latest_note_of_each_type(conn: Connection, patient_id: str) -> list[dict[str, Any]]:
    n = t.notes.c
    latest = (
        select(n.note_type, func.max(n.signed_at).label("signed_at"))
        .where(n.patient_id == patient_id, n.voided.is_(False))
        .group_by(n.note_type)
        .subquery()
    )
    return _rows(
        conn,
        select(t.notes)
        .join(latest, (n.note_type == latest.c.note_type) & (n.signed_at == latest.c.signed_at))
        .where(n.patient_id == patient_id, n.voided.is_(False)),
    )


def _latest_result_of_each_test(conn: Connection, patient_id: str) -> list[dict[str, Any]]:
    r = t.lab_results.c
    live = (r.patient_id == patient_id, r.voided.is_(False), r.numeric_value.is_not(None))
    latest = (
        select(r.test_code, func.max(r.resulted_at).label("resulted_at"))
        .where(*live)
        .group_by(r.test_code)
        .subquery()
    )
    return _rows(
        conn,
        select(t.lab_results)
        .join(latest, (r.test_code == latest.c.test_code) & (r.resulted_at == latest.c.resulted_at))
        .where(*live),
    )


def _orders_in_force(conn: Connection, patient_id: str) -> list[dict[str, Any]]:
    o = t.orders.c
    return _rows(
        conn,
        select(t.orders).where(
            o.patient_id == patient_id,
            o.status.in_((OrderStatus.PLACED.value, OrderStatus.VERIFIED.value)),
            o.voided.is_(False),
        ),
    )


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

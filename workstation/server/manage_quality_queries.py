"""The quality dashboard's answer: the indicators over a date range for a set of wards (or the
whole hospital), read from the quality facts (quality_models) the fold keeps."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Column, ColumnElement, Connection, and_, func, not_, select, true

from workstation.clinical import quality_indicators as qi
from workstation.clinical.schedule import AdministrationTimes, scheduled_doses
from workstation.clock import iso, parse_iso
from workstation.server.models import users
from workstation.server.quality_models import (
    quality_alerts,
    quality_doses,
    quality_news2,
    quality_notes,
    quality_orders,
)


def _in_wards(column: Column[Any], wards: frozenset[str] | None) -> ColumnElement[bool]:
    return true() if wards is None else column.in_(sorted(wards))


def _names(conn: Connection) -> dict[str, str]:
    rows = conn.execute(select(users.c.user_id, users.c.display_name))
    return {user_id: name for user_id, name in rows}


def _rows(conn: Connection, query: Any) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(query).mappings()]


def note_timeliness(conn: Connection, wards: frozenset[str] | None, start: str, end: str,
                    now: datetime) -> list[dict[str, Any]]:  # fmt: skip
    """One fact per note with a deadline of the stays admitted in the range: ward, doctor,
    note_type, status (on_time / late; notes not yet due are left out)."""
    n = quality_notes.c
    facts = []
    for row in _rows(conn, select(n.ward_id, n.doctor_id, n.note_type, n.due_at, n.signed_at)
                     .where(n.admitted_at >= start, n.admitted_at < end,
                            _in_wards(n.ward_id, wards))):  # fmt: skip
        signed = parse_iso(row["signed_at"]) if row["signed_at"] else None
        status = qi.note_status(parse_iso(row["due_at"]), signed, now)
        if status is not None:
            facts.append({**row, "status": status})
    return facts


def _note_tables(facts: list[dict[str, Any]], names: Mapping[str, str]) -> dict[str, Any]:
    by_type = qi.tally(facts, "note_type", "status", "on_time")
    by_ward, by_doctor = [], []
    for note_type in qi.NOTE_DEADLINES:
        of_type = [f for f in facts if f["note_type"] == note_type]
        by_ward += [{**r, "note_type": note_type} for r in qi.tally(of_type, "ward_id", "status",
                                                                     "on_time")]  # fmt: skip
        for r in qi.tally(of_type, "doctor_id", "status", "on_time"):
            by_doctor.append({**r, "note_type": note_type,
                              "doctor": names.get(r["doctor_id"], r["doctor_id"])})  # fmt: skip
    return {"by_type": by_type, "by_ward": by_ward, "by_doctor": by_doctor}


def _alert_tables(conn: Connection, wards: frozenset[str] | None, start: str, end: str,
                  names: Mapping[str, str]) -> dict[str, Any]:  # fmt: skip
    a = quality_alerts.c
    keys = (a.rule_id, a.category, a.severity, a.prescriber_id, a.overridden)
    facts = _rows(conn, select(*keys, func.count().label("rows"))
                  .where(a.at >= start, a.at < end, _in_wards(a.ward_id, wards))
                  .group_by(*keys))  # fmt: skip
    for f in facts:
        f["override"] = "overridden" if f["overridden"] else "heeded"
    by_rule = qi.tally(facts, "rule_id", "override", "overridden")
    kinds = {f["rule_id"]: (f["category"], f["severity"]) for f in facts}
    for r in by_rule:
        r["category"], r["severity"] = kinds[r["rule_id"]]
    by_prescriber = qi.tally(facts, "prescriber_id", "override", "overridden")
    for r in by_prescriber:
        r["prescriber"] = names.get(r["prescriber_id"], r["prescriber_id"])
    return {"by_rule": by_rule, "by_prescriber": by_prescriber}


def _given_facts(conn: Connection, wards: frozenset[str] | None, start: str,
                 end: str) -> list[dict[str, Any]]:  # fmt: skip
    """Doses given in the range, counted per ward, nurse, timing and scan (the fold classified
    each by quality_indicators.dose_timing and the bedside check before it)."""
    d = quality_doses.c
    keys = (d.ward_id, d.nurse_id, d.timing, d.scan)
    return _rows(conn, select(*keys, func.count().label("rows"))
                 .where(d.administered_at >= start, d.administered_at < end, d.outcome == "given",
                        _in_wards(d.ward_id, wards)).group_by(*keys))  # fmt: skip


def _scan_tables(given: list[dict[str, Any]], names: Mapping[str, str]) -> dict[str, Any]:
    tables = {}
    for key, table in (("nurse_id", "by_nurse"), ("ward_id", "by_ward")):
        unable: Counter[str] = Counter()
        for g in given:
            if g["scan"] == qi.UNABLE_TO_SCAN:
                unable[str(g[key] or "")] += g["rows"]
        rows = qi.tally(given, key, "scan", "scanned")
        for r in rows:
            r["unable_to_scan"] = unable.get(r[key], 0)
            if key == "nurse_id":
                r["nurse"] = names.get(r[key], r[key])
        tables[table] = rows
    return tables


def missed_by_ward(conn: Connection, wards: frozenset[str] | None, start: str, end: str,
                   now: datetime) -> dict[str, int]:  # fmt: skip
    """Due times in the range (their window closed before now) of verified scheduled orders
    with nothing recorded, per ward: each order's due times (the MAR's schedule) less the
    scheduled times its administrations name. An order whose whole schedule lies in the range
    and has closed uses the due count the fold stored; the others' schedules are rebuilt."""
    o, d = quality_orders.c, quality_doses.c
    closed = iso(now - qi.DOSE_WINDOW)
    recorded = {order_id: n for order_id, n in conn.execute(
        select(d.order_id, func.count(d.scheduled_for.distinct()))
        .where(d.scheduled_for >= start, d.scheduled_for < end, d.scheduled_for < closed,
               _in_wards(d.ward_id, wards)).group_by(d.order_id))}  # fmt: skip
    inside = and_(o.due_count.is_not(None), o.due_from >= start, o.due_until <= end,
                  o.due_until < closed)  # fmt: skip
    scope = and_(o.status != "rejected", o.verified_at.is_not(None), o.prn.is_(False),
                 o.placed_at < end, (o.ended_at.is_(None)) | (o.ended_at >= start),
                 _in_wards(o.ward_id, wards))  # fmt: skip
    missed: Counter[str] = Counter()
    for order_id, ward, due_count in conn.execute(
            select(o.order_id, o.ward_id, o.due_count).where(scope, inside)):  # fmt: skip
        missed[ward or ""] += max(0, due_count - recorded.get(order_id, 0))
    times, low, high = AdministrationTimes.load(), parse_iso(start), parse_iso(end)
    for order in _rows(conn, select(quality_orders).where(scope, not_(inside))):
        basis = {**order, "status": "completed" if order["ended_at"] else order["status"]}
        due = scheduled_doses(basis, low, high, times=times)
        missed[order["ward_id"] or ""] += qi.missed_count(
            due, recorded.get(order["order_id"], 0), now
        )
    return {ward: n for ward, n in missed.items() if n}


def _dose_tables(given: list[dict[str, Any]], missed: dict[str, int]) -> list[dict[str, Any]]:
    wards = sorted({g["ward_id"] or "" for g in given} | set(missed))
    rows = []
    for ward in wards:
        timed = [g for g in given if (g["ward_id"] or "") == ward and g["timing"]]
        n = sum(g["rows"] for g in timed)
        late = sum(g["rows"] for g in timed if g["timing"] == "late")
        rows.append({"ward_id": ward, "scheduled_given": n, "late": late,
                     "late_share": qi.share(late, n), "missed": missed.get(ward, 0)})  # fmt: skip
    return rows


def _verification_tables(conn: Connection, wards: frozenset[str] | None, start: str,
                         end: str) -> dict[str, Any]:  # fmt: skip
    o = quality_orders.c
    rows = _rows(conn, select(o.ward_id, o.placed_at, o.verified_at).where(
        o.placed_at >= start, o.placed_at < end, _in_wards(o.ward_id, wards)))  # fmt: skip
    minutes: dict[str, list[float]] = {}
    pending: Counter[str] = Counter()
    for r in rows:
        ward = r["ward_id"] or ""
        if r["verified_at"] is None:
            pending[ward] += 1
            continue
        took = qi.minutes_between(parse_iso(r["placed_at"]), parse_iso(r["verified_at"]))
        minutes.setdefault(ward, []).append(took)
    by_ward = [{"ward_id": w, **qi.turnaround_summary(minutes.get(w, [])), "pending": pending[w]}
               for w in sorted(set(minutes) | set(pending))]  # fmt: skip
    overall = qi.turnaround_summary([m for ms in minutes.values() for m in ms])
    return {"by_ward": by_ward, "all": {**overall, "pending": sum(pending.values())}}


def _news2_tables(conn: Connection, wards: frozenset[str] | None, start: str, end: str,
                  now: datetime) -> list[dict[str, Any]]:  # fmt: skip
    t = quality_news2.c
    facts = []
    for r in _rows(conn, select(t.ward_id, t.level, t.at, t.answered_at).where(
            t.at >= start, t.at < end, _in_wards(t.ward_id, wards))):  # fmt: skip
        answered = parse_iso(r["answered_at"]) if r["answered_at"] else None
        status = qi.response_status(r["level"], parse_iso(r["at"]), answered, now)
        if status is not None:
            facts.append({**r, "status": status})
    rows = []
    for level in (qi.URGENT, qi.EMERGENCY):
        of_level = [f for f in facts if f["level"] == level]
        for r in qi.tally(of_level, "ward_id", "status", "in_time"):
            late = sum(
                1 for f in of_level if f["ward_id"] == r["ward_id"] and f["status"] == "late"
            )
            rows.append(
                {**r, "level": level, "late": late, "unanswered": r["n"] - r["in_time"] - late}
            )
    return rows


def quality_indicators(conn: Connection, *, wards: frozenset[str] | None, start: datetime,
                       end: datetime, now: datetime) -> dict[str, Any]:  # fmt: skip
    """Every quality indicator for the wards (None = the whole hospital) over [start, end)."""
    lo, hi = iso(start), iso(end)
    names = _names(conn)
    given = _given_facts(conn, wards, lo, hi)
    return {
        "start": lo, "end": hi, "wards": None if wards is None else sorted(wards),
        "notes": _note_tables(note_timeliness(conn, wards, lo, hi, now), names),
        "alerts": _alert_tables(conn, wards, lo, hi, names),
        "scans": _scan_tables(given, names),
        "doses": _dose_tables(given, missed_by_ward(conn, wards, lo, hi, now)),
        "verification": _verification_tables(conn, wards, lo, hi),
        "news2": _news2_tables(conn, wards, lo, hi, now),
        "windows": {"dose_min": qi.DOSE_WINDOW.total_seconds() / 60,
                    "urgent_min": qi.URGENT_RESPONSE.total_seconds() / 60,
                    "emergency_min": qi.EMERGENCY_RESPONSE.total_seconds() / 60},
    }  # fmt: skip

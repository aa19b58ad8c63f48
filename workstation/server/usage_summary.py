"""The usage dashboard's figures, from the usage records of the last days (their own table, kept
for the configured retention): active users per day and week, features used and never used,
screens by time and keystrokes, error rates per version, and the list of what to fix next.

Counts only: no user, device or record leaves here."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from statistics import median
from typing import Any

import orjson
from sqlalchemy import Connection, distinct, func, select

from workstation.server.usage_tables import usage_records

WEIGHTS = {
    "error": 3,
    "screen": 2,
    "failure": 1,
}  # how the list of what to fix next ranks its kinds
HEAVY = 2.0  # a screen costing this many times the median keys or time per visit


def _where(wards: frozenset[str] | None, since: str, *kinds: str) -> list[Any]:
    u = usage_records.c
    conditions = [u.at >= since, u.kind.in_(kinds)]
    if wards is not None:
        conditions.append(u.ward_id.in_(sorted(wards)))
    return conditions


def active_users(
    conn: Connection, wards: frozenset[str] | None, since: str
) -> dict[str, list[dict[str, Any]]]:
    """Distinct users who did anything, per day (the station's date) and per ISO week."""
    u = usage_records.c
    day = func.substr(u.at, 1, 10)
    pairs = conn.execute(select(day.label("day"), u.user_id).where(
        *_where(wards, since, "login", "action", "screen")).distinct()).all()  # fmt: skip
    per_day: dict[str, set[str]] = defaultdict(set)
    per_week: dict[str, set[str]] = defaultdict(set)
    for row in pairs:
        per_day[row.day].add(row.user_id)
        year, week, _ = date.fromisoformat(row.day).isocalendar()
        per_week[f"{year}-W{week:02d}"].add(row.user_id)
    return {"per_day": [{"day": d, "users": len(per_day[d])} for d in sorted(per_day)],
            "per_week": [{"week": w, "users": len(per_week[w])} for w in sorted(per_week)]}  # fmt: skip


def features(conn: Connection, wards: frozenset[str] | None, since: str) -> dict[str, Any]:
    """Actions used (uses, users) most first, and the catalogued actions nobody used."""
    u = usage_records.c
    used = conn.execute(select(u.name, func.count().label("uses"), func.count(distinct(u.user_id)).label("users"))
                        .where(*_where(wards, since, "action")).group_by(u.name)).all()  # fmt: skip
    catalog = set(
        conn.execute(select(u.name).where(*_where(None, since, "catalog")).distinct()).scalars()
    )
    names = {r.name for r in used}
    return {"used": [{"action": r.name, "uses": r.uses, "users": r.users}
                     for r in sorted(used, key=lambda r: (-r.uses, r.name))],
            "never_used": sorted(catalog - names)}  # fmt: skip


def screens(conn: Connection, wards: frozenset[str] | None, since: str) -> list[dict[str, Any]]:
    """Per screen: visits, users, minutes and keys in all, keys and seconds per visit; most time first."""
    u = usage_records.c
    rows = conn.execute(select(u.name, func.count().label("visits"), func.count(distinct(u.user_id)).label("users"),
                               func.sum(u.duration_ms).label("ms"), func.sum(u.count).label("keys"))
                        .where(*_where(wards, since, "screen")).group_by(u.name)).all()  # fmt: skip
    listed = [{"screen": r.name, "visits": r.visits, "users": r.users, "minutes": round((r.ms or 0) / 60000, 1),
               "keys": int(r.keys or 0), "keys_per_visit": round((r.keys or 0) / r.visits, 1),
               "seconds_per_visit": round((r.ms or 0) / 1000 / r.visits, 1)} for r in rows]  # fmt: skip
    return sorted(listed, key=lambda s: (-s["minutes"], -s["keys"], s["screen"]))


def error_rates(conn: Connection, wards: frozenset[str] | None, since: str) -> list[dict[str, Any]]:
    """Per program version: crashes (errors), failures the screens caught, sessions (logins) and
    errors per 100 sessions; newest first."""
    u = usage_records.c
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"error": 0, "failure": 0, "login": 0})
    for row in conn.execute(select(u.version, u.kind, func.count().label("n"))
                            .where(*_where(wards, since, "error", "failure", "login")).group_by(u.version, u.kind)):  # fmt: skip
        counts[row.version][row.kind] = row.n
    return [{"version": v, "errors": c["error"], "failures": c["failure"], "sessions": c["login"],
             "per_100_sessions": round(100 * c["error"] / c["login"], 1) if c["login"] else None}
            for v, c in sorted(counts.items(), reverse=True)]  # fmt: skip


def top_errors(conn: Connection, wards: frozenset[str] | None, since: str) -> list[dict[str, Any]]:
    """Crashes ("error") and failures the screens caught ("failure"), grouped by kind, type and
    innermost code location: how often, how many users; most users first."""
    u = usage_records.c
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    query = select(u.kind, u.name, u.frames, u.user_id).where(
        *_where(wards, since, "error", "failure")
    )
    for row in conn.execute(query):
        frames = orjson.loads(row.frames) if row.frames else []
        where = f"{frames[-1][0]}:{frames[-1][1]} {frames[-1][2]}" if frames else ""
        key = f"{row.name} @ {where}" if where else row.name
        group = groups.setdefault(
            (row.kind, key), {"kind": row.kind, "error": key, "count": 0, "users": set()}
        )
        group["count"] += 1
        group["users"].add(row.user_id)
    listed = [{"kind": g["kind"], "error": g["error"], "count": g["count"], "users": len(g["users"])}
              for g in groups.values()]  # fmt: skip
    return sorted(listed, key=lambda e: (-e["users"], -e["count"], e["kind"], e["error"]))


def fix_next(
    errors: list[dict[str, Any]], screen_rows: list[dict[str, Any]], never_used: list[str]
) -> list[dict[str, Any]]:
    """What to fix next, ranked by the people each thing hit, weighted: crashes x3, screens costing
    twice the median keys or time per visit x2, failures the screens caught x1; then the
    features nobody used (score 0)."""
    items = [{"kind": e["kind"], "what": e["error"], "users": e["users"], "detail": e["count"],
              "score": WEIGHTS[e["kind"]] * e["users"]} for e in errors]  # fmt: skip
    if screen_rows:
        keys = median(s["keys_per_visit"] for s in screen_rows) or 1.0
        seconds = median(s["seconds_per_visit"] for s in screen_rows) or 1.0
        for s in screen_rows:
            if s["keys_per_visit"] >= HEAVY * keys or s["seconds_per_visit"] >= HEAVY * seconds:
                items.append({"kind": "screen", "what": s["screen"], "users": s["users"],
                              "detail": s["keys_per_visit"], "score": WEIGHTS["screen"] * s["users"]})  # fmt: skip
    items += [
        {"kind": "unused", "what": name, "users": 0, "detail": 0, "score": 0} for name in never_used
    ]
    order = {"error": 0, "screen": 1, "failure": 2, "unused": 3}
    return sorted(items, key=lambda i: (-i["score"], order[i["kind"]], i["what"]))


def usage_summary(
    conn: Connection, wards: frozenset[str] | None, today: date, days: int = 28
) -> dict[str, Any]:
    """Everything the usage tab shows, over the last `days` days up to `today`."""
    since = (today - timedelta(days=days - 1)).isoformat()
    feature_use = features(conn, wards, since)
    screen_rows = screens(conn, wards, since)
    errors = top_errors(conn, wards, since)
    return {
        "since": since, "days": days, "active_users": active_users(conn, wards, since),
        "features": feature_use, "screens": screen_rows, "errors_by_version": error_rates(conn, wards, since),
        "top_errors": errors, "fix_next": fix_next(errors, screen_rows, feature_use["never_used"]),
    }  # fmt: skip

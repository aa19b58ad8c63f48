"""The usage dashboard's figures against hand-counted records (SQLite in memory)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date

import orjson
import pytest
from sqlalchemy import Connection, create_engine, insert

from workstation.server.usage_summary import fix_next, usage_summary
from workstation.server.usage_tables import metadata, usage_records

TODAY = date(2026, 12, 7)  # a Monday: ISO week 2026-W50 begins


@pytest.fixture
def conn() -> Iterator[Connection]:
    engine = create_engine("sqlite://")
    metadata.create_all(engine)
    with engine.begin() as connection:
        yield connection


def _add(conn: Connection, kind: str, name: str, *, user: str = "u1", ward: str = "CARD", day: str = "2026-12-07",
         version: str = "1.0", count: int = 0, ms: int = 0, frames: list[list[object]] | None = None) -> None:  # fmt: skip
    conn.execute(insert(usage_records).values(
        record_id=str(uuid.uuid4()), user_id=user, device_id="pc", ward_id=ward, kind=kind, name=name, screen=None,
        version=version, count=count, duration_ms=ms, frames=orjson.dumps(frames).decode() if frames else None,
        at=f"{day}T09:00:00+08:00", received_at=f"{day}T01:00:00Z"))  # fmt: skip


def test_figures_hand_counted(conn: Connection) -> None:
    for user, day in (
        ("u1", "2026-12-06"),
        ("u2", "2026-12-06"),
        ("u1", "2026-12-07"),
        ("u3", "2026-11-01"),
    ):
        _add(conn, "login", "online", user=user, day=day)
    _add(conn, "login", "online", user="u4", ward="RESP")
    for name, user in (("F9", "u1"), ("F9", "u1"), ("F9", "u2"), ("Ctrl+K", "u2")):
        _add(conn, "action", name, user=user)
    for name in ("F9", "Ctrl+K", "menu3.1", "Ctrl+Shift+Y"):
        _add(conn, "catalog", name)
    _add(conn, "screen", "ChartView/OrdersView", count=30, ms=120_000)
    _add(conn, "screen", "ChartView/OrdersView", count=10, ms=60_000, user="u2")
    _add(conn, "screen", "CensusView", count=2, ms=30_000)
    _add(conn, "screen", "MarView", count=3, ms=20_000)
    frames = [["ui/app.py", 10, "main"], ["ui/screens/mar/view.py", 88, "show_dose"]]
    _add(conn, "error", "builtins.KeyError", frames=frames)
    _add(
        conn,
        "error",
        "builtins.KeyError",
        frames=frames,
        user="u2",
        day="2026-12-06",
        version="0.9",
    )
    _add(
        conn, "failure", "offline_cache.link.Refused"
    )  # caught and shown: ranked below the screens
    summary = usage_summary(conn, frozenset({"CARD"}), TODAY, days=28)
    assert summary["since"] == "2026-11-10"  # 2026-11-01 is outside the 28 days
    assert summary["active_users"]["per_day"] == [
        {"day": "2026-12-06", "users": 2},
        {"day": "2026-12-07", "users": 2},
    ]
    assert summary["active_users"]["per_week"] == [
        {"week": "2026-W49", "users": 2},
        {"week": "2026-W50", "users": 2},
    ]
    assert summary["features"]["used"] == [
        {"action": "F9", "uses": 3, "users": 2},
        {"action": "Ctrl+K", "uses": 1, "users": 1},
    ]
    assert summary["features"]["never_used"] == ["Ctrl+Shift+Y", "menu3.1"]
    orders = summary["screens"][0]
    assert orders == {"screen": "ChartView/OrdersView", "visits": 2, "users": 2, "minutes": 3.0, "keys": 40,
                      "keys_per_visit": 20.0, "seconds_per_visit": 90.0}  # fmt: skip
    assert summary["errors_by_version"] == [
        {"version": "1.0", "errors": 1, "failures": 1, "sessions": 3, "per_100_sessions": 33.3},
        {"version": "0.9", "errors": 1, "failures": 0, "sessions": 0, "per_100_sessions": None},
    ]
    assert summary["top_errors"] == [
        {
            "kind": "error",
            "error": "builtins.KeyError @ ui/screens/mar/view.py:88 show_dose",
            "count": 2,
            "users": 2,
        },
        {"kind": "failure", "error": "offline_cache.link.Refused", "count": 1, "users": 1},
    ]
    ranked = [(i["kind"], i["what"]) for i in summary["fix_next"]]
    # the crash hits 2 users (score 6); orders costs 20 keys a visit, over twice the median of 6.5
    # (2 users, score 4); the caught failure hit 1 user (score 1)
    assert ranked == [("error", "builtins.KeyError @ ui/screens/mar/view.py:88 show_dose"),
                      ("screen", "ChartView/OrdersView"), ("failure", "offline_cache.link.Refused"),
                      ("unused", "Ctrl+Shift+Y"), ("unused", "menu3.1")]  # fmt: skip
    hospital = usage_summary(conn, None, TODAY)
    assert hospital["active_users"]["per_day"][-1] == {
        "day": "2026-12-07",
        "users": 3,
    }  # RESP's user too


def test_fix_next_with_nothing_recorded() -> None:
    assert fix_next([], [], []) == []

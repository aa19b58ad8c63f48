"""The demo's nurse rosters (排班) for this week: a few more nurses per ward with their grade and
能级, the demo's shift pattern (白班 08-16, 小夜 16-24, 大夜 00-08: a demo's, each ward sets its own),
and who works which shift with which beds. CARD is staffed to the 2012 guidance's 0.4 nurses per
bed; RESP is one nurse short, and the single-nurse night shifts carry more than 8 patients, so the
staffing dashboard has warnings to show. The demo nurse `card.nurse` is put on the shift running
when the demo is loaded, so her worklist opens on her own beds."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, select

from workstation.clinical.roster import parse_shifts, shift_at
from workstation.clinical.schedule import ward_clock
from workstation.server import refdata
from workstation.server import roster_store as rs
from workstation.server.auth import add_user
from workstation.server.db import writer
from workstation.server.models import users
from workstation.server.user_rights import set_rights

EXTRA_NURSES = {  # username: (display name, ward, grade 职称)
    "card.nurse3": ("孙红 Sun Hong", "CARD", "supervisor_nurse"),
    "card.nurse4": ("周婷 Zhou Ting", "CARD", "senior_nurse"),
    "card.nurse5": ("吴静 Wu Jing", "CARD", "nurse"),
    "card.nurse6": ("郑雪 Zheng Xue", "CARD", "nurse"),
    "resp.nurse3": ("王莉 Wang Li", "RESP", "senior_nurse"),
    "resp.nurse4": ("冯燕 Feng Yan", "RESP", "nurse"),
    "resp.nurse5": ("陈晨 Chen Chen", "RESP", "nurse"),
}  # fmt: skip
LEVELS = ("N3", "N2", "N2", "N1", "N1", "N0", "N4")  # handed out in order of the ward's nurses
BED_SPLITS = {1: ["01-16"], 2: ["01-08", "09-16"], 3: ["01-06", "07-11", "12-16"]}


def load_rosters(engine: Engine, now: datetime) -> dict[str, str]:
    """Add the extra demo nurses and this week's roster of each demo ward; their passwords."""
    passwords = {name: secrets.token_urlsafe(12) for name in EXTRA_NURSES}
    with writer(engine) as conn:
        for username, (display, ward, grade) in EXTRA_NURSES.items():
            add_user(conn, username=username, password=passwords[username], display_name=display,
                     role="nurse", wards=[ward])  # fmt: skip
            set_rights(conn, username, title=grade)
        refdata.publish_directory(conn)
        ids = dict(conn.execute(select(users.c.username, users.c.user_id)).all())
        for ward in ("CARD", "RESP"):
            _one_ward(conn, ward, ids, now)
    return passwords


def _one_ward(conn: Connection, ward: str, ids: dict[str, str], now: datetime) -> None:
    nurses = [n for n in rs.ward_nurses(conn, ward) if n["role"] == "nurse"]
    order = sorted(nurses, key=lambda n: n["display_name"])
    head = next(
        (n["user_id"] for n in rs.ward_nurses(conn, ward) if n["role"] == "head_nurse"), None
    )
    today = now.astimezone(ward_clock()).date()
    monday = today - timedelta(days=today.weekday())
    beds = rs.ward_beds(conn, ward) or []
    cells = []
    for offset in range(7):
        day = monday + timedelta(days=offset)
        rota = order[offset % len(order) :] + order[: offset % len(order)]
        staff = {
            "D": rota[:3] if day.weekday() < 5 else rota[:2],
            "E": rota[3:4] + rota[5:6],
            "N": rota[4:5],
        }
        if ward == "RESP":
            staff["E"] = rota[3:4]  # RESP: one nurse short on the evening shift
        for code, on in staff.items():
            split = BED_SPLITS[len(on)]
            found = [
                {"nurse_id": n["user_id"], "beds": _range(split[i], beds)} for i, n in enumerate(on)
            ]
            if code == "D" and head is not None and day.weekday() < 5:
                found.append({"nurse_id": head, "beds": []})  # 护士长: on the ward, no beds
            cells.append({"date": day.isoformat(), "shift": code, "assignments": found})
    _put_demo_nurse_on_now(cells, ward, ids, now, beds)
    levels = {n["user_id"]: LEVELS[i % len(LEVELS)] for i, n in enumerate(order)}
    rs.save(conn, ward, base_version=rs.roster(conn, ward).version,
            edit={"shifts": rs.DEFAULT_SHIFTS, "levels": levels, "cells": cells}, actor="demo")  # fmt: skip


def _range(text: str, beds: list[str]) -> list[str]:
    first, last = text.split("-")
    return beds[beds.index(first) : beds.index(last) + 1]


def _put_demo_nurse_on_now(cells: list[dict[str, Any]], ward: str, ids: dict[str, str],
                           now: datetime, beds: list[str]) -> None:  # fmt: skip
    """card.nurse takes the first half of the beds on the shift running at load time."""
    running = shift_at(parse_shifts(rs.DEFAULT_SHIFTS), now, ward_clock())
    nurse = ids.get("card.nurse")
    if ward != "CARD" or running is None or nurse is None:
        return
    key = (running[0].isoformat(), running[1].code)
    cell = next((c for c in cells if (c["date"], c["shift"]) == key), None)
    if cell is None:
        return
    others = [a for a in cell["assignments"] if a["nurse_id"] != nurse and a["beds"]]
    half = beds[: len(beds) // 2]
    for a in others:
        a["beds"] = [b for b in a["beds"] if b not in half] or [b for b in beds if b not in half]
    cell["assignments"] = [*[a for a in cell["assignments"] if a["nurse_id"] != nurse],
                           {"nurse_id": nurse, "beds": half}]  # fmt: skip
    taken: set[str] = set()
    for a in cell["assignments"]:  # a bed has one 责任护士 per shift
        a["beds"] = [b for b in a["beds"] if b not in taken]
        taken |= set(a["beds"])

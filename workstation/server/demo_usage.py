"""Demo usage telemetry and feedback: four weeks of logins, actions, screen visits and a few
errors for the demo ward staff, and some anonymous feedback with one answer, so the usage tab and
the feedback board show something real. Written straight into their own tables (they are not
events)."""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta

import orjson
from sqlalchemy import Engine, insert

from workstation.clock import iso
from workstation.server.auth import User
from workstation.server.db import writer
from workstation.server.usage_tables import feedback, usage_records
from workstation.telemetry.feedback import new_feedback_id

DAYS = 28
ACTIONS = ("Ctrl+K", "Ctrl+F", "Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+N", "Ctrl+Return", "F9", "Ctrl+W", "Ctrl+8",
           "F7", "Ctrl+I", "Ctrl+Shift+K", "Ctrl+P", "Ctrl+L", "Ctrl+Shift+S")  # fmt: skip
UNUSED = ("Ctrl+Shift+U", "Ctrl+Shift+Y", "menu4.3", "Ctrl+Alt+P")
SCREENS = (("CensusView", 4, 40), ("ChartView/NotesView", 60, 300), ("ChartView/OrdersView", 45, 240),
           ("MarView", 12, 120), ("WorklistView", 6, 90), ("FrontSheetDialog", 90, 420))  # fmt: skip
ERRORS = (("builtins.KeyError", [["ui/screens/mar/controller.py", 212, "_dose_scanned"]]),
          ("sqlite3.OperationalError", [["offline_cache/store.py", 58, "writing"]]))  # fmt: skip
FEEDBACK = (("slow", "扫码后给药记录要等好几秒才出来。", None),
            ("hard_to_use", "The front sheet needs too many keys for the diagnoses.", "Shorter codes planned for January."),
            ("missing", "希望护理记录能按班次自动小结出入量。", None))  # fmt: skip


def _record(
    user: User, at: datetime, kind: str, name: str, version: str, **more: object
) -> dict[str, object]:
    return {"record_id": str(uuid.uuid4()), "user_id": user.user_id, "device_id": f"demo-pc-{user.wards[0]}",
            "ward_id": user.wards[0], "kind": kind, "name": name, "screen": None, "version": version,
            "count": 0, "duration_ms": 0, "frames": None, "at": iso(at), "received_at": iso(at)} | more  # fmt: skip


def _day(user: User, start: datetime, rng: random.Random, version: str) -> list[dict[str, object]]:
    rows = [_record(user, start, "login", "online", version)]
    for minute in range(rng.randint(5, 25)):
        rows.append(
            _record(user, start + timedelta(minutes=minute), "action", rng.choice(ACTIONS), version)
        )
    for screen, keys, seconds in SCREENS:
        if rng.random() < 0.7:
            rows.append(_record(user, start, "screen", screen, version, count=rng.randint(keys // 2, keys * 2),
                                duration_ms=rng.randint(seconds // 2, seconds * 2) * 1000))  # fmt: skip
    if rng.random() < (0.12 if version == "0.1.0" else 0.04):
        name, frames = rng.choice(ERRORS)
        rows.append(
            _record(user, start, "error", name, version, frames=orjson.dumps(frames).decode())
        )
    return rows


def record_demo_usage(engine: Engine, users: dict[str, User], now: datetime, seed: int) -> None:
    """Usage records of the demo's ward staff over the last four weeks, and the feedback board."""
    rng = random.Random(seed)
    staff = [
        u for u in users.values() if u.wards and u.role in ("physician", "nurse", "head_nurse")
    ]
    rows = [
        _record(staff[0], now - timedelta(days=DAYS), "catalog", name, "0.2.0")
        for name in ACTIONS + UNUSED
    ]
    for back in range(DAYS, 0, -1):
        version = "0.1.0" if back > DAYS // 2 else "0.2.0"
        for user in staff:
            if rng.random() < 0.6:
                rows += _day(
                    user, now - timedelta(days=back, hours=rng.randint(0, 10)), rng, version
                )
    with writer(engine) as conn:
        conn.execute(insert(usage_records), rows)
        conn.execute(insert(feedback), [
            {"feedback_id": new_feedback_id(), "day": (now - timedelta(days=n * 3)).date().isoformat(),
             "category": category, "text": text, "ward_id": None, "tags": "front-sheet" if answer else "",
             "answer": answer, "answered_on": now.date().isoformat() if answer else None}
            for n, (category, text, answer) in enumerate(FEEDBACK)])  # fmt: skip

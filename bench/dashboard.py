"""How long the hospital dashboard takes to open over a year of a 500-bed hospital.

One year of stays on 20 wards of 25 beds is generated with the demo's own generator
(workstation.server.demo_history: admissions, transfers and discharges with the demo's
weekday and hour shapes, and every STAY_EVENT_MAKERS maker of the other dashboards — notes,
order checks, administrations — once merged), plus vital signs three times a day as the
background a ward's log mostly is. The events go straight into the event log (a bulk insert of
the rows the push path would write: server_seq in order, ward, canonical payload, content hash):
the dashboards read only the log, and a year through the push path (validation, signatures,
clinical projections) would take the better part of an hour without changing what is measured.

Then a real `serve` on loopback is started over that database and the medical affairs office
opens the hospital dashboard over HTTP, as the station does: /manage/scope, then every
dashboard's GET path for the whole hospital, one after another. `cold_open_s`: the first open,
which folds the whole year into the projections; `open_s`: an open after a few new events.

    python bench/dashboard.py --json           # {"open_s", "events", ...}
    python bench/dashboard.py --weeks 8 --beds 100   # a quick look
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("CW_ARGON2_PROFILE", "test")  # the bench's own users; hashing is not measured

import httpx  # noqa: E402
from _common import REPO  # noqa: E402
from sqlalchemy import Engine, func, insert, select  # noqa: E402

import workstation.server.demo  # noqa: E402, F401  (registers every dashboard's stay maker)
from workstation.clock import iso, utc_now  # noqa: E402
from workstation.events.envelope import canonical_json, event_from_wire  # noqa: E402
from workstation.server import auth, refdata  # noqa: E402
from workstation.server.auth import User, all_users  # noqa: E402
from workstation.server.db import make_engine, reader, writer  # noqa: E402
from workstation.server.demo_events import DemoLog  # noqa: E402
from workstation.server.demo_history import record_past_stays  # noqa: E402
from workstation.server.demo_history_types import STAY_EVENT_MAKERS, Stay  # noqa: E402
from workstation.server.manage_routers import ROUTERS  # noqa: E402
from workstation.server.models import events  # noqa: E402
from workstation.server.setup import initialise  # noqa: E402

PASSWORD = "bench-password-1"
BEDS_PER_WARD = 25
VITALS_HOURS = (6, 14, 22)
CHUNK = 5_000


def _directory(engine: Engine, ward_count: int) -> dict[str, User]:
    """Wards W01.. with 25 beds, a physician and two nurses each, and the hospital's others."""
    with writer(engine) as conn:
        for n in range(1, ward_count + 1):
            ward = f"W{n:02d}"
            refdata.add_ward(conn, ward_id=ward, name_en=f"Ward {n}", name_zh=f"{n}病区",
                             beds=[f"{b:02d}" for b in range(1, BEDS_PER_WARD + 1)])  # fmt: skip
            for name, role in (("physician", "physician"), ("nurse", "nurse"), ("nurse2", "nurse")):
                auth.add_user(conn, username=f"{ward.lower()}.{name}", password=PASSWORD,
                              display_name=f"{ward} {name}", role=role, wards=[ward])  # fmt: skip
        for name, role in (("office", "medical_affairs"), ("pharmacist", "pharmacist"),
                           ("lab", "lab"), ("demo.admin", "admin")):  # fmt: skip
            auth.add_user(conn, username=name, password=PASSWORD, display_name=name, role=role,
                          wards=[])  # fmt: skip
        refdata.publish_directory(conn)
    with reader(engine) as conn:
        return {u.username: u for u in all_users(conn).values()}


def _vitals(stay: Stay, log: DemoLog, users: dict[str, User], rng: random.Random) -> None:
    """Vital signs three times a day (the bench's background, not a dashboard's input)."""
    assert stay.discharged_at is not None
    at = stay.admitted_at + timedelta(hours=1)
    while at < stay.discharged_at:
        log.add(at, "VitalsRecorded", author=stay.nurse_ids[0], patient_id=stay.patient_id,
                payload={"taken_at": iso(at), "pulse_bpm": rng.randint(60, 100),
                         "systolic_mmhg": rng.randint(100, 150), "spo2_pct": rng.randint(93, 99)})  # fmt: skip
        at += timedelta(hours=8)


def generate(engine: Engine, *, beds: int, weeks: int, seed: int = 15) -> dict[str, int]:
    """A year (or `weeks`) of the hospital's stays, written into the event log in bulk."""
    users = _directory(engine, max(1, beds // BEDS_PER_WARD))
    wards = {w.ward_id: BEDS_PER_WARD for w in _wards(engine)}
    log = DemoLog(utc_now())
    STAY_EVENT_MAKERS.append(_vitals)
    try:
        stays = record_past_stays(log, users, random.Random(seed), wards=wards, weeks=weeks)
    finally:
        STAY_EVENT_MAKERS.remove(_vitals)
    written = bulk_append(engine, log.wire_events())
    return {"stays": len(stays), "events": written}


def _wards(engine: Engine) -> list[Any]:
    from workstation.server.models import wards

    with reader(engine) as conn:
        return list(conn.execute(select(wards.c.ward_id)))


def bulk_append(engine: Engine, wire_events: list[dict[str, Any]]) -> int:
    """Append events to the log as the push path stores them (no checks, no projections)."""
    ward_of: dict[str, str] = {}
    with writer(engine) as conn:
        seq = conn.execute(select(func.max(events.c.server_seq))).scalar() or 0
        for start in range(0, len(wire_events), CHUNK):
            rows = []
            for wire in wire_events[start : start + CHUNK]:
                seq += 1
                event = event_from_wire(wire)
                if event.type in ("PatientAdmitted", "PatientTransferred"):
                    ward_of[event.patient_id or ""] = event.payload["ward_id"]
                rows.append({
                    "server_seq": seq, "event_id": event.event_id, "type": event.type,
                    "patient_id": event.patient_id, "ward_id": ward_of.get(event.patient_id or ""),
                    "author_id": event.author_id, "device_id": event.device_id,
                    "device_seq": seq, "recorded_at": event.recorded_at,
                    "received_at": event.recorded_at, "pushed_by": event.author_id,
                    "content_hash": event.content_hash(), "payload": canonical_json(event.payload),
                })  # fmt: skip
            conn.execute(insert(events), rows)
    return len(wire_events)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serve(url: str, folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    with open(folder / "server.log", "wb") as log:  # a pipe nobody reads would fill and block
        server = subprocess.Popen([sys.executable, "-m", "workstation.server.cli", "serve",
                                   "--database", url, "--port", str(port)],
                                  stdout=log, stderr=subprocess.STDOUT, cwd=REPO)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit((folder / "server.log").read_text(errors="replace")[-2000:])
        try:
            if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                return server, base
        except httpx.HTTPError:
            pass
        time.sleep(0.2)  # waiting for a subprocess to listen, not for a result
    raise SystemExit("the server did not come up")


def dashboard_paths(engine: Engine) -> list[str]:
    """Every dashboard's GET path (no path parameters), /manage/scope first."""
    paths = []
    for factory in ROUTERS:
        for route in factory(engine).routes:
            path = getattr(route, "path", "")
            if "GET" in getattr(route, "methods", set()) and "{" not in path:
                paths.append(path)
    return sorted(set(paths), key=lambda p: (p != "/manage/scope", p))


def _open(http: httpx.Client, headers: dict[str, str], paths: list[str]) -> dict[str, float]:
    """Open the hospital dashboard as the station does: each path in turn; seconds per path."""
    took = {}
    for path in paths:
        started = time.perf_counter()
        answer = http.get(path, headers=headers)
        took[path] = round(time.perf_counter() - started, 3)
        if answer.status_code != 200:
            raise SystemExit(f"{path}: {answer.status_code} {answer.text[:300]}")
    return took


def run(*, beds: int, weeks: int, url: str | None) -> dict[str, Any]:
    """Generate, serve, open cold, add a few events, open warm; the figures."""
    folder = Path(tempfile.mkdtemp(prefix="cw-dashboard-"))
    url = url or f"sqlite:///{folder / 'server.db'}"
    engine = make_engine(url)
    initialise(engine)
    started = time.perf_counter()
    made = generate(engine, beds=beds, weeks=weeks)
    generate_s = time.perf_counter() - started
    paths = dashboard_paths(engine)
    server, base = _serve(url, folder)
    try:
        with httpx.Client(base_url=base, timeout=600) as http:
            login = http.post("/auth/login", json={"username": "office", "password": PASSWORD,
                                                   "device_id": "bench-office"})  # fmt: skip
            login.raise_for_status()
            headers = {"authorization": f"Bearer {login.json()['access_token']}"}
            cold = _open(http, headers, paths)
            made["events"] += _a_few_new_events(engine)
            warm = _open(http, headers, paths)
    finally:
        server.terminate()
        server.wait(timeout=30)
        engine.dispose()
    return {
        "open_s": round(sum(warm.values()), 3), "events": made["events"],
        "cold_open_s": round(sum(cold.values()), 3), "stays": made["stays"], "beds": beds,
        "weeks": weeks, "generate_s": round(generate_s, 1), "warm_paths_s": warm,
        "cold_paths_s": cold, "database": url.split(":", 1)[0],
    }  # fmt: skip


def _a_few_new_events(engine: Engine) -> int:
    """Ten new admissions on the first ward, as if a morning's pushes had arrived."""
    with reader(engine) as conn:
        users = {u.username: u for u in all_users(conn).values()}
    log = DemoLog(utc_now())
    for n in range(10):
        at = utc_now() - timedelta(hours=2, minutes=n)
        log.add(at, "PatientAdmitted", author=users["w01.physician"].user_id,
                patient_id=f"00000000-0000-7000-8000-{n:012d}", payload={
            "record_number": f"N{n:05d}", "name": "新患者", "sex": "female",
            "birth_date": "1950-01-01", "ward_id": "W01", "bed": "01", "admitted_at": iso(at),
        })  # fmt: skip
    return bulk_append(engine, log.wire_events())


def main() -> None:
    """Command line: --json, --beds, --weeks, --database."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--beds", type=int, default=500)
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--database", help="a PostgreSQL URL (default: a fresh SQLite file)")
    args = parser.parse_args()
    figures = run(beds=args.beds, weeks=args.weeks, url=args.database)
    if args.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            print(f"{key:>14}: {value}")


if __name__ == "__main__":
    main()

"""CPU per request: what one station's push of a few events and one empty poll cost the server
process (and the PostgreSQL backends), sent one after the other so that nothing else blurs it.

    python bench/request_cost.py --json                       # this checkout, 5 rounds
    python bench/request_cost.py --code old=/tmp/main-copy --code new=. --rounds 7
    python bench/request_cost.py --profile /tmp/prof          # cProfile of every server thread

With several --code folders, one server process runs each folder's code on the same database
and the rounds alternate between them (old, new, old, new, ...): the medians compare like with
like on a shared machine. CPU is read from /proc (utime + stime), not the wall clock. A push is
one to three signed events of the load bench's ward mix (bench/load_stations.py); an empty poll
asks from an up-to-date cursor; a poll with events reads a page of 3 of its ward's events (the
rounds' pushes) and is audited. Prints per code: ms of server CPU per push, per poll with events
and per empty poll (median over rounds), and the same for the PostgreSQL backends.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("CW_ARGON2_PROFILE", "test")
os.environ["CW_TEST_NO_ZYGOTE"] = "1"  # each server a process of its own, importing its own code

import httpx  # noqa: E402
import psycopg  # noqa: E402
from _common import children_cpu_s, cpu_s, use_throwaway_keyring  # type: ignore[import-not-found]  # noqa: E402
from load_stations import create_hospital, issue_tokens  # type: ignore[import-not-found]  # noqa: E402

from tests.support.live_server import LiveServer  # noqa: E402
from tests.support.postgres import PostgresCluster  # noqa: E402
from workstation.server.db import make_engine  # noqa: E402
from workstation.server.setup import initialise  # noqa: E402

HERE = Path(__file__).resolve().parent
PAGE_EVENTS = 3  # a poll with events: about what a station finds of its ward's in 5 s at peak


class Server(LiveServer):
    """A LiveServer running the code of `code` (its PYTHONPATH), under cProfile when asked."""

    def __init__(self, url: str, code: Path, profile: Path | None, log_dir: Path):
        super().__init__(url, log_dir=log_dir)
        self.code, self.profile = code, profile

    def _popen(self, sock: Any) -> subprocess.Popen[bytes]:
        self._log = self.log_path.open("ab")
        env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(self.code)}
        command = [sys.executable, "-m", "workstation.server.serve", self.database_url,
                   str(self.port), str(sock.fileno())]  # fmt: skip
        if self.profile is not None:
            env["CW_PROFILE_OUT"] = str(self.profile)
            command = [sys.executable, str(HERE / "_profiled_serve.py"), *command[3:]]
        return subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=self._log,
                                stderr=subprocess.STDOUT, env=env, cwd=self.code,
                                pass_fds=(sock.fileno(),))  # fmt: skip


def _push(client: httpx.Client, station: Any, rng: random.Random) -> None:
    events = station.ward_events(rng, rng.randint(1, 3))
    body = {"events": [e.to_wire() for e in events], "sync_id": f"cost-{station.index}"}
    reply = client.post(f"{station.server}/sync/push", json=body,
                        headers={"Authorization": f"Bearer {station.access_token}"})  # fmt: skip
    reply.raise_for_status()
    refused = [r for r in reply.json()["results"] if r["status"] != "accepted"]
    if refused:
        raise RuntimeError(f"push refused: {refused[0]}")


def _poll(client: httpx.Client, station: Any, limit: int = 1000) -> int:
    reply = client.get(f"{station.server}/sync/pull",
                       params={"after": station.cursor, "limit": limit},
                       headers={"Authorization": f"Bearer {station.access_token}"})  # fmt: skip
    reply.raise_for_status()
    page = reply.json()
    station.cursor = page["next_after"]
    return len(page["events"])


def _round(server: Server, postmaster: int, stations: list[Any], client: httpx.Client,
           rng: random.Random, pushes: int, polls: int) -> dict[str, float]:  # fmt: skip
    for station in stations:
        station.server = server.url
    figures = {}
    before, db_before = cpu_s(server.pid), children_cpu_s(postmaster)
    for n in range(pushes):
        _push(client, stations[n % len(stations)], rng)
    figures["push_ms"] = (cpu_s(server.pid) - before) / pushes * 1000
    figures["push_db_ms"] = (children_cpu_s(postmaster) - db_before) / pushes * 1000
    # catch up in pages of a few events, as a station polling a busy ward finds them: each of
    # these polls reads its ward's events and is audited (the last of each station finds none)
    before, db_before, paged = cpu_s(server.pid), children_cpu_s(postmaster), 0
    for station in stations:
        while _poll(client, station, PAGE_EVENTS):
            paged += 1
    figures["poll_events_ms"] = (cpu_s(server.pid) - before) / paged * 1000
    figures["poll_events_db_ms"] = (children_cpu_s(postmaster) - db_before) / paged * 1000
    before, db_before = cpu_s(server.pid), children_cpu_s(postmaster)
    for n in range(polls):
        if _poll(client, stations[n % len(stations)]):
            raise RuntimeError("an empty poll found events")
    figures["poll_ms"] = (cpu_s(server.pid) - before) / polls * 1000
    figures["poll_db_ms"] = (children_cpu_s(postmaster) - db_before) / polls * 1000
    return figures


def measure(codes: dict[str, Path], rounds: int, pushes: int, polls: int,
            profile: Path | None) -> dict[str, Any]:  # fmt: skip
    """Median CPU per push and per empty poll for each code, the rounds alternating."""
    folder = Path(tempfile.mkdtemp(prefix="cw-cost-"))
    use_throwaway_keyring(folder)
    cluster = PostgresCluster().start()
    servers: dict[str, Server] = {}
    try:
        with psycopg.connect(cluster.url().replace("+psycopg", ""), autocommit=True) as conn:
            conn.execute("CREATE DATABASE cost")
        url = cluster.url("cost")
        engine = make_engine(url)
        initialise(engine)
        made = create_hospital(engine, 10)
        stations = [made[0], made[5], made[6], made[7]]  # a doctor's and three nurses' PCs
        for label, code in codes.items():
            (folder / label).mkdir()
            prof = None if profile is None else profile.with_name(f"{profile.name}.{label}")
            servers[label] = Server(url, code, prof, folder / label).start()
        issue_tokens(engine, made, [servers[next(iter(codes))].url])
        postmaster = int((cluster.data_dir / "postmaster.pid").read_text().split()[0])
        rng = random.Random(12)
        samples: dict[str, list[dict[str, float]]] = {label: [] for label in codes}
        with httpx.Client(timeout=60) as client:
            for server in servers.values():  # warm up: connections, caches, first imports
                _round(server, postmaster, stations, client, rng, 20, 20)
            for _ in range(rounds):
                for label, server in servers.items():
                    samples[label].append(
                        _round(server, postmaster, stations, client, rng, pushes, polls)
                    )
        engine.dispose()
    finally:
        for server in servers.values():
            server.stop()
        cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)
    return {
        label: {name: round(statistics.median(s[name] for s in rows), 2) for name in rows[0]}
        | {"rounds": len(rows)}
        for label, rows in samples.items()
    } | {"load_average": os.getloadavg()[0], "pushes": pushes, "polls": polls}


def main(argv: list[str] | None = None) -> int:
    """Measure and print the figures."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--code", action="append", default=[],
                        help="LABEL=FOLDER of a checkout whose server to measure (repeatable)")  # fmt: skip
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--pushes", type=int, default=100, help="pushes per round")
    parser.add_argument("--polls", type=int, default=300, help="empty polls per round")
    parser.add_argument(
        "--profile", type=Path, help="write each server's cProfile to PROFILE.<label>"
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    codes = {label: Path(folder).resolve()
             for label, _, folder in (c.partition("=") for c in args.code)} or {
        "this": HERE.parent}  # fmt: skip
    started = time.monotonic()
    result = measure(codes, args.rounds, args.pushes, args.polls, args.profile)
    result["seconds"] = round(time.monotonic() - started, 1)
    print(json.dumps(result) if args.json else json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

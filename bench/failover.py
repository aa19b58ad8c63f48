"""High availability, measured: the primary database node and then a server process are lost
under load, and no acknowledged event is lost or stored twice.

    python bench/failover.py --json                          # 4 stations, median of 3 runs
    python bench/failover.py --json --runs 1 --stations 2 --warmup 2 --after 2   # CI's version

Each run starts a pg_auto_failover formation (monitor, primary, synchronous standby: a commit
is acknowledged only once the standby has it) on loopback, two `serve` processes whose database
URL names both nodes with target_session_attrs=read-write, the shipped HAProxy configuration in
front of them (health checks on /readyz) and real stations (offline_cache.Workstation) that
record vital signs and sync in a loop. Mid-load it SIGKILLs the primary node (postmaster and its
pg_autoctl), waits for writes to be acknowledged again, then SIGKILLs one server process.

Prints {"failover_s", "server_failover_s", "acknowledged_events", "lost_acknowledged",
"duplicated", ...}: failover_s runs from the primary's kill to the first write acknowledged to a
station in a sync begun after the kill; server_failover_s from the server process's kill until
every station has had such a write; lost_acknowledged counts events a station holds as accepted
that the surviving database lacks; duplicated, events stored twice (by id or by device sequence).
Exits 1 unless lost = duplicated = 0 and failover_s <= 30.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import psycopg
from _common import prepare_server_database  # type: ignore[import-not-found]
from _formation import PRODUCTION_SETTINGS, Formation  # type: ignore[import-not-found]
from _stations import Station, use_shared_keyring  # type: ignore[import-not-found]

from tests.support import free_loopback_port
from tests.support.live_server import LiveServer
from tests.support.proxy import Proxy

TARGET_FAILOVER_S = 30
RECOVERY_LIMIT_S = 120


def _wait_until_served(stations: list[Station], since: float, *, every: bool) -> float:
    """Seconds from `since` until one station (or every one) had a write acknowledged in a
    sync begun after it."""
    deadline = time.monotonic() + RECOVERY_LIMIT_S
    while time.monotonic() < deadline:
        firsts = [s.first_ack_after(since) for s in stations]
        done = [t for t in firsts if t is not None]
        if done and (not every or len(done) == len(firsts)):
            return round((max(done) if every else min(done)) - since, 2)
        time.sleep(0.05)  # poll interval, bounded by the deadline
    raise RuntimeError(f"no write acknowledged within {RECOVERY_LIMIT_S} s of the kill")


def _stored(formation: Formation) -> tuple[set[str], int]:
    """The surviving primary's event ids, and how many events are stored twice."""
    with psycopg.connect(formation.node_url(formation.primary()), connect_timeout=5) as conn:
        ids = {row[0] for row in conn.execute("SELECT event_id FROM events")}
        twice_by_id = conn.execute(
            "SELECT count(*) - count(DISTINCT event_id) FROM events").fetchone()[0]  # type: ignore[index]  # fmt: skip
        twice_by_seq = conn.execute(
            "SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM events "
            "GROUP BY device_id, device_seq HAVING count(*) > 1) AS d").fetchone()[0]  # type: ignore[index]  # fmt: skip
    return {str(i) for i in ids}, int(twice_by_id) + int(twice_by_seq)


def _servers(url: str, folder: Path) -> list[LiveServer]:
    """Two server processes on the formation, started side by side."""
    servers = []
    for n in (1, 2):
        (folder / f"server{n}").mkdir()
        servers.append(LiveServer(url, log_dir=folder / f"server{n}"))
    with ThreadPoolExecutor(len(servers)) as pool:
        started = [pool.submit(server.start) for server in servers]
    errors = [f.exception() for f in started if f.exception() is not None]
    if errors:
        for server in servers:
            server.stop()
        raise RuntimeError("a server process did not start") from errors[0]
    return servers


def run_once(
    folder: Path, *, stations: int, warmup: float, after: float, production: bool = False
) -> dict[str, Any]:
    """One run on a fresh formation (with the README's monitor timeouts when production);
    its figures."""
    formation = Formation(PRODUCTION_SETTINGS if production else None).start()
    servers: list[LiveServer] = []
    proxy: Proxy | None = None
    crew: list[Station] = []
    try:
        if not formation.synchronous_standby_names(formation.primary()):
            raise RuntimeError("the primary does not wait for its standby (no synchronous standby)")
        prepare_server_database(formation.url())
        servers = _servers(formation.url(), folder)
        proxy = Proxy(folder, free_loopback_port(), (servers[0].port, servers[1].port)).start()
        crew = [Station(folder / f"station{n}", proxy.url, n) for n in range(stations)]
        for station in crew:
            station.start()
        for station in crew:
            station.wait_ready()
        time.sleep(warmup)  # load before the kill
        killed_at = time.monotonic()
        formation.kill_node(formation.primary())
        failover_s = _wait_until_served(crew, killed_at, every=False)
        failover_all_s = _wait_until_served(crew, killed_at, every=True)
        time.sleep(after)
        killed_at = time.monotonic()
        servers[0].kill()
        server_failover_s = _wait_until_served(crew, killed_at, every=True)
        time.sleep(after)
        for station in crew:
            station.finish()  # stops recording, syncs until its outbox is empty
        acknowledged = set().union(*(s.acknowledged() for s in crew))
        stored, duplicated = _stored(formation)
        return {
            "failover_s": failover_s, "failover_all_stations_s": failover_all_s,
            "server_failover_s": server_failover_s, "acknowledged_events": len(acknowledged),
            "lost_acknowledged": len(acknowledged - stored), "duplicated": duplicated,
            "failed_syncs": sum(s.failed for s in crew),
        }  # fmt: skip
    finally:
        for station in crew:
            station.finish(drain=False)
        if proxy is not None:
            proxy.stop()
        for server in servers:
            server.stop()
        formation.stop()


def bench(runs: int, *, keep: bool = False, **options: Any) -> dict[str, Any]:
    """`runs` runs: median times, the worst losses and duplicates, all acknowledged events."""
    results = []
    for run in range(runs):
        folder = Path(tempfile.mkdtemp(prefix=f"cw-failover-{run}-"))
        try:
            results.append(run_once(folder, **options))
        finally:
            if keep:
                print(f"failover: run {run} kept in {folder}", file=sys.stderr)
            else:
                shutil.rmtree(folder, ignore_errors=True)
    times = ("failover_s", "failover_all_stations_s", "server_failover_s")
    summary: dict[str, Any] = {key: statistics.median(r[key] for r in results) for key in times}
    summary |= {
        "acknowledged_events": sum(r["acknowledged_events"] for r in results),
        "lost_acknowledged": max(r["lost_acknowledged"] for r in results),
        "duplicated": max(r["duplicated"] for r in results),
        "failed_syncs": sum(r["failed_syncs"] for r in results),
        "runs": runs, "stations": options["stations"],
        "monitor_timeouts": "production" if options.get("production") else "bench",
        "failover_s_each": [r["failover_s"] for r in results],
    }  # fmt: skip
    return summary


def main(argv: list[str] | None = None) -> int:
    """Run the bench and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("--runs", type=int, default=3, help="runs; times are their median")
    parser.add_argument("--stations", type=int, default=4, help="stations pushing and pulling")
    parser.add_argument("--warmup", type=float, default=10, help="seconds of load before the kill")
    parser.add_argument(
        "--after", type=float, default=5, help="seconds of load after each recovery"
    )
    parser.add_argument("--production-timeouts", action="store_true",
                        help="the monitor timeouts README step 2 sets, not the bench's tighter ones")  # fmt: skip
    parser.add_argument("--keep", action="store_true", help="keep each run's logs and replicas")
    parser.add_argument("--json", action="store_true", help="one JSON line")
    args = parser.parse_args(argv)
    if shutil.which("pg_autoctl") is None:
        sys.exit("failover: pg_autoctl is not installed (installer/dev-setup.sh installs "
                 "postgresql-15-auto-failover)")  # fmt: skip
    keyring = Path(tempfile.mkdtemp(prefix="cw-failover-keyring-"))
    use_shared_keyring(keyring / "keyring.cfg")
    try:
        result = bench(
            args.runs, stations=args.stations, warmup=args.warmup, after=args.after,
            keep=args.keep, production=args.production_timeouts,
        )  # fmt: skip
    finally:
        shutil.rmtree(keyring, ignore_errors=True)
    print(json.dumps(result) if args.json else "\n".join(f"{k}: {v}" for k, v in result.items()))
    passed = (result["lost_acknowledged"] == 0 and result["duplicated"] == 0
              and result["failover_s"] <= TARGET_FAILOVER_S)  # fmt: skip
    return 0 if passed else 1


if __name__ == "__main__":
    raise SystemExit(main())

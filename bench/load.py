"""Load: simulated ward stations against two server processes over PostgreSQL, with locust.

    python bench/load.py --json                        # 1,500 stations, 30 writes/s, 60 s measured
    python bench/load.py --json --find-max             # and the largest count holding p99 <= 500 ms
    python bench/load.py --clients 300 --seconds 20    # a quick look

Each station pulls every 5 s from an up-to-date cursor and, on its share of the ticks, pushes one
to three signed events first (see bench/load_stations.py and bench/load_locustfile.py; why 1,500
stations and 30 writes/s is derived in bench/README.md). Statistics are reset once every station
has started, so the figures are of the steady load only. Prints one JSON line with --json:
{"clients", "writes_per_s", "pulls_per_s", "p50_ms", "p95_ms", "p99_ms", "errors", ...}.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# 1,500 made-up users whose passwords nobody types: hash them cheaply
os.environ.setdefault("CW_ARGON2_PROFILE", "test")

import psycopg  # noqa: E402
from _common import children_cpu_s, cpu_s, use_throwaway_keyring  # type: ignore[import-not-found]  # noqa: E402
from load_stations import create_hospital, issue_tokens, save  # type: ignore[import-not-found]  # noqa: E402

from tests.support.live_server import LiveServer  # noqa: E402
from tests.support.postgres import PostgresCluster  # noqa: E402
from workstation.server.db import make_engine  # noqa: E402
from workstation.server.setup import initialise  # noqa: E402

HERE = Path(__file__).resolve().parent
SERVER_PROCESSES = 2
P99_GOAL_MS = 500
PULL_S = 5.0


class CpuProbe:
    """CPU seconds of the server processes and of the PostgreSQL backends, read from /proc: what
    each side of the machine took during a run (the load generator's is read apart)."""

    def __init__(self, servers: list[int], postmaster: int):
        self.servers, self.postmaster = servers, postmaster

    def read(self) -> tuple[float, float]:
        """(servers' CPU s, PostgreSQL backends' CPU s) so far; backends that ended are lost,
        but the pools keep theirs open for the run."""
        return sum(cpu_s(pid) for pid in self.servers), children_cpu_s(self.postmaster)


@contextlib.contextmanager
def hospital_server(
    folder: Path, stations: int
) -> Iterator[tuple[Any, list[Any], list[str], CpuProbe]]:
    """A PostgreSQL cluster holding the simulated hospital and two server processes on it."""
    cluster = PostgresCluster().start()
    servers: list[LiveServer] = []
    try:
        with psycopg.connect(cluster.url().replace("+psycopg", ""), autocommit=True) as conn:
            conn.execute("CREATE DATABASE load")
        url = cluster.url("load")
        engine = make_engine(url)
        initialise(engine)
        made = create_hospital(engine, stations)
        for n in range(SERVER_PROCESSES):
            (folder / f"server{n}").mkdir()
            servers.append(LiveServer(url, log_dir=folder / f"server{n}").start())
        postmaster = int((cluster.data_dir / "postmaster.pid").read_text().split()[0])
        yield engine, made, [s.url for s in servers], CpuProbe([s.pid for s in servers], postmaster)
    finally:
        for server in servers:
            server.stop()
        cluster.stop()


def run_locust(
    folder: Path, clients: int, seconds: int, writes_per_s: float, probe: CpuProbe
) -> dict[str, Any]:
    """One headless locust run of `clients` stations; the steady-state statistics."""
    spawn_rate = max(50, clients // 10)
    ramp_s = clients / spawn_rate + PULL_S
    ticks_per_s = clients / PULL_S
    env = {**os.environ, "CW_LOAD_STATIONS": str(folder / "stations.json"),
           "CW_LOAD_PULL_S": str(PULL_S), "CW_LOAD_PUSH_SHARE": str(min(1.0, writes_per_s / ticks_per_s))}  # fmt: skip
    prefix = folder / f"locust_{clients}"
    command = [sys.executable, "-m", "locust", "-f", str(HERE / "load_locustfile.py"),
               "--headless", "--only-summary", "--reset-stats", "--loglevel", "WARNING",
               "-u", str(clients), "-r", str(spawn_rate), "--run-time", f"{int(ramp_s + seconds)}s",
               "--csv", str(prefix), "--stop-timeout", "10"]  # fmt: skip
    load_average = os.getloadavg()[0]  # the machine is shared: how busy it was as the run began
    before, sides_before = resource.getrusage(resource.RUSAGE_CHILDREN), probe.read()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    after, sides_after = resource.getrusage(resource.RUSAGE_CHILDREN), probe.read()
    if not Path(f"{prefix}_stats.csv").exists():
        raise RuntimeError(f"locust failed ({done.returncode}): {done.stderr[-2000:]}")
    figures = _figures(prefix, clients, seconds)
    # the load generator shares the machine: its own CPU, and whether it ran out of it
    used = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    figures["locust_cpu_share"] = round(used / (ramp_s + seconds), 2)
    # of the machine's two cores: the two server processes and PostgreSQL's backends
    figures["server_cpu_share"] = round((sides_after[0] - sides_before[0]) / (ramp_s + seconds), 2)
    figures["postgres_cpu_share"] = round(
        (sides_after[1] - sides_before[1]) / (ramp_s + seconds), 2
    )
    figures["locust_cpu_warning"] = "CPU usage above" in done.stderr
    figures["load_average"] = round(load_average, 1)
    return figures


def _figures(prefix: Path, clients: int, seconds: int) -> dict[str, Any]:
    with open(f"{prefix}_stats.csv", newline="", encoding="utf-8") as f:
        rows = {row["Name"]: row for row in csv.DictReader(f)}
    total = rows["Aggregated"]
    with open(f"{prefix}_failures.csv", newline="", encoding="utf-8") as f:
        failures = [f"{r['Name']}: {r['Error']} ×{r['Occurrences']}" for r in csv.DictReader(f)]

    def rate(name: str) -> float:
        return round(float(rows[name]["Requests/s"]), 1) if name in rows else 0.0

    return {
        "clients": clients, "seconds": seconds, "writes_per_s": rate("push"), "pulls_per_s": rate("pull"),
        "p50_ms": _ms(total["50%"]), "p95_ms": _ms(total["95%"]), "p99_ms": _ms(total["99%"]),
        "push_p99_ms": _ms(rows["push"]["99%"]) if "push" in rows else None,
        "pull_p99_ms": _ms(rows["pull"]["99%"]) if "pull" in rows else None,
        "errors": int(total["Failure Count"]), "error_kinds": failures[:5],
    }  # fmt: skip


def _ms(value: str) -> float | None:
    return None if value in ("", "N/A") else float(value)


def holds(figures: dict[str, Any]) -> bool:
    """The goal: p99 within 500 ms and no error."""
    return figures["errors"] == 0 and (figures["p99_ms"] or 0) <= P99_GOAL_MS


def measure(clients: int, seconds: int, writes_per_s: float, steps: list[int]) -> dict[str, Any]:
    """The figures at `clients`; with `steps`, also the largest step that still holds the goal."""
    folder = Path(tempfile.mkdtemp(prefix="cw-load-"))
    use_throwaway_keyring(folder)
    try:
        with hospital_server(folder, max([clients, *steps])) as (engine, stations, urls, probe):
            issue_tokens(engine, stations, urls)
            save(stations, folder / "stations.json")
            result = run_locust(folder, clients, seconds, writes_per_s, probe)
            largest = None
            for count in steps:  # each step gets fresh tokens and cursors
                issue_tokens(engine, stations, urls)
                save(stations, folder / "stations.json")
                step = run_locust(folder, count, seconds, writes_per_s * count / clients, probe)
                result.setdefault("steps", []).append(step)
                if not holds(step):
                    break
                largest = count
            if steps:
                result["largest_clients_p99_within_goal"] = largest
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return result


def main(argv: list[str] | None = None) -> int:
    """Run the load and print the figures."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=1500)
    parser.add_argument("--writes-per-s", type=float, default=30.0,
                        help="pushes per second over all the clients (scaled with --find-max)")  # fmt: skip
    parser.add_argument("--seconds", type=int, default=60, help="measured seconds per run")
    parser.add_argument("--find-max", action="store_true",
                        help="then step up from --from by --step until p99 > 500 ms or an error")  # fmt: skip
    parser.add_argument("--from", dest="first_step", type=int, default=1000)
    parser.add_argument("--step", type=int, default=500)
    parser.add_argument("--max-clients", type=int, default=4000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    steps = (list(range(args.first_step, args.max_clients + 1, args.step))
             if args.find_max else [])  # fmt: skip
    result = measure(args.clients, args.seconds, args.writes_per_s, steps)
    rates = result["writes_per_s"] >= 30 and result["pulls_per_s"] >= 300  # at 1,500 stations
    result["goal_met"] = holds(result) and rates
    print(json.dumps(result) if args.json else json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

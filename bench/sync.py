"""Sync throughput: push, pull and outage drain against the real server over loopback.

    python bench/sync.py --json                 # SQLite and PostgreSQL, median of 3 runs
    python bench/sync.py --events 2000 --runs 1 --skip-postgres

Prints one JSON line with --json (see bench/README.md for what each figure means).
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psycopg
from _common import (  # type: ignore[import-not-found]
    DOCTOR,
    NURSE,
    PASSWORD,
    WARD,
    plan_workload,
    prepare_server_database,
    record_workload,
    use_throwaway_keyring,
)

from offline_cache.sync_client import SyncReport
from offline_cache.workstation import Workstation
from tests.support.live_server import LiveServer
from tests.support.postgres import PostgresCluster

DRAIN_EVENTS = 1000
DRAIN_MAX_SYNCS = 20


def _nothing(_stage: str, _done: int, _total: int | None) -> None:
    return None


def _open(folder: Path, url: str, **link: Any) -> Workstation:
    return Workstation.open(folder, server_url=url, ward_id=WARD, **link)


class SqliteBackend:
    """Fresh server databases copied (SQLite backup API) from one prepared template file."""

    prefix = ""

    def __init__(self, folder: Path):
        self.template = folder / "template.db"

    def template_url(self) -> str:
        """Where the template is prepared."""
        return str(self.template)

    def fresh(self, run_dir: Path) -> str:
        """A new server database holding only the template's users, ward and devices."""
        target = run_dir / "server.db"
        with (
            contextlib.closing(sqlite3.connect(self.template)) as src,
            contextlib.closing(sqlite3.connect(target)) as dst,
        ):
            src.backup(dst)
        return str(target)

    def close(self) -> None:
        """Nothing to stop."""


class PostgresBackend:
    """Fresh databases made with CREATE DATABASE ... TEMPLATE in a throwaway cluster (fsync on)."""

    prefix = "pg_"

    def __init__(self, _folder: Path):
        self.cluster = PostgresCluster().start()
        self.count = 0

    def _admin(self, sql: str) -> None:
        with psycopg.connect(self.cluster.url().replace("+psycopg", ""), autocommit=True) as conn:
            conn.execute(sql)

    def template_url(self) -> str:
        """Where the template is prepared."""
        self._admin("CREATE DATABASE bench_template")
        return self.cluster.url("bench_template")

    def fresh(self, _run_dir: Path) -> str:
        """A new database copied from the template (nothing may be connected to it)."""
        self.count += 1
        self._admin(f"CREATE DATABASE bench_run_{self.count} TEMPLATE bench_template")
        return self.cluster.url(f"bench_run_{self.count}")

    def close(self) -> None:
        """Stop and remove the cluster."""
        self.cluster.stop()


def record_templates(backend: SqliteBackend | PostgresBackend, folder: Path, count: int) -> None:
    """Record the push workload (workstation A) online and the drain workload (C) during an outage, once."""
    url = backend.template_url()
    prepare_server_database(url)
    with LiveServer(url, log_dir=folder) as server:
        source = _open(folder / "wsA", server.url)
        record_workload(source, plan_workload(count))
        source.close()
        outage = _open(folder / "wsC", server.url, attempts=1)
        outage.login(DOCTOR, PASSWORD)  # online once, so both can log in offline during the outage
        outage.login(NURSE, PASSWORD)
        server.stop()
        record_workload(outage, plan_workload(DRAIN_EVENTS, seed=11))  # offline logins
        outage.close()


def push_and_pull(url: str, source_dir: Path, run_dir: Path, count: int) -> dict[str, float]:
    """Time A's push of `count` events, then a fresh replica B's first sync (the pull)."""
    with LiveServer(url, log_dir=run_dir) as server:
        source = _open(source_dir, server.url)
        replica = _open(run_dir / "wsB", server.url)
        try:
            source.login(NURSE, PASSWORD)  # events of every user who worked on the PC are sent
            report = SyncReport()
            source.sync_client.link.request("GET", "/sync/hello")  # as a real sync starts
            started = time.perf_counter()
            source.sync_client.push(report, _nothing)
            push_s = time.perf_counter() - started
            if report.accepted != count or report.rejected:
                raise RuntimeError(
                    f"push: {report.accepted} accepted, {report.rejected} rejected of {count}"
                )
            replica.login(NURSE, PASSWORD)
            started = time.perf_counter()
            pulled = replica.sync()
            pull_s = time.perf_counter() - started
            if pulled.pulled != count or pulled.mismatched:
                raise RuntimeError(
                    f"pull: {pulled.pulled} of {count}, mismatched {pulled.mismatched}"
                )
        finally:
            source.close()
            replica.close()
    return {"push_events_per_s": count / push_s, "pull_events_per_s": count / pull_s,
            "push_s": push_s, "pull_s": pull_s}  # fmt: skip


def drain(url: str, outage_dir: Path, run_dir: Path) -> dict[str, float]:
    """Start the server after the outage and time sync until C's outbox is empty."""
    with LiveServer(url, log_dir=run_dir) as server:
        ws = _open(outage_dir, server.url)
        try:
            ws.login(NURSE, PASSWORD)  # back online
            started = time.perf_counter()
            for _attempt in range(DRAIN_MAX_SYNCS):
                ws.sync()
                if ws.status().waiting == 0:
                    break
            drain_s = time.perf_counter() - started
            status = ws.status()
            if status.waiting or status.needs_attention:
                raise RuntimeError(f"drain left {status}")
        finally:
            ws.close()
    return {"drain_1000_s": drain_s}


def bench_backend(
    kind: type[SqliteBackend] | type[PostgresBackend], events: int, runs: int
) -> dict[str, float]:
    """Median push, pull and drain figures for one server backend."""
    folder = Path(tempfile.mkdtemp(prefix="cw-bench-"))
    backend = kind(folder)
    results: list[dict[str, float]] = []
    try:
        record_templates(backend, folder, events)
        for run in range(runs):
            run_dir = folder / f"run{run}"
            shutil.copytree(folder / "wsA", run_dir / "wsA")
            shutil.copytree(folder / "wsC", run_dir / "wsC")
            figures = push_and_pull(backend.fresh(run_dir), run_dir / "wsA", run_dir, events)
            figures |= drain(backend.fresh(run_dir), run_dir / "wsC", run_dir)
            results.append(figures)
            shutil.rmtree(run_dir, ignore_errors=True)
    finally:
        backend.close()
        shutil.rmtree(folder, ignore_errors=True)
    return {f"{kind.prefix}{key}": statistics.median(r[key] for r in results) for key in results[0]}


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the medians."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--events", type=int, default=10_000, help="events pushed and pulled per run"
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="runs per figure; the median is reported"
    )
    parser.add_argument("--skip-postgres", action="store_true", help="SQLite server only")
    parser.add_argument("--json", action="store_true", help="one JSON line instead of a table")
    args = parser.parse_args(argv)
    keyring_dir = Path(tempfile.mkdtemp(prefix="cw-bench-keyring-"))
    use_throwaway_keyring(keyring_dir)
    result: dict[str, Any] = {"events": args.events, "runs": args.runs}
    try:
        result |= bench_backend(SqliteBackend, args.events, args.runs)
        if not args.skip_postgres:
            result |= bench_backend(PostgresBackend, args.events, args.runs)
    finally:
        shutil.rmtree(keyring_dir, ignore_errors=True)
    _print(result, as_json=args.json)
    return 0


def _print(result: dict[str, Any], *, as_json: bool) -> None:
    rounded = {k: round(v, 3) if isinstance(v, float) else v for k, v in result.items()}
    if as_json:
        import orjson

        print(orjson.dumps(rounded).decode())
        return
    for key, value in rounded.items():
        print(f"{key:>24}  {value}")


if __name__ == "__main__":
    sys.exit(main())

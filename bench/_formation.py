"""A throwaway pg_auto_failover formation on loopback: a monitor, a primary and a synchronous
standby, each a `pg_autoctl` service in a temporary folder (run as the `postgres` user when this
process is root, as PostgreSQL refuses root).

The monitor's health checks are tightened from pg_auto_failover's defaults (a check every 5 s, a
node unhealthy after 20 s, 30 s for a lost primary to demote itself) so that a lost primary is
replaced in seconds; see README "Running the server" for the same settings in production.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from typing import IO

import psycopg

from tests.support import free_loopback_port
from tests.support.postgres import SYSTEM_USER, find_bin_dir

DATABASE = "cw"
READY_S = 120
# pgautofailover.* settings of the monitor (milliseconds), applied with ALTER SYSTEM
MONITOR_SETTINGS = {
    "health_check_period": 1000, "health_check_timeout": 1000, "health_check_max_retries": 1,
    "health_check_retry_delay": 500, "node_considered_unhealthy_timeout": 2000,
    "primary_demote_timeout": 3000,
}  # fmt: skip
# README "Running the server" step 2: what it asks of a hospital's monitor (over a real network)
PRODUCTION_SETTINGS = {"node_considered_unhealthy_timeout": 5000, "primary_demote_timeout": 10000}
# keeper settings of each node (seconds), `pg_autoctl config set` before it runs
KEEPER_SETTINGS = {"timeout.prepare_promotion_walreceiver": "1"}


class FormationError(RuntimeError):
    """The formation could not be created or did not reach the state asked for."""


class Formation:
    """Monitor + node1 (primary) + node2 (synchronous standby) under one temporary folder."""

    def __init__(self, monitor_settings: dict[str, int] | None = None) -> None:
        self.monitor_settings = {**MONITOR_SETTINGS, **(monitor_settings or {})}
        self.pg_ctl = find_bin_dir() / "pg_ctl"
        self.root = Path(tempfile.mkdtemp(prefix="cw-formation-"))
        self.as_postgres = os.geteuid() == 0
        self.monitor_port = free_loopback_port()
        self.ports = {"node1": free_loopback_port(), "node2": free_loopback_port()}
        self.services: dict[str, subprocess.Popen[bytes]] = {}
        self._logs: list[IO[bytes]] = []

    # -- life cycle -------------------------------------------------------------------------

    def start(self) -> Formation:
        """Create and run the monitor, then the primary, then the standby; wait until in sync."""
        try:
            if self.as_postgres:
                entry = pwd.getpwnam(SYSTEM_USER)
                os.chown(self.root, entry.pw_uid, entry.pw_gid)
            self._run_service(
                "monitor",
                "create",
                "monitor",
                "--pgport",
                str(self.monitor_port),
                *self._common("monitor"),
                "--run",
            )
            self._wait_for(lambda: self._monitor_answers(), "the monitor to accept connections")
            self._tune_monitor()
            for name in ("node1", "node2"):
                self._create_node(name)
                goal = {"node1": "single"} if name == "node1" else {
                    "node1": "primary", "node2": "secondary"}  # fmt: skip
                self._wait_for(lambda goal=goal: self.states() == goal, f"states {goal}")
            self._make_database()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Stop every service (SIGTERM: pg_autoctl stops its Postgres) and remove the folder.
        All are told at once: one by one, each waited for the others' health checks to fail."""
        for service in self.services.values():
            if service.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(service.pid, signal.SIGTERM)
        for name, service in list(self.services.items()):
            try:
                service.wait(timeout=30)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(service.pid, signal.SIGKILL)
                service.wait(timeout=10)
            self._kill_postmaster(name)
            del self.services[name]
        for log in self._logs:
            log.close()
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> Formation:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    # -- what the bench uses ----------------------------------------------------------------

    def url(self) -> str:
        """The server's database URL: both nodes, libpq picking the one that takes writes."""
        hosts = "&".join(f"host=127.0.0.1:{port}" for port in self.ports.values())
        return (f"postgresql+psycopg://{SYSTEM_USER}@/{DATABASE}?{hosts}"
                "&target_session_attrs=read-write&connect_timeout=2")  # fmt: skip

    def node_url(self, name: str) -> str:
        """A libpq URL of one node's database (to count what it holds)."""
        return f"postgresql://{SYSTEM_USER}@127.0.0.1:{self.ports[name]}/{DATABASE}"

    def states(self) -> dict[str, str]:
        """Each node's state as the monitor sees it (reported state where it matches the goal)."""
        with self._monitor() as conn:
            rows = conn.execute(
                "SELECT nodename, reportedstate::text, goalstate::text FROM pgautofailover.node"
            ).fetchall()
        return {name: reported if reported == goal else f"{reported}->{goal}"
                for name, reported, goal in rows}  # fmt: skip

    def primary(self) -> str:
        """The name of the node that is primary now."""
        for name, state in self.states().items():
            if state in ("single", "primary", "wait_primary"):
                return name
        raise FormationError(f"no primary: {self.states()}")

    def synchronous_standby_names(self, name: str) -> str:
        """The node's synchronous_standby_names (non-empty: commits wait for the standby)."""
        with psycopg.connect(self.node_url(name).replace(DATABASE, "postgres"),
                             connect_timeout=5) as conn:  # fmt: skip
            return str(conn.execute("SHOW synchronous_standby_names").fetchone()[0])  # type: ignore[index]

    def kill_node(self, name: str) -> None:
        """The node is lost: SIGKILL its postmaster and its pg_autoctl (which would otherwise
        restart the postmaster in place within a second: a crash restart, not a failover)."""
        self._kill_postmaster(name)
        service = self.services[name]
        with contextlib.suppress(ProcessLookupError):
            os.killpg(service.pid, signal.SIGKILL)
        service.wait(timeout=10)

    # -- internals --------------------------------------------------------------------------

    def _command(self, *args: str) -> list[str]:
        env = [f"XDG_CONFIG_HOME={self.root / 'config'}", f"XDG_DATA_HOME={self.root / 'share'}",
               f"XDG_RUNTIME_DIR={self.root / 'run'}", f"PG_CONFIG={self.pg_ctl.with_name('pg_config')}"]  # fmt: skip
        command = ["env", *env, "pg_autoctl", *args]
        return ["runuser", "-u", SYSTEM_USER, "--", *command] if self.as_postgres else command

    def _common(self, name: str) -> list[str]:
        return ["--pgdata", str(self.root / name), "--pgctl", str(self.pg_ctl),
                "--hostname", "127.0.0.1", "--auth", "trust", "--no-ssl"]  # fmt: skip

    def _run_service(self, name: str, *args: str) -> None:
        log = (self.root / f"{name}.log").open("ab")
        self._logs.append(log)
        self.services[name] = subprocess.Popen(
            self._command(*args), cwd=self.root,
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip

    def _create_node(self, name: str) -> None:
        monitor = f"postgres://autoctl_node@127.0.0.1:{self.monitor_port}/pg_auto_failover?sslmode=disable"
        create = ["create", "postgres", "--pgport", str(self.ports[name]), "--name", name,
                  "--monitor", monitor, "--replication-quorum", "true", *self._common(name)]  # fmt: skip
        self._once(*create)
        for key, value in KEEPER_SETTINGS.items():
            self._once("config", "set", "--pgdata", str(self.root / name), key, value)
        self._run_service(name, "run", "--pgdata", str(self.root / name))

    def _once(self, *args: str) -> None:
        done = subprocess.run(self._command(*args), cwd=self.root, capture_output=True, text=True,
                              timeout=READY_S)  # fmt: skip
        if done.returncode != 0:
            raise FormationError(f"pg_autoctl {' '.join(args)}: {done.stdout}{done.stderr}")

    def _monitor(self) -> psycopg.Connection:
        return psycopg.connect(host="127.0.0.1", port=self.monitor_port, user=SYSTEM_USER,
                               dbname="pg_auto_failover", autocommit=True, connect_timeout=5)  # fmt: skip

    def _monitor_answers(self) -> bool:
        try:
            with self._monitor() as conn:
                conn.execute("SELECT 1 FROM pgautofailover.node LIMIT 1")
            return True
        except psycopg.Error:
            return False

    def _tune_monitor(self) -> None:
        with self._monitor() as conn:
            for key, value in self.monitor_settings.items():
                conn.execute(f"ALTER SYSTEM SET pgautofailover.{key} = {int(value)}")
            conn.execute("SELECT pg_reload_conf()")

    def _make_database(self) -> None:
        with psycopg.connect(self.node_url("node1").replace(DATABASE, "postgres"),
                             autocommit=True, connect_timeout=5) as conn:  # fmt: skip
            conn.execute(f"CREATE DATABASE {DATABASE}")

    def _kill_postmaster(self, name: str) -> None:
        with contextlib.suppress(OSError, ValueError, IndexError):
            pid = int((self.root / name / "postmaster.pid").read_text().splitlines()[0])
            os.kill(pid, signal.SIGKILL)

    def _wait_for(self, ready, what: str) -> None:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + READY_S
        while not self._safely(ready):
            dead = [n for n, s in self.services.items() if s.poll() is not None]
            if dead or time.monotonic() > deadline:
                raise FormationError(
                    f"waiting for {what}: dead services {dead}\n{self._log_tails()}"
                )
            time.sleep(0.2)  # poll interval, bounded by the deadline

    @staticmethod
    def _safely(ready) -> bool:  # type: ignore[no-untyped-def]
        try:
            return bool(ready())
        except (psycopg.Error, FormationError):
            return False

    def _log_tails(self) -> str:
        tails = []
        for log in sorted(self.root.glob("*.log")):
            lines = log.read_text(encoding="utf-8", errors="replace").splitlines()[-25:]
            tails.append(f"--- {log.name}\n" + "\n".join(lines))
        return "\n".join(tails)

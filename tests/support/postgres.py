"""A throwaway PostgreSQL cluster for the tests, started from the Debian server binaries.

PostgreSQL refuses to run as root, so when the tests run as root (CI does) every server
command runs as the `postgres` system user in a temporary folder that user owns. The cluster
listens on a free loopback port only, with trust authentication for 127.0.0.1, and keeps the
durable defaults (fsync, synchronous_commit, full_page_writes all on).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pwd
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg

from tests.support import free_loopback_port

SEARCH_GLOB = "/usr/lib/postgresql/*/bin"
SYSTEM_USER = "postgres"
READY_SECONDS = 60
START_ATTEMPTS = 3
POLL_SECONDS = 0.1


class PostgresUnavailable(RuntimeError):
    """The cluster could not be found, created or started; the message says why."""


def find_bin_dir() -> Path:
    """The newest /usr/lib/postgresql/<version>/bin holding initdb and pg_ctl (or $CW_PG_BIN)."""
    override = os.environ.get("CW_PG_BIN")
    candidates = [Path(override)] if override else list(Path("/").glob(SEARCH_GLOB.lstrip("/")))
    usable = [d for d in candidates if (d / "initdb").is_file() and (d / "pg_ctl").is_file()]
    if not usable:
        raise PostgresUnavailable(
            f"no PostgreSQL server binaries in {override or SEARCH_GLOB}: "
            "run `bash installer/dev-setup.sh` (it installs postgresql), "
            "or set CW_SKIP_POSTGRES=1 to skip the PostgreSQL tests"
        )
    return max(usable, key=_version_of)


def _version_of(bin_dir: Path) -> tuple[int, ...]:
    found = re.findall(r"\d+", bin_dir.parent.name)
    return tuple(int(part) for part in found)


def _test_database_name(url: str) -> str:
    name = url.rsplit("/", 1)[-1]
    if not re.fullmatch(r"test_\d+", name):
        raise ValueError(f"not a test database: {url}")
    return name


def _template_name(label: str) -> str:
    if not re.fullmatch(r"[a-z_]+", label):
        raise ValueError(f"not a template label: {label!r}")
    return f"template_{label}"


class PostgresCluster:
    """One temporary cluster: start it, hand out fresh databases, stop and remove it."""

    def __init__(self, bin_dir: Path | None = None):
        self.bin_dir = bin_dir or find_bin_dir()
        self.root = Path(tempfile.mkdtemp(prefix="cw-pg-"))
        self.data_dir = self.root / "data"
        self.log_file = self.root / "server.log"
        self.port = 0
        self._as_postgres = os.geteuid() == 0
        self._numbers = itertools.count(1)
        self._running = False

    # -- life cycle -------------------------------------------------------------------------

    def start(self) -> PostgresCluster:
        """Create the cluster and start it on a free loopback port; raise with the log if it fails."""
        try:
            if self._as_postgres:
                entry = pwd.getpwnam(SYSTEM_USER)
                os.chown(self.root, entry.pw_uid, entry.pw_gid)
            self._initdb()
            self._start_on_free_port()
            self._wait_until_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Stop the server (fast shutdown) and delete its folder; safe to call twice."""
        if self._running:
            self._running = False
            with contextlib.suppress(PostgresUnavailable):
                self._run(
                    "pg_ctl", "stop", "-D", str(self.data_dir), "-m", "fast", "-w", "-t", "60"
                )
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> PostgresCluster:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    # -- databases --------------------------------------------------------------------------

    def url(self, database: str = "postgres") -> str:
        """The SQLAlchemy URL of a database in this cluster (psycopg 3 driver)."""
        return f"postgresql+psycopg://{SYSTEM_USER}@127.0.0.1:{self.port}/{database}"

    def create_database(self, template: str | None = None) -> str:
        """Create a new database `test_<n>` and return its URL: empty, or a copy of the database
        named template (made by create_template; nothing may be connected to it)."""
        name = f"test_{next(self._numbers)}"
        source = f' TEMPLATE "{_template_name(template)}"' if template else ""
        with self._admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}"{source}')
        return self.url(name)

    def create_template(self, label: str) -> str:
        """Create a new empty database `template_<label>` to fill once and copy per test (with
        create_database(template=label)); return its URL. Removed with the cluster."""
        name = _template_name(label)
        with self._admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def refill_database(self, url: str, template: str) -> None:
        """Make the database of url (from create_database) a new copy of the template."""
        name = _test_database_name(url)
        with self._admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{_template_name(template)}"')

    def drop_database(self, url: str) -> None:
        """Drop a database made by create_database, closing whatever is still connected."""
        name = _test_database_name(url)
        with self._admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _admin(self) -> psycopg.Connection:
        return psycopg.connect(
            host="127.0.0.1", port=self.port, user=SYSTEM_USER, dbname="postgres",
            autocommit=True, connect_timeout=10,
        )  # fmt: skip

    # -- internals --------------------------------------------------------------------------

    def _run(self, tool: str, *args: str, timeout: float = 120) -> str:
        command = [str(self.bin_dir / tool), *args]
        if self._as_postgres:
            command = ["runuser", "-u", SYSTEM_USER, "--", *command]
        try:
            done = subprocess.run(
                command, cwd=self.root, capture_output=True, text=True, timeout=timeout, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise PostgresUnavailable(f"{tool} could not run: {exc}") from exc
        if done.returncode != 0:
            raise PostgresUnavailable(
                f"{' '.join(command)} failed (exit {done.returncode}):\n{done.stdout}{done.stderr}"
            )
        return done.stdout

    def _initdb(self) -> None:
        self._run(
            "initdb", "-D", str(self.data_dir), "-U", SYSTEM_USER, "--auth=trust",
            "--encoding=UTF8", "--locale=C", "--no-instructions",
        )  # fmt: skip
        (self.data_dir / "pg_hba.conf").write_text(
            "# throwaway test cluster: trust on loopback IPv4 only\n"
            "host all all 127.0.0.1/32 trust\n",
            encoding="utf-8",
        )

    def _settings(self, port: int) -> list[str]:
        return [
            f"port={port}", "listen_addresses=127.0.0.1", f"unix_socket_directories={self.root}",
            "max_connections=300", "fsync=on", "synchronous_commit=on", "full_page_writes=on",
        ]  # fmt: skip

    def _start_on_free_port(self) -> None:
        last_error: PostgresUnavailable | None = None
        for _attempt in range(START_ATTEMPTS):
            port = free_loopback_port()
            options = " ".join(f"-c {setting}" for setting in self._settings(port))
            try:
                self._run(
                    "pg_ctl", "start", "-D", str(self.data_dir), "-l", str(self.log_file),
                    "-w", "-t", str(READY_SECONDS), "-o", options,
                    timeout=READY_SECONDS + 30,
                )  # fmt: skip
            except PostgresUnavailable as exc:
                last_error = exc
                if "could not bind" not in self._log_tail():
                    break  # not a port race: retrying will not help
                continue
            self.port, self._running = port, True
            return
        raise PostgresUnavailable(f"{last_error}\nserver log:\n{self._log_tail()}")

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + READY_SECONDS
        while True:
            try:
                with self._admin() as conn:
                    conn.execute("SELECT 1")
                return
            except psycopg.OperationalError as exc:
                if time.monotonic() > deadline:
                    raise PostgresUnavailable(
                        f"PostgreSQL on port {self.port} did not accept connections within "
                        f"{READY_SECONDS}s: {exc}\nserver log:\n{self._log_tail()}"
                    ) from exc
                time.sleep(POLL_SECONDS)  # poll interval, bounded by the deadline above

    def _log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_file.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no server log)"
        return "\n".join(text.splitlines()[-lines:])

"""The real central server in a subprocess on a loopback port, as a workstation would reach it."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import IO

import httpx

from tests.support import free_loopback_port

START_SECONDS = 60
STOP_SECONDS = 20
POLL_SECONDS = 0.05


class ServerDidNotStart(RuntimeError):
    """The server process died or did not answer /healthz in time; the message holds its log."""


class LiveServer:
    """`python -m workstation.server.serve URL PORT` in a child process, restartable on the same port."""

    def __init__(self, database_url: str, *, port: int | None = None, log_dir: Path | None = None):
        self.database_url = database_url
        self.port = port or free_loopback_port()
        self.log_path = Path(log_dir or tempfile.mkdtemp(prefix="cw-server-")) / "server.log"
        self._process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    @property
    def url(self) -> str:
        """The base URL, e.g. http://127.0.0.1:8765 (no trailing slash)."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def running(self) -> bool:
        """True while the server process is alive."""
        return self._process is not None and self._process.poll() is None

    def start(self) -> LiveServer:
        """Start the process and wait until /healthz answers; raise with the log if it cannot."""
        if self.running:
            raise RuntimeError("the server is already running")
        self._log = self.log_path.open("ab")
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self._process = subprocess.Popen(
            [sys.executable, "-m", "workstation.server.serve", self.database_url, str(self.port)],
            stdin=subprocess.DEVNULL, stdout=self._log, stderr=subprocess.STDOUT, env=env,
        )  # fmt: skip
        try:
            self._wait_until_healthy()
        except BaseException:
            self.kill()
            raise
        return self

    def stop(self) -> None:
        """Shut down gracefully (SIGTERM), killing the process if it does not stop in time."""
        self._end(signal.SIGTERM)

    def kill(self) -> None:
        """SIGKILL: the process dies at once, mid-request if need be (a crash)."""
        self._end(signal.SIGKILL)

    def restart(self) -> LiveServer:
        """Stop and start again on the same port and database."""
        self.stop()
        return self.start()

    def log_text(self) -> str:
        """Everything the server printed so far."""
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def __enter__(self) -> LiveServer:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def _end(self, how: signal.Signals) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.send_signal(how)
            try:
                process.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=STOP_SECONDS)
        if self._log is not None:
            self._log.close()
            self._log = None

    def _wait_until_healthy(self) -> None:
        assert self._process is not None
        deadline = time.monotonic() + START_SECONDS
        with httpx.Client(timeout=2.0) as client:
            while time.monotonic() < deadline:
                with contextlib.suppress(httpx.TransportError):
                    if client.get(f"{self.url}/healthz").status_code == 200:
                        return
                try:
                    code = self._process.wait(timeout=POLL_SECONDS)  # the poll interval
                except subprocess.TimeoutExpired:
                    continue
                raise ServerDidNotStart(f"server exited with code {code}:\n{self._tail()}")
        raise ServerDidNotStart(
            f"server did not answer /healthz within {START_SECONDS}s:\n{self._tail()}"
        )

    def _tail(self, lines: int = 40) -> str:
        return "\n".join(self.log_text().splitlines()[-lines:])

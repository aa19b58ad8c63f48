"""The real central server in a subprocess on a loopback port, as a workstation would reach it."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import IO

import httpx

from tests.support.zygote import ZYGOTE, ForkedServer, ZygoteUnavailable

START_SECONDS = 60
STOP_SECONDS = 20
POLL_SECONDS = 0.05


class ServerDidNotStart(RuntimeError):
    """The server process died or did not answer /healthz in time; the message holds its log."""


def _reserve(port: int) -> socket.socket:
    """A socket bound to 127.0.0.1:port but not listening: no other process can take the port (an
    outgoing connection's local end included), and a connection to it is still refused."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # SO_REUSEADDR as uvicorn sets it: a restart may follow connections still in TIME_WAIT
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    return sock


class LiveServer:
    """`python -m workstation.server.serve URL PORT FD` in a child process, restartable on the same
    port. The port is held from the moment it is chosen: this process binds it and the child
    listens on the inherited socket. (The child used to bind a port chosen and let go here, and
    under load another connection could take it in between: the server exited with
    "address already in use" and the test failed in its set-up.) The child is forked from
    tests.support.zygote, which has imported the server once for the run (a plain process where
    that cannot be, or with CW_TEST_NO_ZYGOTE=1)."""

    def __init__(self, database_url: str, *, port: int | None = None, log_dir: Path | None = None):
        self.database_url = database_url
        self._reserved: socket.socket | None = _reserve(port or 0)
        self.port = int(self._reserved.getsockname()[1])
        self.log_path = Path(log_dir or tempfile.mkdtemp(prefix="cw-server-")) / "server.log"
        self._process: subprocess.Popen[bytes] | ForkedServer | None = None
        self._log: IO[bytes] | None = None

    @property
    def url(self) -> str:
        """The base URL, e.g. http://127.0.0.1:8765 (no trailing slash)."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        """The server process's id (to read its memory from /proc)."""
        if self._process is None:
            raise RuntimeError("the server is not running")
        return self._process.pid

    @property
    def running(self) -> bool:
        """True while the server process is alive."""
        return self._process is not None and self._process.poll() is None

    def start(self) -> LiveServer:
        """Start the process and wait until /healthz answers; raise with the log if it cannot."""
        if self.running:
            raise RuntimeError("the server is already running")
        sock, self._reserved = self._reserved or _reserve(self.port), None
        with sock:  # the child holds the port from here on
            try:  # forked from the zygote, which has already imported the server
                self._process = ZYGOTE.start_server(
                    [self.database_url, str(self.port)], sock, self.log_path
                )
            except ZygoteUnavailable:
                self._process = self._popen(sock)
        try:
            self._wait_until_healthy()
        except BaseException:
            self.kill()
            raise
        return self

    def _popen(self, sock: socket.socket) -> subprocess.Popen[bytes]:
        self._log = self.log_path.open("ab")
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        return subprocess.Popen(
            [sys.executable, "-m", "workstation.server.serve", self.database_url,
             str(self.port), str(sock.fileno())],
            stdin=subprocess.DEVNULL, stdout=self._log, stderr=subprocess.STDOUT, env=env,
            pass_fds=(sock.fileno(),),
        )  # fmt: skip

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
        if self._reserved is not None:  # never started
            self._reserved.close()
            self._reserved = None
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

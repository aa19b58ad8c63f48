"""The real server app run inside another process, on a background thread and a loopback port.

Used by `workstation demo` (one program runs the server and the desktop) and by the UI tests.
The serving thread installs no signal handlers: the host process keeps its own.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import uvicorn

from workstation.server.serve import build_app

START_SECONDS = 30.0
STOP_SECONDS = 15.0
POLL_SECONDS = 0.02


class EmbeddedServerError(RuntimeError):
    """The embedded server did not start or did not stop in time."""


class _ThreadServer(uvicorn.Server):
    """uvicorn.Server that leaves the process's signal handlers alone."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def _bind_loopback(port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(("127.0.0.1", port))
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


class EmbeddedServer:
    """The server over one database, served by uvicorn in a daemon thread on 127.0.0.1."""

    def __init__(self, database_url: str, *, port: int = 0, app: Any = None):
        self.database_url = database_url
        self.port = port
        self._app = app  # an app already built (tests with their own settings), else build_app
        self._server: _ThreadServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The base URL, e.g. http://127.0.0.1:8765 (no trailing slash)."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def running(self) -> bool:
        """True while the serving thread is alive."""
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> EmbeddedServer:
        """Bind (a free port the first time, the same port after), serve, and wait until started."""
        if self.running:
            raise EmbeddedServerError("the embedded server is already running")
        app = self._app if self._app is not None else build_app(self.database_url)
        sock = _bind_loopback(self.port)
        self.port = int(sock.getsockname()[1])
        config = uvicorn.Config(
            app, log_level="warning", access_log=False, lifespan="off", proxy_headers=False
        )
        if hasattr(config, "install_signal_handlers"):  # older uvicorn spelled the switch here
            config.install_signal_handlers = False
        self._server = _ThreadServer(config)
        self._thread = threading.Thread(
            target=self._serve, args=(self._server, sock), name="embedded-server", daemon=True
        )
        self._thread.start()
        self._wait(lambda: self._server is not None and self._server.started, "start")
        return self

    @staticmethod
    def _serve(server: _ThreadServer, sock: socket.socket) -> None:
        try:
            server.run(sockets=[sock])
        finally:
            sock.close()

    def stop(self) -> None:
        """Ask uvicorn to finish its requests and exit, then join the thread."""
        if self._server is None or self._thread is None:
            return
        self._server.should_exit = True
        self._thread.join(STOP_SECONDS)
        if self._thread.is_alive():
            raise EmbeddedServerError(f"the embedded server did not stop within {STOP_SECONDS}s")
        self._server = self._thread = None

    def _wait(self, done: object, what: str) -> None:
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if done():  # type: ignore[operator]
                return
            if self._thread is not None and not self._thread.is_alive():
                raise EmbeddedServerError(f"the embedded server exited during {what}")
            time.sleep(POLL_SECONDS)
        raise EmbeddedServerError(f"the embedded server did not {what} within {START_SECONDS}s")

    def __enter__(self) -> EmbeddedServer:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

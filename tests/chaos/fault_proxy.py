"""A real HTTP/1.1 proxy on a loopback port that injects network faults between a workstation
and the server, deterministically from a seed.

Each request whose path starts with one of `paths` draws a fault from `plan` (fault name ->
weight) with the proxy's own `random.Random(seed)`; a `script` (a list of fault names) takes
precedence and is consumed first. Other requests pass through. `counts` says what was done,
by fault name and by "fault METHOD /path".

Faults:
    pass            forward and answer
    drop_request    close the client connection without forwarding
    drop_response   forward, read the whole answer (the server committed), then close
    duplicate       forward twice, answer with the second answer
    reorder         hold the request until the next request was forwarded, then forward it
    error_before    answer 503 without forwarding
    error_after     forward, throw the answer away, answer 502
    slow            wait longer than the client timeout, then forward and try to answer
"""

from __future__ import annotations

import contextlib
import http.client
import random
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

FAULTS = (
    "pass", "drop_request", "drop_response", "duplicate", "reorder", "error_before", "error_after",
    "slow",
)  # fmt: skip
HOP_BY_HOP = frozenset(
    {"connection", "keep-alive", "transfer-encoding", "proxy-connection", "te", "upgrade"}
)
MAX_HEADER_BYTES = 64 * 1024
UPSTREAM_TIMEOUT = 60.0


@dataclass(frozen=True)
class Request:
    """One HTTP request as read from the workstation."""

    method: str
    path: str
    headers: list[tuple[str, str]]
    body: bytes
    number: int


@dataclass(frozen=True)
class Answer:
    """One HTTP response as read from the server."""

    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes

    def to_bytes(self, *, keep_alive: bool) -> bytes:
        """The response as sent back to the workstation, with an exact Content-Length."""
        lines = [f"HTTP/1.1 {self.status} {self.reason}"]
        lines += [
            f"{k}: {v}" for k, v in self.headers if k.lower() not in HOP_BY_HOP | {"content-length"}
        ]
        lines += [
            f"Content-Length: {len(self.body)}",
            f"Connection: {'keep-alive' if keep_alive else 'close'}",
        ]
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + self.body


def error_answer(status: int) -> Answer:
    """A gateway error as a load balancer would give it."""
    body = b'{"error":"gateway","message":"injected fault"}'
    return Answer(status, "Injected Fault", [("Content-Type", "application/json")], body)


class Closed(Exception):
    """The workstation closed its connection."""


class FaultProxy:
    """Accepts workstation connections on 127.0.0.1 and forwards to `upstream` (host, port)."""

    def __init__(
        self, upstream_port: int, *, seed: int = 0, plan: dict[str, float] | None = None,
        paths: Sequence[str] = ("/sync/",), slow_seconds: float = 1.5, hold_seconds: float = 5.0,
    ):  # fmt: skip
        self.upstream = ("127.0.0.1", upstream_port)
        self.random = random.Random(seed)
        self.plan: dict[str, float] = dict(plan or {"pass": 1.0})
        self.script: list[str] = []
        self.paths = tuple(paths)
        self.slow_seconds, self.hold_seconds = slow_seconds, hold_seconds
        self.offline = False  # refuse every connection: the network cable is out
        self.before_forward: Callable[[Request], None] | None = (
            None  # e.g. let another PC push first
        )
        self.after_forward: Callable[[Request], None] | None = None  # e.g. kill the server here
        self.delivered: Callable[[Request, Answer], None] | None = (
            None  # each answer the client got
        )
        self.counts: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._numbers = 0
        self._in_flight = 0
        self._forwarded = threading.Condition(self._lock)
        self._forward_count = 0
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._listener.getsockname()[1])
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._accept_loop, name="fault-proxy", daemon=True)

    @property
    def url(self) -> str:
        """The base URL workstations should use."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> FaultProxy:
        """Start accepting connections in a background thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop accepting; connections in flight finish on their own."""
        self._stopped.set()
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept()
        with contextlib.suppress(OSError):
            self._listener.close()
        self._thread.join(timeout=5)

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def set_faults(
        self, plan: dict[str, float] | None = None, *, script: Sequence[str] = ()
    ) -> None:
        """Change the fault weights (None: pass everything) and queue scripted faults."""
        unknown = (set(plan or {}) | set(script)) - set(FAULTS)
        if unknown:
            raise ValueError(f"unknown faults: {sorted(unknown)}")
        with self._lock:
            self.plan = dict(plan or {"pass": 1.0})
            self.script = list(script)

    def wait_idle(self, timeout: float = 30.0) -> None:
        """Block until no request is in flight (held, slowed or forwarding), or raise."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while self._in_flight:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{self._in_flight} proxied requests still in flight")
                self._forwarded.wait(left)

    # -- internals ---------------------------------------------------------------------------
    def _accept_loop(self) -> None:
        while not self._stopped.is_set():
            try:
                client, _addr = self._listener.accept()
            except OSError:
                return
            if self.offline:
                self.counts["refused_connection"] += 1
                client.close()
                continue
            threading.Thread(target=self._serve_client, args=(client,), daemon=True).start()

    def _serve_client(self, client: socket.socket) -> None:
        reader = client.makefile("rb")
        try:
            while True:
                request = self._read_request(reader)
                if not self._handle(client, request):
                    return
        except (Closed, OSError, ValueError):
            return
        finally:
            with contextlib.suppress(OSError):
                reader.close()
                client.close()

    def _read_request(self, reader: object) -> Request:
        head = b""
        while not head.endswith(b"\r\n\r\n"):
            line = reader.readline(MAX_HEADER_BYTES)  # type: ignore[attr-defined]
            if not line:
                raise Closed()
            head += line
            if len(head) > MAX_HEADER_BYTES:
                raise ValueError("request head too large")
        request_line, *header_lines = head.decode("latin-1").split("\r\n")
        method, path, _version = request_line.split(" ", 2)
        headers = [tuple(h.split(":", 1)) for h in header_lines if h]
        headers = [(k.strip(), v.strip()) for k, v in headers]
        length = int(next((v for k, v in headers if k.lower() == "content-length"), "0"))
        body = reader.read(length) if length else b""  # type: ignore[attr-defined]
        with self._lock:
            self._numbers += 1
            number = self._numbers
        return Request(method, path, headers, body, number)

    def _draw(self, request: Request) -> str:
        if not request.path.startswith(self.paths):
            return "pass"
        with self._lock:
            if self.script:
                return self.script.pop(0)
            names = sorted(self.plan)
            return self.random.choices(names, weights=[self.plan[n] for n in names])[0]

    def _handle(self, client: socket.socket, request: Request) -> bool:
        """Apply one fault; False when the client connection must be closed."""
        fault = self._draw(request)
        with self._lock:
            self.counts[fault] += 1
            self.counts[f"{fault} {request.method} {request.path.split('?')[0]}"] += 1
            self._in_flight += 1
        try:
            return self._apply(client, request, fault)
        finally:
            with self._lock:
                self._in_flight -= 1
                self._forwarded.notify_all()

    def _apply(self, client: socket.socket, request: Request, fault: str) -> bool:
        if fault == "drop_request":
            return False
        if fault == "error_before":
            client.sendall(error_answer(503).to_bytes(keep_alive=True))
            return True
        if fault == "reorder":
            self._wait_for_next_forward()
        if fault == "slow":
            self._stopped.wait(self.slow_seconds)  # the injected delay itself
        if self.before_forward is not None:
            self.before_forward(request)
        answer = self._forward(request)
        if fault == "duplicate":
            answer = self._forward(request)
        if fault == "drop_response":
            return False
        if fault == "error_after":
            answer = error_answer(502)
        client.sendall(answer.to_bytes(keep_alive=True))
        if self.delivered is not None:
            self.delivered(request, answer)
        return True

    def _wait_for_next_forward(self) -> None:
        """Hold until another request has been forwarded (or hold_seconds passed)."""
        deadline = time.monotonic() + self.hold_seconds
        with self._lock:
            seen = self._forward_count
            while self._forward_count == seen and time.monotonic() < deadline:
                self._forwarded.wait(deadline - time.monotonic())

    def _forward(self, request: Request) -> Answer:
        connection = http.client.HTTPConnection(*self.upstream, timeout=UPSTREAM_TIMEOUT)
        try:
            return self._exchange(connection, request)
        except OSError:
            with self._lock:
                self.counts["upstream_error"] += 1
            raise
        finally:
            connection.close()

    def _exchange(self, connection: http.client.HTTPConnection, request: Request) -> Answer:
        headers = {k: v for k, v in request.headers if k.lower() not in HOP_BY_HOP}
        connection.request(request.method, request.path, body=request.body or None, headers=headers)
        with self._lock:
            self._forward_count += 1
            self._forwarded.notify_all()
        if self.after_forward is not None:
            self.after_forward(request)
        response = connection.getresponse()
        body = response.read()
        with self._lock:
            self.counts["forwarded"] += 1
        return Answer(response.status, response.reason, list(response.getheaders()), body)

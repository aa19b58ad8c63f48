"""The server's Prometheus metrics, and the request timer that feeds them."""

from __future__ import annotations

import time
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram


class Metrics:
    """One app's metrics, in a registry of its own (several apps run in one test process)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Histogram(
            "cw_request_seconds", "HTTP request time", ["route"], registry=self.registry
        )
        self.events = Counter(
            "cw_sync_events_total", "Pushed events by result", ["result"], registry=self.registry
        )
        self.pulled = Counter(
            "cw_pulled_events_total", "Events sent to workstations", registry=self.registry
        )
        self.logins = Counter(
            "cw_logins_total", "Login attempts by outcome", ["outcome"], registry=self.registry
        )
        self.checks = Gauge(
            "cw_password_checks_in_flight", "argon2 checks running", registry=self.registry
        )


class RequestTimer:
    """Times every HTTP request by its route's path: a pure ASGI middleware, as cheap as a
    middleware gets (every station's poll passes through it)."""

    def __init__(self, app: Any, histogram: Histogram) -> None:
        self.app = app
        self.histogram = histogram

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        """Pass the request on; observe its time once answered (or failed)."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        try:
            await self.app(scope, receive, send)
        finally:
            route = getattr(scope.get("route"), "path", "other")
            self.histogram.labels(route).observe(time.perf_counter() - started)

"""What the HTTP app needs from the server config, as one small object create_app takes.

Other settings of the app (login throttling, say) belong here too: add a field with a default."""

from __future__ import annotations

from dataclasses import dataclass

from workstation.server.login_throttle import LoginPolicy


@dataclass(frozen=True, slots=True)
class AppSettings:
    """Settings of one server process's HTTP app."""

    # The bearer token /metrics wants; None: /metrics answers only loopback peers that came
    # through no proxy (404 to everyone else).
    metrics_token: str | None = None
    # Addresses or networks of reverse proxies whose X-Forwarded-For hops the app believes
    # (login_throttle.client_address); uvicorn's own proxy-header handling stays off.
    trusted_proxies: tuple[str, ...] = ()
    # The login throttle's settings; None: auth.DEFAULT_POLICY.
    login_policy: LoginPolicy | None = None
    # Usage records older than this many days (by the server's receipt) are deleted.
    usage_retention_days: int = 180

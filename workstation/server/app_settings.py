"""What the HTTP app needs from the server config, as one small object create_app takes.

Other settings of the app (login throttling, say) belong here too: add a field with a default."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class AppSettings:
    """Settings of one server process's HTTP app."""

    # The bearer token /metrics wants; None: /metrics answers only loopback peers that came
    # through no proxy (404 to everyone else).
    metrics_token: str | None = None
    # Addresses of reverse proxies whose X-Forwarded-For is believed (uvicorn's
    # forwarded_allow_ips); request.client is then the real client's address.
    trusted_proxies: tuple[str, ...] = ()

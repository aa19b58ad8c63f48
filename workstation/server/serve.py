"""Run the server with uvicorn (used by `workstation-server serve` and by the tests)."""

from __future__ import annotations

import socket
from collections.abc import Sequence

import uvicorn

from workstation.server.app import create_app
from workstation.server.db import make_engine, safe_url
from workstation.server.schema import is_current


class NotInitialised(RuntimeError):
    """The database has no schema or an old one."""


def build_app(database_url: str, *, trusted_proxies: Sequence[str] = ()):  # type: ignore[no-untyped-def]
    """The app for a database that is initialised at the newest schema; X-Forwarded-For is
    believed only from trusted_proxies."""
    engine = make_engine(database_url)
    if not is_current(engine):
        raise NotInitialised(
            f"database {safe_url(database_url)} is not initialised or needs migrating: run `workstation-server init`"
        )
    return create_app(engine, trusted_proxies=trusted_proxies)


def run(
    database_url: str,
    host: str = "127.0.0.1",
    port: int = 8765,
    *,
    fd: int | None = None,
    workers_log_level: str = "warning",
    trusted_proxies: Sequence[str] = (),
) -> None:
    """Serve the API until interrupted; on the inherited socket `fd` when given (already bound to
    host:port by the parent, which so holds the port from the moment it chose it)."""
    config = uvicorn.Config(
        build_app(database_url, trusted_proxies=trusted_proxies), host=host, port=port,
        log_level=workers_log_level, access_log=False,
        proxy_headers=False,  # the app decides whom to believe (login_throttle.client_address)
    )  # fmt: skip
    uvicorn.Server(config).run(sockets=None if fd is None else [socket.socket(fileno=fd)])


if __name__ == "__main__":  # python -m workstation.server.serve DATABASE_URL PORT [FD]
    import sys

    run(sys.argv[1], port=int(sys.argv[2]), fd=int(sys.argv[3]) if len(sys.argv) > 3 else None)

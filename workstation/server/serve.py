"""Run the server with uvicorn (used by `workstation-server serve` and by the tests)."""

from __future__ import annotations

import socket

import uvicorn

from workstation.server.app import create_app
from workstation.server.db import make_engine, safe_url
from workstation.server.schema import is_current


class NotInitialised(RuntimeError):
    """The database has no schema or an old one."""


def build_app(database_url: str):  # type: ignore[no-untyped-def]
    """The app for a database that is initialised at the newest schema."""
    engine = make_engine(database_url)
    if not is_current(engine):
        raise NotInitialised(
            f"database {safe_url(database_url)} is not initialised or needs migrating: run `workstation-server init`"
        )
    return create_app(engine)


def run(
    database_url: str,
    host: str = "127.0.0.1",
    port: int = 8765,
    *,
    fd: int | None = None,
    workers_log_level: str = "warning",
) -> None:
    """Serve the API until interrupted; on the inherited socket `fd` when given (already bound to
    host:port by the parent, which so holds the port from the moment it chose it)."""
    config = uvicorn.Config(
        build_app(database_url), host=host, port=port, log_level=workers_log_level, access_log=False
    )
    uvicorn.Server(config).run(sockets=None if fd is None else [socket.socket(fileno=fd)])


if __name__ == "__main__":  # python -m workstation.server.serve DATABASE_URL PORT [FD]
    import sys

    run(sys.argv[1], port=int(sys.argv[2]), fd=int(sys.argv[3]) if len(sys.argv) > 3 else None)

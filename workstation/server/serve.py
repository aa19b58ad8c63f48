"""Run the server with uvicorn (used by `workstation-server serve` and by the tests)."""

from __future__ import annotations

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
    workers_log_level: str = "warning",
) -> None:
    """Serve the API until interrupted."""
    uvicorn.run(
        build_app(database_url), host=host, port=port, log_level=workers_log_level, access_log=False
    )


if __name__ == "__main__":  # python -m workstation.server.serve DATABASE_URL PORT
    import sys

    run(sys.argv[1], port=int(sys.argv[2]))

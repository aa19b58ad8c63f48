"""Server identity: the epoch (a new one after every restore) and other settings."""

from __future__ import annotations

from sqlalchemy import BindParameter, Connection, bindparam, select

from workstation.ids import uuid7
from workstation.server.models import server_meta

_KEY: BindParameter[str] = bindparam("meta_key")
_GET = select(server_meta.c.value).where(server_meta.c.key == _KEY)  # built once: every push reads
_SET = server_meta.update().where(server_meta.c.key == _KEY).values(value=bindparam("meta_value"))


def get(conn: Connection, key: str) -> str | None:
    """A stored setting, or None."""
    return conn.execute(_GET, {"meta_key": key}).scalar()


def put(conn: Connection, key: str, value: str) -> None:
    """Store a setting (insert or replace): one UPDATE when it exists (every push moves the
    audit head)."""
    if conn.execute(_SET, {"meta_key": key, "meta_value": value}).rowcount == 0:
        conn.execute(server_meta.insert().values(key=key, value=value))


def epoch(conn: Connection) -> str:
    """This database's epoch id."""
    value = get(conn, "epoch")
    if value is None:
        raise RuntimeError("database is not initialised: run `workstation-server init`")
    return value


def new_epoch(conn: Connection) -> str:
    """Start a new epoch (after a restore): workstations will re-offer what the server lacks."""
    value = uuid7()
    put(conn, "epoch", value)
    return value

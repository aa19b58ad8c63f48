"""Small key/value settings of the replica (device, cursor, epoch, last sync...)."""

from __future__ import annotations

from sqlalchemy import Connection, insert, select, update

from offline_cache.tables import sync_state


def get(conn: Connection, key: str, default: str | None = None) -> str | None:
    """A stored value, or default."""
    value = conn.execute(select(sync_state.c.value).where(sync_state.c.key == key)).scalar()
    return default if value is None else value


def get_int(conn: Connection, key: str, default: int = 0) -> int:
    """A stored integer, or default."""
    value = get(conn, key)
    return default if value is None else int(value)


def put(conn: Connection, key: str, value: object) -> None:
    """Store a value (insert or replace) inside the caller's transaction."""
    text = None if value is None else str(value)
    if conn.execute(select(sync_state.c.key).where(sync_state.c.key == key)).first() is None:
        conn.execute(insert(sync_state).values(key=key, value=text))
    else:
        conn.execute(update(sync_state).where(sync_state.c.key == key).values(value=text))

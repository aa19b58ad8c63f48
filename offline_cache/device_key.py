"""This PC's device key: made when the replica is created (or first opened by a release that
has it), kept in the encrypted replica, and used at every login to prove the device id to the
server (workstation.server.device_keys: trust on first use). It is not sealed under a password:
it identifies the PC, not a person, and every user of the PC logs in with it."""

from __future__ import annotations

import base64
import secrets

from sqlalchemy import Connection, Engine, insert, select

from offline_cache.tables import device_key
from workstation.clock import now_iso
from workstation.security import signing


def ensure(conn: Connection, device_id: str) -> bytes:
    """The private device key of device_id, made and stored now when the replica has none."""
    row = conn.execute(
        select(device_key.c.private_key).where(device_key.c.device_id == device_id)
    ).first()
    if row is not None:
        return base64.b64decode(row.private_key)
    private_key = signing.new_private_key()
    conn.execute(insert(device_key).values(
        device_id=device_id, private_key=base64.b64encode(private_key).decode("ascii"),
        public_key=signing.public_key_of(private_key), created_at=now_iso(),
    ))  # fmt: skip
    return private_key


def ensure_in(engine: Engine, device_id: str) -> None:
    """Give a replica its device key (at open) in a write transaction of its own."""
    with engine.connect().execution_options(writer=True) as conn, conn.begin():
        ensure(conn, device_id)


def login_fields(
    engine: Engine, device_id: str, user: str, *, issued_at: str | None = None,
    nonce: str | None = None,
) -> dict[str, str]:  # fmt: skip
    """`device_key` and `device_proof` (with the `issued_at` and `nonce` signed) of a login body:
    `user` is the user name (password login) or the user id (key login, whose own issued_at and
    nonce the proof signs too)."""
    with engine.connect().execution_options(writer=True) as conn, conn.begin():
        private_key = ensure(conn, device_id)
    return signing.device_proof(
        private_key, user=user, device_id=device_id, issued_at=issued_at or now_iso(),
        nonce=nonce or secrets.token_urlsafe(24),
    )  # fmt: skip

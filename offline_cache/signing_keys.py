"""The station's signing keys: one made at every online login, sealed under the user's password
in the encrypted replica; an offline login opens the user's newest one with the same password."""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import Connection, insert, select

from offline_cache.store import LocalStore
from offline_cache.tables import signing_keys
from workstation.clock import now_iso
from workstation.security import signing
from workstation.security.signing import Signer, WrappedKey, WrongPassword


def sealed_row(signer: Signer, password: str) -> dict[str, Any]:
    """The replica row of a signer's key sealed under the password (argon2id work: call it
    outside a write transaction)."""
    wrapped = signer.wrap(password)
    return {
        "key_id": signer.key_id, "user_id": signer.user_id, "device_id": signer.device_id,
        "public_key": signer.public_key, "salt": wrapped.salt, "nonce": wrapped.nonce,
        "sealed": wrapped.sealed, "time_cost": wrapped.time_cost, "memory_cost": wrapped.memory_cost,
        "parallelism": wrapped.parallelism, "created_at": now_iso(),
    }  # fmt: skip


def keep(conn: Connection, row: dict[str, Any]) -> None:
    """Store a sealed key (inside the caller's transaction)."""
    conn.execute(insert(signing_keys).values(**row))


def unseal_newest(store: LocalStore, user_id: str, password: str) -> Signer | None:
    """The user's newest key on this device, opened with the password; None when there is none
    or the password does not open it."""
    k = signing_keys.c
    with store.reading() as conn:
        row = conn.execute(
            select(signing_keys)
            .where(k.user_id == user_id, k.device_id == store.device_id)
            .order_by(k.created_at.desc())
            .limit(1)
        ).first()
    if row is None:
        return None
    wrapped = WrappedKey(row.salt, row.nonce, row.sealed, row.time_cost, row.memory_cost,
                         row.parallelism)  # fmt: skip
    try:
        private_key = signing.unwrap_private_key(wrapped, password)
    except WrongPassword:
        return None
    return Signer(private_key, user_id=user_id, device_id=store.device_id)


def key_login_body(signer: Signer) -> dict[str, str]:
    """A fresh signed challenge for POST /auth/key-login (resume without the password)."""
    issued_at, nonce = now_iso(), secrets.token_urlsafe(24)
    message = signing.key_login_message(
        user_id=signer.user_id, device_id=signer.device_id, issued_at=issued_at, nonce=nonce
    )
    return {
        "user_id": signer.user_id, "device_id": signer.device_id, "issued_at": issued_at,
        "nonce": nonce, "signature": signer.sign(signing.KEY_LOGIN_PURPOSE, message),
    }  # fmt: skip

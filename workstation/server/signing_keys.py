"""The authors' public signing keys: registered at a password login, revoked with the user or the
device, and looked up (parsed once) when a push or a key login is verified."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, insert, select, tuple_, update

from workstation.clock import now_iso
from workstation.security import signing
from workstation.server.models import auth_tokens, signing_keys


@dataclass(frozen=True, slots=True)
class SigningKey:
    """A registered, unrevoked public key of one author on one device."""

    key_id: str
    user_id: str
    device_id: str
    public_key: str
    registered_at: str

    @property
    def parsed(self) -> signing.ParsedKey:
        """The parsed key (parsed once per process, whatever the number of events it verifies)."""
        return _parsed(self.public_key)


@functools.lru_cache(maxsize=4096)
def _parsed(public_key: str) -> signing.ParsedKey:
    return signing.load_public_key(public_key)


def register(
    conn: Connection, *, user_id: str, device_id: str, public_key: str,
    registered_at: str | None = None,
) -> str:  # fmt: skip
    """Register a public key for (user, device) and return its key id; registering it again is a
    no-op. ValueError for a malformed key, or one already registered for someone else."""
    signing.load_public_key(public_key)
    key_id = signing.key_id(public_key)
    row = conn.execute(select(signing_keys).where(signing_keys.c.key_id == key_id)).first()
    if row is not None:
        if (row.user_id, row.device_id, row.public_key) != (user_id, device_id, public_key):
            raise ValueError("this signing key is registered for another user or device")
        return key_id
    conn.execute(insert(signing_keys).values(
        key_id=key_id, user_id=user_id, device_id=device_id, public_key=public_key,
        registered_at=registered_at or now_iso(), revoked_at=None, revoked_reason=None,
    ))  # fmt: skip
    return key_id


def revoke_user(conn: Connection, user_id: str, *, reason: str) -> int:
    """Revoke every key of a user (disabled); returns how many were revoked."""
    return _revoke(conn, signing_keys.c.user_id == user_id, reason)


def revoke_device(conn: Connection, device_id: str, *, reason: str) -> int:
    """Revoke every key registered on a device (lost, stolen, retired) and end its sessions."""
    conn.execute(
        update(auth_tokens).where(auth_tokens.c.device_id == device_id).values(revoked=True)
    )
    return _revoke(conn, signing_keys.c.device_id == device_id, reason)


def _revoke(conn: Connection, which: object, reason: str) -> int:
    result = conn.execute(
        update(signing_keys)
        .where(which, signing_keys.c.revoked_at.is_(None))  # type: ignore[arg-type]
        .values(revoked_at=now_iso(), revoked_reason=reason)
    )
    return int(result.rowcount or 0)


def unrevoked_keys(
    conn: Connection, pairs: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], list[SigningKey]]:
    """The unrevoked keys of each (author, device) pair asked for (absent pairs have none)."""
    wanted = sorted(set(pairs))
    found: dict[tuple[str, str], list[SigningKey]] = {}
    k = signing_keys.c
    for start in range(0, len(wanted), 200):
        rows = conn.execute(
            select(k.key_id, k.user_id, k.device_id, k.public_key, k.registered_at).where(
                tuple_(k.user_id, k.device_id).in_(wanted[start : start + 200]),
                k.revoked_at.is_(None),
            )
        )
        for row in rows:
            key = SigningKey(row.key_id, row.user_id, row.device_id, row.public_key,
                             row.registered_at)  # fmt: skip
            found.setdefault((key.user_id, key.device_id), []).append(key)
    return found


def has_revoked_key(conn: Connection, user_id: str, device_id: str) -> bool:
    """True when the pair once had a key that is now revoked (to word a refusal clearly)."""
    k = signing_keys.c
    row = conn.execute(
        select(k.key_id).where(
            k.user_id == user_id, k.device_id == device_id, k.revoked_at.is_not(None)
        )
    ).first()
    return row is not None

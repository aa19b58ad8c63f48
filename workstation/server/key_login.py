"""Resuming a session without a password: a station whose user logged in offline proves, when the
server answers again, that it holds the user's registered signing key for that device."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import Connection, Engine, delete, insert, select

from workstation.clock import (
    MAX_CLOCK_SKEW_S,
    MAX_DEVICE_PROOF_AGE_S,
    iso,
    now_iso,
    parse_iso,
    utc_now,
)
from workstation.security import signing
from workstation.server import audit, auth
from workstation.server.audit import AuditEntry
from workstation.server.auth import AuthError
from workstation.server.db import writer
from workstation.server.models import key_login_nonces
from workstation.server.signing_keys import has_revoked_key, unrevoked_keys

MAX_NONCE_LENGTH = 64


def key_login(
    engine: Engine, *, user_id: str, device_id: str, issued_at: str, nonce: str, signature: str
) -> dict[str, Any]:
    """Issue tokens to a station that signed a fresh, never-used challenge with the user's
    unrevoked key for that device; AuthError (audited) otherwise."""
    with writer(engine) as conn:
        refusal = _refusal(conn, user_id, device_id, issued_at, nonce, signature)
        if refusal is None:
            user = auth.all_users(conn)[user_id]
            conn.execute(insert(key_login_nonces).values(
                nonce=nonce, user_id=user_id, used_at=now_iso()))  # fmt: skip
            audit.append(conn, [AuditEntry("key_login", user_id, device_id=device_id)])
            return auth.issue_tokens(conn, user, device_id)
        audit.append(conn, [AuditEntry("key_login_failed", None, device_id=device_id,
                                       detail={"user_id": user_id, "reason": refusal.code})])  # fmt: skip
    raise refusal


def _refusal(
    conn: Connection, user_id: str, device_id: str, issued_at: str, nonce: str, signature: str
) -> AuthError | None:
    if not 16 <= len(nonce) <= MAX_NONCE_LENGTH:
        return AuthError("bad_request", f"the nonce must have 16 to {MAX_NONCE_LENGTH} characters")
    try:
        skew = abs((utc_now() - parse_iso(issued_at)).total_seconds())
    except ValueError:
        return AuthError("bad_request", "issued_at must be a UTC timestamp")
    if skew > MAX_CLOCK_SKEW_S:
        return AuthError("stale", "the key login is not fresh (or this computer's clock is wrong)")
    _forget_old_nonces(conn)
    if conn.execute(
        select(key_login_nonces.c.nonce).where(key_login_nonces.c.nonce == nonce)
    ).first():
        return AuthError("replayed", "this key login was already used")
    if user_id not in auth.all_users(conn):
        return AuthError(
            "disabled", "this account is disabled or unknown; log in with the password"
        )
    message = signing.key_login_message(
        user_id=user_id, device_id=device_id, issued_at=issued_at, nonce=nonce
    )
    keys = unrevoked_keys(conn, [(user_id, device_id)]).get((user_id, device_id), [])
    if any(signing.verify(k.parsed, signing.KEY_LOGIN_PURPOSE, message, signature) for k in keys):
        return None
    if has_revoked_key(conn, user_id, device_id):
        return AuthError(
            "revoked_key", "the signing key of this computer was revoked; log in with the password"
        )
    return AuthError(
        "bad_signature",
        "this computer holds no registered key of the user; log in with the password",
    )


def _forget_old_nonces(conn: Connection) -> None:
    """A nonce older than any proof still accepted can no longer be replayed (its issued_at
    would be stale): key logins allow MAX_CLOCK_SKEW_S, device proofs MAX_DEVICE_PROOF_AGE_S."""
    cutoff = iso(utc_now() - timedelta(seconds=MAX_DEVICE_PROOF_AGE_S + MAX_CLOCK_SKEW_S))
    conn.execute(delete(key_login_nonces).where(key_login_nonces.c.used_at < cutoff))

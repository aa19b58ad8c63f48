"""Idempotent refresh: the answer to a refresh, kept sealed for a short window under a key derived
from the used refresh token, so a station whose answer was lost gets the same tokens again.

The database holds neither token in clear: only the digest of the used token (to find the row),
the digest of the token it was swapped for (to see whether that one is still live) and the answer
encrypted with AES-256-GCM under HKDF-SHA256(used token), which only the token's holder can derive.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from typing import Any

import orjson
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import Connection, delete, insert, select

from workstation.clock import iso, parse_iso
from workstation.security.tokens import token_digest
from workstation.server.models import auth_tokens, refresh_replies

REPLY_WINDOW_SECONDS = 60
NONCE_BYTES = 12


def _key(refresh_token: str) -> bytes:
    kdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"cw refresh reply v1")
    return kdf.derive(refresh_token.encode())


def keep(conn: Connection, *, used_token: str, answer: dict[str, Any], now: datetime) -> None:
    """Seal the answer to a refresh under the token it used (and drop replies past the window)."""
    digest = token_digest(used_token)
    nonce = os.urandom(NONCE_BYTES)
    sealed = nonce + AESGCM(_key(used_token)).encrypt(nonce, orjson.dumps(answer), digest.encode())
    conn.execute(
        delete(refresh_replies).where(
            refresh_replies.c.used_at < iso(now - timedelta(seconds=REPLY_WINDOW_SECONDS))
        )
    )
    conn.execute(insert(refresh_replies).values(
        token_digest=digest, next_digest=token_digest(answer["refresh_token"]), used_at=iso(now),
        sealed=sealed,
    ))  # fmt: skip


def replay(conn: Connection, used_token: str, *, now: datetime) -> dict[str, Any] | None:
    """The same answer again when used_token was swapped within the window and the tokens it was
    swapped for are still unused and live; None otherwise (a replay: theft detection applies)."""
    digest = token_digest(used_token)
    row = conn.execute(
        select(refresh_replies).where(refresh_replies.c.token_digest == digest)
    ).first()
    if row is None or parse_iso(row.used_at) + timedelta(seconds=REPLY_WINDOW_SECONDS) < now:
        return None
    successor = conn.execute(
        select(auth_tokens.c.revoked, auth_tokens.c.expires_at).where(
            auth_tokens.c.token_digest == row.next_digest
        )
    ).first()
    if successor is None or successor.revoked or parse_iso(successor.expires_at) <= now:
        return None
    nonce, ciphertext = row.sealed[:NONCE_BYTES], row.sealed[NONCE_BYTES:]
    try:
        plain = AESGCM(_key(used_token)).decrypt(nonce, ciphertext, digest.encode())
    except InvalidTag:
        return None
    answer: dict[str, Any] = orjson.loads(plain)
    return answer

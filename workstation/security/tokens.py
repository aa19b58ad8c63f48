"""Opaque bearer tokens: random on issue, stored only as a SHA-256 digest."""

from __future__ import annotations

import hashlib
import secrets

ACCESS_TOKEN_MINUTES = 15
REFRESH_TOKEN_HOURS = 12


def new_token() -> str:
    """A fresh random token (256 bits, URL-safe)."""
    return secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    """The digest under which a token is stored; the token itself never is."""
    return hashlib.sha256(token.encode()).hexdigest()

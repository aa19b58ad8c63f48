"""Password hashing with argon2id (RFC 9106 parameters as chosen by argon2-cffi's defaults)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_HASHER = PasswordHasher()  # argon2id, RFC 9106 low-memory profile

MIN_PASSWORD_LENGTH = 8


class WeakPassword(ValueError):
    """A password that is too short to be accepted."""


def hash_password(password: str) -> str:
    """An argon2id hash string of password, refusing one that is too short."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPassword(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
    return _HASHER.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    """True when password matches the stored argon2 hash."""
    try:
        return _HASHER.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False

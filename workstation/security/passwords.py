"""Password hashing with argon2id, RFC 9106 low-memory profile (t=3, m=64 MiB, p=4).

`CW_ARGON2_PROFILE=test` selects a light argon2id profile (t=1, m=8 MiB, p=1) for test suites
only: the tests set it so that hundreds of logins do not cost half a second each. A stored hash
carries its own parameters, so either profile verifies hashes made by the other.
"""

from __future__ import annotations

import dataclasses
import os

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_TEST_PROFILE = dataclasses.replace(
    profiles.RFC_9106_LOW_MEMORY, time_cost=1, memory_cost=8 * 1024, parallelism=1
)
_PROFILE = (
    _TEST_PROFILE if os.environ.get("CW_ARGON2_PROFILE") == "test" else profiles.RFC_9106_LOW_MEMORY
)
_HASHER = PasswordHasher.from_parameters(_PROFILE)

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


def needs_rehash(stored_hash: str) -> bool:
    """True when a stored hash was made with other parameters than this process's profile (an
    upgrade, or a demo made with the test profile): rehashed at the next successful login, so
    every verification costs the same as the dummy one made for unknown users."""
    try:
        return _HASHER.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True

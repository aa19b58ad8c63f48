"""argon2id password hashes and opaque bearer tokens."""

from __future__ import annotations

import pytest

from workstation.security.passwords import (
    MIN_PASSWORD_LENGTH,
    WeakPassword,
    hash_password,
    verify_password,
)
from workstation.security.tokens import new_token, token_digest


def test_hash_is_argon2id_and_verifies():
    stored = hash_password("correct horse")
    assert stored.startswith("$argon2id$")
    assert "correct horse" not in stored
    assert verify_password(stored, "correct horse")


def test_wrong_password_does_not_verify():
    stored = hash_password("correct horse")
    assert not verify_password(stored, "correct hors")
    assert not verify_password(stored, "Correct horse")
    assert not verify_password(stored, "")


def test_same_password_gets_a_new_salt_each_time():
    assert hash_password("correct horse") != hash_password("correct horse")


def test_non_ascii_password():
    stored = hash_password("护士站密码很长的")
    assert verify_password(stored, "护士站密码很长的")
    assert not verify_password(stored, "护士站密码很长")


@pytest.mark.parametrize("weak", ["", "short", "x" * (MIN_PASSWORD_LENGTH - 1)])
def test_weak_password_is_refused(weak):
    with pytest.raises(WeakPassword, match=f"at least {MIN_PASSWORD_LENGTH} characters"):
        hash_password(weak)


def test_shortest_accepted_password():
    assert verify_password(hash_password("x" * MIN_PASSWORD_LENGTH), "x" * MIN_PASSWORD_LENGTH)


@pytest.mark.parametrize("garbage", ["", "plaintext", "$argon2id$broken", "$2b$12$abcdefghijk"])
def test_garbage_stored_hash_never_verifies(garbage):
    assert verify_password(garbage, "plaintext") is False


def test_tokens_are_long_random_and_url_safe():
    tokens = {new_token() for _ in range(500)}
    assert len(tokens) == 500
    for token in tokens:
        assert len(token) >= 43  # 256 bits in base64url
        assert set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def test_digest_never_equals_the_token_and_is_stable():
    for _ in range(100):
        token = new_token()
        digest = token_digest(token)
        assert digest != token
        assert token not in digest
        assert digest == token_digest(token)
        assert len(digest) == 64


def test_different_tokens_have_different_digests():
    assert token_digest(new_token()) != token_digest(new_token())


def test_production_hashes_use_the_rfc9106_low_memory_profile():
    import subprocess
    import sys

    code = "from workstation.security.passwords import hash_password; print(hash_password('a long password'))"
    env = {k: v for k, v in __import__("os").environ.items() if k != "CW_ARGON2_PROFILE"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert out.stdout.startswith("$argon2id$v=19$m=65536,t=3,p=4$")

"""Ed25519 signatures and the password-wrapped private key (workstation.security.signing)."""

from __future__ import annotations

import pytest

from workstation.security import signing


def test_a_signature_verifies_only_for_its_key_purpose_and_message() -> None:
    private = signing.new_private_key()
    public = signing.public_key_of(private)
    signature = signing.sign(private, signing.EVENT_PURPOSE, b"note")
    assert signing.verify(public, signing.EVENT_PURPOSE, b"note", signature)
    assert not signing.verify(public, signing.AUDIT_PURPOSE, b"note", signature)
    assert not signing.verify(public, signing.EVENT_PURPOSE, b"note!", signature)
    other = signing.public_key_of(signing.new_private_key())
    assert not signing.verify(other, signing.EVENT_PURPOSE, b"note", signature)


@pytest.mark.parametrize("public", ["", "not base64!", "AAAA", "A" * 44])
def test_garbage_keys_and_signatures_never_raise(public: str) -> None:
    assert not signing.verify(public, signing.EVENT_PURPOSE, b"x", "garbage")


def test_the_wrapped_key_opens_only_with_its_password() -> None:
    private = signing.new_private_key()
    wrapped = signing.wrap_private_key(private, "correct horse", test_profile=True)
    assert signing.unwrap_private_key(wrapped, "correct horse") == private
    with pytest.raises(signing.WrongPassword):
        signing.unwrap_private_key(wrapped, "wrong horse!")
    assert private.hex() not in repr(wrapped)

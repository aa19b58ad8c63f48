"""Ed25519 signatures of the record (电子签名法 Art. 13: a reliable electronic signature).

Each author has a key pair per device. The private key never leaves the station unwrapped: it
is kept in the replica encrypted with AES-256-GCM under a key derived from the author's password
(argon2id), so another user of the same PC cannot sign in the author's name and an offline login
unlocks it. The server holds only the public key, registered at an online login, and accepts a
signed fact only when the signature verifies with a registered, unrevoked key of its author.

Every message is prefixed with a purpose tag so that a signature over one kind of fact can never
be replayed as another (an event, a read-audit entry).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import secrets
from dataclasses import dataclass

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from nacl.exceptions import CryptoError
from nacl.signing import SigningKey, VerifyKey

from workstation.events.envelope import Event, canonical_json

EVENT_PURPOSE = b"cw-event-v1\n"
AUDIT_PURPOSE = b"cw-audit-read-v1\n"
KEY_LOGIN_PURPOSE = b"cw-key-login-v1\n"
DEVICE_LOGIN_PURPOSE = b"cw-device-login-v1\n"  # a station's device key proving its device id
PUBLIC_KEY_LENGTH = 44  # base64 of 32 bytes
SIGNATURE_LENGTH = 88  # base64 of 64 bytes

# RFC 9106 second recommended option (t=3, 64 MiB, p=4) for deriving the wrapping key, as the
# password verifier uses; the test profile mirrors workstation.security.passwords.
_KDF = {"time_cost": 3, "memory_cost": 64 * 1024, "parallelism": 4}
_TEST_KDF = {"time_cost": 1, "memory_cost": 8 * 1024, "parallelism": 1}


class WrongPassword(ValueError):
    """The wrapped private key could not be opened with this password."""


@dataclass(frozen=True, slots=True)
class WrappedKey:
    """A private key sealed under a password; every field is base64 text, safe to store."""

    salt: str
    nonce: str
    sealed: str
    time_cost: int
    memory_cost: int
    parallelism: int


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def new_private_key() -> bytes:
    """A fresh Ed25519 private key, as its 32 raw bytes."""
    return secrets.token_bytes(32)


def public_key_of(private_key: bytes) -> str:
    """The base64 public key that the server registers for a private key."""
    return _b64(SigningKey(private_key).verify_key.encode())


def key_id(public_key: str) -> str:
    """A short stable name of a public key (first 16 hex digits of its SHA-256)."""
    return hashlib.sha256(public_key.encode("ascii")).hexdigest()[:16]


def sign(private_key: bytes, purpose: bytes, message: bytes) -> str:
    """The base64 Ed25519 signature of purpose + message."""
    return _b64(SigningKey(private_key).sign(purpose + message).signature)


# Ed25519 by libsodium (PyNaCl): a verification costs about a quarter of OpenSSL's through
# `cryptography` on this kind of machine (58 against 115-256 µs), and the server verifies every
# pushed event; the signatures are the same standard bytes either way.
ParsedKey = VerifyKey


def load_public_key(public_key: str) -> ParsedKey:
    """Parse a base64 public key; ValueError when it is not one."""
    try:
        raw = _unb64(public_key)
    except (binascii.Error, ValueError, UnicodeEncodeError) as exc:
        raise ValueError("public key is not base64") from exc
    if len(raw) != 32:
        raise ValueError("an Ed25519 public key has 32 bytes")
    return VerifyKey(raw)


def verify(public_key: str | ParsedKey, purpose: bytes, message: bytes, signature: str) -> bool:
    """True when signature is the key's signature of purpose + message; never raises on bad input."""
    try:
        key = load_public_key(public_key) if isinstance(public_key, str) else public_key
        raw = _unb64(signature)
        if len(raw) != 64:
            return False
        key.verify(purpose + message, raw)
    except (CryptoError, ValueError, binascii.Error, UnicodeEncodeError, TypeError):
        return False
    return True


def audit_entry_message(
    *, entry_id: str, action: str, user_id: str, patient_id: str | None, at: str, device_id: str
) -> bytes:
    """The bytes a read-audit entry's author signs (sign with AUDIT_PURPOSE): recorded offline,
    it may be sent later under another user's login, so the server must be able to prove it."""
    return canonical_json({
        "entry_id": entry_id, "action": action, "user_id": user_id, "patient_id": patient_id,
        "at": at, "device_id": device_id,
    })  # fmt: skip


def key_login_message(*, user_id: str, device_id: str, issued_at: str, nonce: str) -> bytes:
    """The bytes a station signs (with KEY_LOGIN_PURPOSE) to resume a session without a password."""
    return canonical_json(
        {"user_id": user_id, "device_id": device_id, "issued_at": issued_at, "nonce": nonce}
    )


def device_login_message(*, user: str, device_id: str, issued_at: str, nonce: str) -> bytes:
    """The bytes a station's device key signs (with DEVICE_LOGIN_PURPOSE) at every login: `user`
    is the user name of a password login or the user id of a key login."""
    return canonical_json(
        {"user": user, "device_id": device_id, "issued_at": issued_at, "nonce": nonce}
    )


def device_proof(
    private_key: bytes, *, user: str, device_id: str, issued_at: str, nonce: str
) -> dict[str, str]:
    """The login body's `device_key`, `device_proof`, `issued_at` and `nonce` made with a
    station's device key (workstation.server.device_keys checks them)."""
    message = device_login_message(user=user, device_id=device_id, issued_at=issued_at, nonce=nonce)
    return {
        "device_key": public_key_of(private_key), "issued_at": issued_at, "nonce": nonce,
        "device_proof": sign(private_key, DEVICE_LOGIN_PURPOSE, message),
    }  # fmt: skip


class Signer:
    """One author's unwrapped key on one device: what the station signs events and reads with."""

    def __init__(self, private_key: bytes, *, user_id: str, device_id: str):
        self._private_key = private_key
        self._key = SigningKey(private_key)
        self.user_id, self.device_id = user_id, device_id
        self.public_key = public_key_of(private_key)
        self.key_id = key_id(self.public_key)

    def __repr__(self) -> str:
        return f"Signer(user_id={self.user_id!r}, device_id={self.device_id!r}, key_id={self.key_id!r})"

    def sign(self, purpose: bytes, message: bytes) -> str:
        """The base64 signature of purpose + message."""
        return _b64(self._key.sign(purpose + message).signature)

    def sign_event(self, event: Event) -> Event:
        """The event carrying this signer's signature; refused when it is not this author's."""
        if event.author_id != self.user_id or event.device_id != self.device_id:
            raise ValueError("a signer signs only its own user's events on its own device")
        return event.with_signature(self.sign(EVENT_PURPOSE, event.signing_bytes()))

    def wrap(self, password: str, *, test_profile: bool | None = None) -> WrappedKey:
        """This private key sealed under the password (see wrap_private_key)."""
        return wrap_private_key(self._private_key, password, test_profile=test_profile)


def _kdf_parameters(test_profile: bool | None) -> dict[str, int]:
    if test_profile is None:  # as workstation.security.passwords chooses its profile
        test_profile = os.environ.get("CW_ARGON2_PROFILE") == "test"
    return dict(_TEST_KDF if test_profile else _KDF)


def _derive(
    password: str, salt: bytes, time_cost: int, memory_cost: int, parallelism: int
) -> bytes:
    return hash_secret_raw(
        password.encode("utf-8"), salt, time_cost=time_cost, memory_cost=memory_cost,
        parallelism=parallelism, hash_len=32, type=Type.ID,
    )  # fmt: skip


def wrap_private_key(
    private_key: bytes, password: str, *, test_profile: bool | None = None
) -> WrappedKey:
    """Seal a private key under a key derived from the password (argon2id, then AES-256-GCM);
    the light test profile when test_profile, or when None and CW_ARGON2_PROFILE=test."""
    parameters = _kdf_parameters(test_profile)
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    wrapping_key = _derive(password, salt, **parameters)
    sealed = AESGCM(wrapping_key).encrypt(nonce, private_key, b"cw-signing-key-v1")
    return WrappedKey(_b64(salt), _b64(nonce), _b64(sealed), **parameters)


def unwrap_private_key(wrapped: WrappedKey, password: str) -> bytes:
    """Open a sealed private key; WrongPassword when the password does not open it."""
    wrapping_key = _derive(
        password, _unb64(wrapped.salt), wrapped.time_cost, wrapped.memory_cost, wrapped.parallelism
    )
    try:
        return AESGCM(wrapping_key).decrypt(
            _unb64(wrapped.nonce), _unb64(wrapped.sealed), b"cw-signing-key-v1"
        )
    except InvalidTag as exc:
        raise WrongPassword("this password does not open the signing key") from exc

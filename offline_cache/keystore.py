"""Secrets in the OS keyring: the replica's encryption key and the refresh token.

A real station keeps them only in a secure backend (Windows Credential Manager, macOS Keychain,
a Secret Service or KWallet), whatever a keyringrc.cfg or PYTHON_KEYRING_BACKEND says: a plaintext,
file, null or failing backend is refused with a plain message. The single exception is
`use_demo_keyring` (the `workstation demo` of synthetic patients), which accepts a keyring file in the
demo folder for this process only; the tests use the same in-process hook, `accept_backend`,
which no file or environment variable can reach.
"""

from __future__ import annotations

import contextlib
import secrets
from pathlib import Path

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

SERVICE = "clinical-workstation"
# The stores that keep secrets encrypted under the user's login; nothing else holds a replica key.
SECURE_BACKENDS = frozenset({
    "keyring.backends.Windows.WinVaultKeyring", "keyring.backends.macOS.Keyring",
    "keyring.backends.SecretService.Keyring", "keyring.backends.libsecret.Keyring",
    "keyring.backends.kwallet.DBusKeyring", "keyring.backends.kwallet.DBusKeyringKWallet4",
})  # fmt: skip
_CHAINER = "keyring.backends.chainer.ChainerBackend"
_NONE = ("keyring.backends.fail.", "keyring.backends.null.")
_accepted: list[KeyringBackend] = []  # set in-process only: the demo's file, a test's keyring


class KeyringUnavailable(RuntimeError):
    """No secure keyring backend on this computer."""


class MissingReplicaKey(RuntimeError):
    """The replica exists but its key is not in this computer's keyring."""


def _backend_name(backend: KeyringBackend) -> str:
    return f"{type(backend).__module__}.{type(backend).__qualname__}"


def accept_backend(backend: KeyringBackend) -> None:
    """Use this backend in this process although it is not a secure store: for `use_demo_keyring`
    and the test suite only. Nothing outside the running program (no file, no environment
    variable) can make a station accept an insecure backend."""
    _accepted.append(backend)
    keyring.set_keyring(backend)


def forget_accepted_backends(backend: KeyringBackend | None = None) -> None:
    """Undo `accept_backend` for one backend, or for every one (tests, the self-test)."""
    if backend is None:
        _accepted.clear()
    elif backend in _accepted:
        _accepted.remove(backend)


def _secure_member(backend: KeyringBackend) -> KeyringBackend | None:
    """A chainer's first secure member (the chainer itself may hold a plaintext file too)."""
    members = getattr(type(backend), "backends", None) or getattr(backend, "backends", [])
    return next((b for b in members if _backend_name(b) in SECURE_BACKENDS), None)


def check_backend() -> KeyringBackend:
    """The keyring backend in use; KeyringUnavailable unless it is a secure store (or one accepted
    in-process by `accept_backend`). A chainer is narrowed to its first secure member."""
    backend = keyring.get_keyring()
    if any(backend is accepted for accepted in _accepted):
        return backend
    name = _backend_name(backend)
    if name in SECURE_BACKENDS:
        return backend
    if name == _CHAINER and (member := _secure_member(backend)) is not None:
        keyring.set_keyring(member)  # never a plaintext member of the chain
        return member
    if name.startswith(_NONE) or name == _CHAINER:
        raise KeyringUnavailable(
            "This computer has no secure password store (keyring). The workstation keeps its encryption key "
            "there and will not store it in a plain file. Ask IT to enable the system keyring "
            "(Windows Credential Manager, macOS Keychain, or a Secret Service such as GNOME Keyring)."
        )
    raise KeyringUnavailable(
        f"the keyring backend {name} is not secure (a plain file or an unknown store); the workstation "
        "keeps its encryption key only in Windows Credential Manager, macOS Keychain, a Secret Service "
        "or KWallet, whatever keyringrc.cfg or PYTHON_KEYRING_BACKEND say"
    )


def _get(name: str) -> str | None:
    check_backend()
    try:
        return keyring.get_password(SERVICE, name)
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailable(f"the keyring could not be read: {exc}") from exc


def _set(name: str, value: str) -> None:
    check_backend()
    try:
        keyring.set_password(SERVICE, name, value)
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailable(f"the keyring could not be written: {exc}") from exc


def create_replica_key(replica_id: str) -> bytes:
    """Make a random 256-bit key for a new replica and keep it in the keyring."""
    key = secrets.token_bytes(32)
    _set(f"replica-key:{replica_id}", key.hex())
    return key


def load_replica_key(replica_id: str) -> bytes:
    """The key of an existing replica; MissingReplicaKey when the keyring does not have it."""
    value = _get(f"replica-key:{replica_id}")
    if not value:
        raise MissingReplicaKey(
            "The local patient data on this computer is encrypted, and its key is missing from the system "
            "keyring. The workstation will not open or recreate it. Ask IT to restore the keyring entry "
            f"'{SERVICE} / replica-key:{replica_id}', or to remove the local data so it can be downloaded again."
        )
    return bytes.fromhex(value)


def save_refresh_token(user_id: str, token: str) -> None:
    """Keep a user's refresh token in the keyring (never in a file)."""
    _set(f"refresh:{user_id}", token)


def load_refresh_token(user_id: str) -> str | None:
    """A user's refresh token, or None."""
    return _get(f"refresh:{user_id}")


def forget_refresh_token(user_id: str) -> None:
    """Remove a user's refresh token (logout)."""
    check_backend()
    with contextlib.suppress(keyring.errors.PasswordDeleteError):
        keyring.delete_password(SERVICE, f"refresh:{user_id}")


def use_demo_keyring(folder: Path) -> bool:
    """For `workstation demo` only (synthetic patients): when this computer has no secure keyring,
    keep the demo's keys in a plain keyring file inside the demo folder, accepted for this process
    only. Returns True when that fallback is in use. Real stations never call this."""
    try:
        check_backend()
        return False
    except KeyringUnavailable:
        pass
    try:
        from keyrings.alt.file import PlaintextKeyring
    except ImportError as exc:  # the fallback ships with the [dev] extras only
        raise KeyringUnavailable(
            "no secure keyring, and no demo keyring available (pip install keyrings.alt)"
        ) from exc
    backend = PlaintextKeyring()
    backend.file_path = str(Path(folder) / "demo-keyring.cfg")
    accept_backend(backend)
    return True

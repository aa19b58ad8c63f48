"""Secrets in the OS keyring: the replica's encryption key and the refresh token.

The workstation never falls back to a plaintext keyring on its own: a PC without a secure
backend is told so plainly. A backend chosen explicitly by configuration (keyringrc or
PYTHON_KEYRING_BACKEND, as the tests do) is respected.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

SERVICE = "clinical-workstation"
_INSECURE = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt.file.PlaintextKeyring")


class KeyringUnavailable(RuntimeError):
    """No secure keyring backend on this computer."""


class MissingReplicaKey(RuntimeError):
    """The replica exists but its key is not in this computer's keyring."""


def _backend_name(backend: KeyringBackend) -> str:
    return f"{type(backend).__module__}.{type(backend).__qualname__}"


def _explicitly_configured() -> bool:
    return bool(os.environ.get("PYTHON_KEYRING_BACKEND")) or _has_keyringrc()


def _has_keyringrc() -> bool:
    try:
        from keyring.util import platform_

        return os.path.exists(os.path.join(platform_.config_root(), "keyringrc.cfg"))
    except Exception:  # noqa: BLE001 - no config root means no config file
        return False


def check_backend() -> KeyringBackend:
    """The keyring backend in use, refusing none or an implicit plaintext one."""
    backend = keyring.get_keyring()
    name = _backend_name(backend)
    if name.startswith(("keyring.backends.fail", "keyring.backends.null")):
        raise KeyringUnavailable(
            "This computer has no secure password store (keyring). The workstation keeps its encryption key "
            "there and will not store it in a plain file. Ask IT to enable the system keyring "
            "(Windows Credential Manager, macOS Keychain, or a Secret Service such as GNOME Keyring)."
        )
    if any(name.startswith(bad) for bad in _INSECURE) and not _explicitly_configured():
        raise KeyringUnavailable(
            f"the keyring backend {name} is not secure and was not chosen by configuration"
        )
    return backend


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
    keep the demo's keys in a plain keyring file inside the demo folder, chosen explicitly here.
    Returns True when that fallback is in use. Real stations never call this."""
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
    keyring.set_keyring(backend)
    os.environ["PYTHON_KEYRING_BACKEND"] = (
        "keyrings.alt.file.PlaintextKeyring"  # chosen by configuration
    )
    return True

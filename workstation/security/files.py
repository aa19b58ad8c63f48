"""Files that hold patient data or secrets: created 0600, secrets refused when others can read them."""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

PRIVATE_MODE = 0o600
PRIVATE_UMASK = 0o077


class UnsafeSecretFile(PermissionError):
    """A secret file that group or other may read or write, or that is missing; the message says which."""


def restrict_umask() -> int:
    """Make every file this process creates from now on private to its user (adds 0o077 to the
    umask); returns the umask before."""
    before = os.umask(PRIVATE_UMASK)
    os.umask(before | PRIVATE_UMASK)
    return before


def make_private(path: Path) -> Path:
    """Set a file written by code that may run under another umask (reportlab, gzip) to 0600."""
    os.chmod(path, PRIVATE_MODE)
    return path


def write_private(path: Path, data: bytes) -> Path:
    """Write data to path as a 0600 file (replacing any file there), flushed to disk."""
    path = Path(path)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_MODE)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, PRIVATE_MODE)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path


def append_private(path: Path, line: bytes) -> None:
    """Append one line to a 0600 file (created if missing), flushed to disk before returning."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_MODE)
    try:
        os.write(descriptor, line)
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    os.chmod(path, PRIVATE_MODE)


def read_secret(path: Path) -> bytes:
    """The bytes of a secret file; UnsafeSecretFile when it is missing, not a regular file, or
    group/other may read or write it."""
    path = Path(path).expanduser()
    try:
        info = path.stat()
    except FileNotFoundError:
        raise UnsafeSecretFile(f"secret file not found: {path}") from None
    if not stat.S_ISREG(info.st_mode):
        raise UnsafeSecretFile(f"secret file is not a regular file: {path}")
    if info.st_mode & PRIVATE_UMASK:
        raise UnsafeSecretFile(
            f"secret file {path} has mode {stat.S_IMODE(info.st_mode):04o}: group and other must "
            f"have no access (chmod 600 {path})"
        )
    return path.read_bytes()


def create_secret(path: Path, nbytes: int = 32) -> bool:
    """Create a secret file of random bytes (hex text, mode 0600) when there is none; True when
    created. The secret is never printed."""
    path = Path(path).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_MODE)
    except FileExistsError:
        return False
    try:
        os.write(descriptor, secrets.token_hex(nbytes).encode("ascii") + b"\n")
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    return True


def read_hex_secret(path: Path, nbytes: int = 32) -> bytes:
    """The key in a secret file written by create_secret (hex text), checked as read_secret does."""
    text = read_secret(path).decode("ascii", errors="replace").strip()
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) != nbytes:
        raise UnsafeSecretFile(f"secret file {path} does not hold a {nbytes}-byte hex key")
    return key

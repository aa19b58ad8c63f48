"""The server's audit key (HMAC of the chain) and checkpoint key (Ed25519), both files 0600 outside
the database: created by `init`, read by every command, never printed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from workstation.security.audit_chain import ChainBreak
from workstation.security.files import create_secret, read_hex_secret
from workstation.server import audit, checkpoints
from workstation.server.config import ServerConfig


@dataclass(frozen=True, slots=True)
class ServerKeys:
    """The keys found at the config's paths (None where there is no file)."""

    audit: bytes | None = None
    checkpoint: bytes | None = None


def _read(path: Path | None) -> bytes | None:
    return read_hex_secret(path) if path is not None and path.exists() else None


def read_keys(config: ServerConfig) -> ServerKeys:
    """The keys at the config's paths; UnsafeSecretFile for a file others may read."""
    return ServerKeys(_read(config.audit_key_file), _read(config.checkpoint_key_file))


def create_keys(config: ServerConfig) -> list[Path]:
    """Create the missing key files the config names; the paths created."""
    paths = [p for p in (config.audit_key_file, config.checkpoint_key_file) if p is not None]
    return [path for path in paths if create_secret(path)]


def checkpoint_now(engine: Engine, config: ServerConfig, keys: ServerKeys) -> bool:
    """Write a signed checkpoint of the chain's head when a checkpoint key and folder are set;
    True when one was written."""
    if keys.checkpoint is None or config.checkpoint_folder is None:
        return False
    return bool(checkpoints.write(engine, config.checkpoint_folder, keys.checkpoint))


def verify(engine: Engine, config: ServerConfig, keys: ServerKeys) -> tuple[ChainBreak | None, int]:
    """Verify the chain under the audit key and against every signed checkpoint; the first bad
    row (or None) and how many checkpoints were checked. A checkpoint file line that is not
    signed by this server's key is reported as a break at row 0."""
    found: list[checkpoints.Checkpoint] = []
    if keys.checkpoint is not None and config.checkpoint_folder is not None:
        try:
            found = checkpoints.read(config.checkpoint_folder, keys.checkpoint)
            expected = checkpoints.expected_hashes(found)
        except checkpoints.BadCheckpoint as exc:
            return ChainBreak(0, str(exc)), 0
    else:
        expected = {}
    return audit.verify(engine, checkpoints=expected), len(found)

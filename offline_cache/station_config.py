"""The machine-wide station config that the hospital's IT writes (not the user): where the
station's data goes, its ward, the hospital CA, and the longest idle time before the screen locks.

    # /etc/clinical-workstation/station.toml  (Windows: %ProgramData%\\ClinicalWorkstation\\station.toml)
    servers = ["https://ward-server.hospital.example:8765"]
    ward = "CARD"
    ca_file = "/etc/clinical-workstation/hospital-ca.pem"
    idle_lock_max_minutes = 10

Per-user settings never override it: a user may only shorten the idle lock, and only an admin
changes the server or ward where the config leaves them open. CW_STATION_CONFIG names another file
(the tests). A file that exists but cannot be read or holds a bad value stops the station with a
clear message rather than being ignored.
"""

from __future__ import annotations

import os
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ENV_VAR = "CW_STATION_CONFIG"
DEFAULT_IDLE_LOCK_MAX_MINUTES = 30  # the hospital's maximum when its config names none
LONGEST_IDLE_LOCK_MINUTES = 240


class StationConfigError(RuntimeError):
    """The station config exists but is unreadable or holds a bad value."""


@dataclass(frozen=True)
class StationConfig:
    """What the hospital fixed for this PC; empty fields are left to the station's settings."""

    servers: tuple[str, ...] = ()
    ward: str = ""
    ca_file: Path | None = None
    idle_lock_max_minutes: int = DEFAULT_IDLE_LOCK_MAX_MINUTES
    source: Path | None = None

    @property
    def server_url(self) -> str:
        """The server addresses the hospital named, in order, as the station's server setting
        ('' when none): the link fails over between them (offline_cache.link)."""
        return " ".join(self.servers)

    def capped_idle_minutes(self, minutes: int) -> int:
        """An idle-lock time no longer than the hospital allows (and at least one minute)."""
        return max(1, min(minutes, self.idle_lock_max_minutes))


def default_path() -> Path:
    """Where the station config lives on this operating system (or CW_STATION_CONFIG)."""
    named = os.environ.get(ENV_VAR)
    if named:
        return Path(named)
    if sys.platform == "win32":
        root = os.environ.get("PROGRAMDATA", r"C:\ProgramData")
        return Path(root) / "ClinicalWorkstation" / "station.toml"
    return Path("/etc/clinical-workstation/station.toml")


def load_station_config(path: Path | None = None) -> StationConfig:
    """Read the station config; the defaults when the file does not exist."""
    path = Path(path) if path is not None else default_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return StationConfig()
    except OSError as exc:
        raise StationConfigError(f"the station config {path} cannot be read: {exc}") from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise StationConfigError(f"the station config {path} is not valid TOML: {exc}") from exc
    return _parsed(data, path)


def _parsed(data: dict[str, Any], path: Path) -> StationConfig:
    def bad(key: str, what: str) -> StationConfigError:
        return StationConfigError(f"the station config {path}: {key} must be {what}")

    servers = data.get("servers", [])
    if not isinstance(servers, list) or not all(
        isinstance(s, str) and s.startswith(("http://", "https://")) for s in servers
    ):
        raise bad("servers", 'a list of "https://host:port" addresses')
    ward = data.get("ward", "")
    if not isinstance(ward, str) or len(ward) > 32:
        raise bad("ward", "a ward code")
    ca_file = data.get("ca_file")
    if ca_file is not None and (not isinstance(ca_file, str) or not ca_file):
        raise bad("ca_file", "the path of the hospital's CA certificate file")
    idle = data.get("idle_lock_max_minutes", DEFAULT_IDLE_LOCK_MAX_MINUTES)
    if (
        isinstance(idle, bool)
        or not isinstance(idle, int)
        or not 1 <= idle <= LONGEST_IDLE_LOCK_MINUTES
    ):
        raise bad(
            "idle_lock_max_minutes",
            f"a whole number of minutes from 1 to {LONGEST_IDLE_LOCK_MINUTES}",
        )
    return StationConfig(
        servers=tuple(s.rstrip("/") for s in servers), ward=ward.strip(),
        ca_file=Path(ca_file) if ca_file else None, idle_lock_max_minutes=idle, source=path,
    )  # fmt: skip

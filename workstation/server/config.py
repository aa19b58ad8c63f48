"""The server config file (TOML): database, listener and TLS, audit keys, metrics, proxies.

Secrets never sit in the file or on the command line: the database password and the metrics token
are read from a file (0600) or an environment variable the file names; the audit and checkpoint
keys are files 0600 that `workstation-server init` creates. A SQLite server without a config keeps
its keys beside the database file.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from workstation.clinical.staffing import StaffingStandard, StandardError
from workstation.security.files import read_secret
from workstation.server.app_settings import AppSettings
from workstation.server.db import normalise_url

DEFAULT_HOST, DEFAULT_PORT, DEFAULT_CHECKPOINT_MINUTES = "127.0.0.1", 8765, 15.0
SECTIONS: dict[str, frozenset[str]] = {
    "database": frozenset({"url", "password_file", "password_env"}),
    "server": frozenset(
        {
            "host",
            "port",
            "certfile",
            "keyfile",
            "insecure_http",
            "trusted_proxies",
            "mllp_host",
            "mllp_port",
        }
    ),
    "audit": frozenset(
        {"key_file", "checkpoint_key_file", "checkpoint_folder", "checkpoint_minutes"}
    ),  # fmt: skip
    "metrics": frozenset({"token_file", "token_env"}),
    "usage": frozenset({"retention_days"}),  # usage telemetry (server.usage_api)
    # HL7 v2 orders out (server.hl7_outbound): where the LIS and the PACS listen for MLLP
    "hl7_out": frozenset(
        {"lis_host", "lis_port", "pacs_host", "pacs_port", "facility", "timeout_seconds"}
    ),
    # the nurse staffing standard (workstation.clinical.staffing; absent: 卫医政发〔2012〕30号)
    "staffing": frozenset({"nurses_per_bed", "patients_per_nurse", "special_per_nurse", "source"}),
}


class ConfigError(ValueError):
    """The config file cannot be used; the message names the setting."""


@dataclass(frozen=True, slots=True)
class OutboundConfig:
    """The HL7 order receivers: (host, port) of the LIS and of the PACS, MSH-6, the ACK wait."""

    lis: tuple[str, int] | None
    pacs: tuple[str, int] | None
    facility: str = "HOSPITAL"
    timeout_seconds: float = 30.0

    @classmethod
    def read(cls, section: dict[str, Any]) -> OutboundConfig | None:
        """From the [hl7_out] section; ConfigError naming the setting when it is wrong."""
        ends = {}
        for name in ("lis", "pacs"):
            host, port = section.get(f"{name}_host"), section.get(f"{name}_port")
            if (host is None) != (port is None):
                raise ConfigError(f"hl7_out.{name}_host and {name}_port go together")
            if port is not None and (not isinstance(port, int) or not 0 < port < 65536):
                raise ConfigError(f"hl7_out.{name}_port must be a TCP port number")
            ends[name] = None if host is None or port is None else (str(host), int(port))
        if ends["lis"] is None and ends["pacs"] is None:
            return None
        timeout = section.get("timeout_seconds", 30.0)
        if not isinstance(timeout, int | float) or not 0 < timeout <= 600:
            raise ConfigError("hl7_out.timeout_seconds must be between 0 and 600")
        return cls(ends["lis"], ends["pacs"], str(section.get("facility", "HOSPITAL")),
                   float(timeout))  # fmt: skip


@dataclass(frozen=True, slots=True)
class ServerConfig:
    """Everything a server command needs beyond its own arguments."""

    database_url: str | None = None
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    certfile: Path | None = None
    keyfile: Path | None = None
    insecure_http: bool = False
    trusted_proxies: tuple[str, ...] = ()
    audit_key_file: Path | None = None
    checkpoint_key_file: Path | None = None
    checkpoint_folder: Path | None = None
    checkpoint_minutes: float = DEFAULT_CHECKPOINT_MINUTES
    metrics_token: str | None = None
    mllp_host: str = DEFAULT_HOST  # the HL7 v2 listener (plain MLLP: loopback unless tunnelled)
    mllp_port: int | None = None  # None: no HL7 listener
    hl7_out: dict[str, Any] | None = None  # [hl7_out] as written; None: no orders leave
    usage_retention_days: int = 180  # [usage] retention_days
    staffing: dict[str, Any] | None = None  # [staffing] as written; None: the national defaults

    def outbound(self) -> OutboundConfig | None:
        """Where lab orders (LIS) and imaging orders (PACS) go; None when neither is set."""
        return OutboundConfig.read(self.hl7_out or {})

    def app_settings(self) -> AppSettings:
        """The part the HTTP app takes."""
        return AppSettings(metrics_token=self.metrics_token, trusted_proxies=self.trusted_proxies,
                           usage_retention_days=self.usage_retention_days)  # fmt: skip


def _secret(section: dict[str, Any], file_key: str, env_key: str, where: str) -> str | None:
    if file_key in section:
        return read_secret(Path(section[file_key])).decode("utf-8").strip()
    if env_key in section:
        value = os.environ.get(str(section[env_key]))
        if not value:
            raise ConfigError(
                f"{where}.{env_key}: environment variable {section[env_key]} is not set"
            )
        return value
    return None


def _path(section: dict[str, Any], key: str, base: Path) -> Path | None:
    value = section.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{key} must be a file path")
    return (base / Path(value).expanduser()).resolve()


def _sections(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    for name, section in data.items():
        if name not in SECTIONS or not isinstance(section, dict):
            raise ConfigError(f"unknown section [{name}] (known: {', '.join(SECTIONS)})")
        unknown = set(section) - SECTIONS[name]
        if unknown:
            raise ConfigError(f"[{name}] has unknown settings: {', '.join(sorted(unknown))}")
    return {name: dict(data.get(name, {})) for name in SECTIONS}


def load(path: Path) -> ServerConfig:
    """Read and check a config file; relative paths are taken from the file's folder."""
    path = Path(path).expanduser()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
    s = _sections(data)
    base = path.resolve().parent
    db, server, audit, metrics = s["database"], s["server"], s["audit"], s["metrics"]
    OutboundConfig.read(s["hl7_out"])  # refused here, at start, when wrong
    try:
        StaffingStandard.read(s["staffing"])
    except StandardError as exc:
        raise ConfigError(str(exc)) from exc
    try:
        return ServerConfig(
            database_url=_database_url(db), host=str(server.get("host", DEFAULT_HOST)),
            port=int(server.get("port", DEFAULT_PORT)), certfile=_path(server, "certfile", base),
            keyfile=_path(server, "keyfile", base), insecure_http=bool(server.get("insecure_http", False)),
            trusted_proxies=tuple(str(p) for p in server.get("trusted_proxies", ())),
            audit_key_file=_path(audit, "key_file", base),
            checkpoint_key_file=_path(audit, "checkpoint_key_file", base),
            checkpoint_folder=_path(audit, "checkpoint_folder", base),
            checkpoint_minutes=float(audit.get("checkpoint_minutes", DEFAULT_CHECKPOINT_MINUTES)),
            metrics_token=_secret(metrics, "token_file", "token_env", "metrics"),
            mllp_host=str(server.get("mllp_host", DEFAULT_HOST)),
            mllp_port=int(server["mllp_port"]) if "mllp_port" in server else None,
            hl7_out=s["hl7_out"] or None, staffing=s["staffing"] or None,
            usage_retention_days=_retention(s["usage"]),
        )  # fmt: skip
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc


def _retention(usage: dict[str, Any]) -> int:
    days = usage.get("retention_days", 180)
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= 3650:
        raise ConfigError("usage.retention_days must be a whole number of days from 1 to 3650")
    return days


def _database_url(db: dict[str, Any]) -> str | None:
    url = db.get("url")
    if url is None:
        return None
    password = _secret(db, "password_file", "password_env", "database")
    if "://" in str(url) and make_url(str(url)).password is not None:
        raise ConfigError("database.url holds a password: use password_file or password_env")
    if password is None:
        return str(url)
    return (
        make_url(normalise_url(str(url)))
        .set(password=password)
        .render_as_string(hide_password=False)
    )


def for_database(config: ServerConfig, database_url: str) -> ServerConfig:
    """The config with the database URL in force and, for a SQLite file, the keys and checkpoints
    beside it when the config names no other place."""
    config = replace(config, database_url=database_url)
    parsed = make_url(normalise_url(database_url))
    if not parsed.drivername.startswith("sqlite") or parsed.database in (None, "", ":memory:"):
        return config
    beside = Path(str(parsed.database))
    return replace(
        config,
        audit_key_file=config.audit_key_file or beside.with_name(beside.name + ".audit-key"),
        checkpoint_key_file=config.checkpoint_key_file
        or beside.with_name(beside.name + ".checkpoint-key"),
        checkpoint_folder=config.checkpoint_folder
        or beside.with_name(beside.name + ".checkpoints"),
    )

"""What every `workstation-server` command shares: the one-line error, opening the database with
the server's audit key, and the operator's name for the audit trail."""

from __future__ import annotations

import argparse
import getpass
import re
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.engine import URL, make_url

from workstation.server import audit, schema
from workstation.server.audit import AuditEntry
from workstation.server.config import ServerConfig, for_database, load
from workstation.server.db import BadDatabaseUrl, make_engine, normalise_url

PROG = "workstation-server"


class CliError(Exception):
    """A runtime failure reported to the operator as one line (exit status 1)."""


def one_line(text: str) -> str:
    """Text on one line, with any password in a URL (scheme://user:password@) hidden."""
    line = " ".join(part.strip() for part in str(text).splitlines() if part.strip()) or "failed"
    return re.sub(r"(://[^:/@\s]*:)[^@\s]*@", r"\1***@", line)


def parse_url(url: str) -> URL:
    """The normalised database URL; BadDatabaseUrl for one that cannot be parsed."""
    try:
        return make_url(normalise_url(url))
    except ValueError as exc:  # e.g. a port that is not a number
        raise BadDatabaseUrl(f"not a database URL: {url} ({one_line(str(exc))})") from exc


def shown_url(url: str) -> str:
    """The database URL with any password hidden, for messages."""
    return parse_url(url).render_as_string(hide_password=True)


def open_engine(url: str, *, create: bool = False, key: bytes | None = None) -> Engine:
    """An engine for url that chains audit rows under key; a SQLite file must already exist
    unless create."""
    parsed = parse_url(url)
    if parsed.drivername.startswith("sqlite") and not create:
        path = parsed.database
        if path and path != ":memory:" and not Path(path).is_file():
            raise CliError(f"database file not found: {path} (create it with `{PROG} init`)")
    return audit.with_key(make_engine(url), key)


def open_initialised(url: str, *, key: bytes | None = None) -> Engine:
    """An engine for a database at the newest schema; a clear error otherwise."""
    engine = open_engine(url, key=key)
    current, head = schema.current_revision(engine), schema.head_revision()
    if current is None:
        raise CliError(f"database {shown_url(url)} is not initialised: run `{PROG} init`")
    if current != head:
        raise CliError(
            f"database {shown_url(url)} has schema {current}, this program expects {head}: "
            f"run `{PROG} init` to migrate it (or use a newer {PROG})"
        )
    return engine


def resolve_config(args: argparse.Namespace) -> ServerConfig | None:
    """The config in force for a command that has --database/--config (None for others): sets
    args.database to the URL to use; a usage error (status 2) when neither names a database."""
    if not hasattr(args, "database"):
        return None
    config = load(Path(args.config)) if getattr(args, "config", None) else ServerConfig()
    url = args.database or config.database_url
    if not url:
        raise SystemExit(
            _usage(args, "the following arguments are required: --database (or --config)")
        )
    args.database = url
    return for_database(config, url)


def _usage(args: argparse.Namespace, message: str) -> int:
    import sys

    sys.stderr.write(f"{PROG}: error: {args.command}: {message} (see --help)\n")
    return 2


def operator() -> str:
    """Who ran the command, for the audit trail."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def cli_audit(action: str, **detail: Any) -> AuditEntry:
    """An audit entry for an administration command, naming the OS user who ran it."""
    return AuditEntry(action, None, detail={**detail, "via": "cli", "os_user": operator()})

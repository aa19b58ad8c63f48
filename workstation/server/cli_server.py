"""`workstation-server serve`, `verify-audit` and `backup`, and the audit keys that `init` sets up:
the commands that need the server config's keys, TLS and checkpoints."""

from __future__ import annotations

import argparse
import socket
import sys
from dataclasses import replace
from pathlib import Path

from sqlalchemy import Engine, func, select

from workstation.security.files import make_private
from workstation.server import audit
from workstation.server.backup import backup
from workstation.server.cli_common import PROG, CliError, open_initialised
from workstation.server.config import ServerConfig
from workstation.server.db import reader
from workstation.server.keys import checkpoint_now, create_keys, read_keys
from workstation.server.keys import verify as verify_with_checkpoints
from workstation.server.models import audit_log


def key_the_chain(engine: Engine, config: ServerConfig) -> Engine:
    """Create the missing key files, key an unkeyed chain with the audit key and write a first
    checkpoint; the engine carrying the key. Says what it did, never the keys."""
    for path in create_keys(config):
        print(
            f"created key file {path} (mode 0600; keep it, and back it up apart from the database)"
        )
    keys = read_keys(config)
    if keys.audit is None:
        print(f"{PROG}: warning: no audit key file is configured: the audit chain is NOT keyed "
              "(name [audit] key_file in the server config)", file=sys.stderr)  # fmt: skip
        return engine
    keyed = audit.with_key(engine, keys.audit)
    rehashed = audit.key_chain(keyed)
    if rehashed:
        print(f"audit chain keyed: {rehashed} existing rows rehashed under the audit key")
    checkpoint_now(keyed, config, keys)
    return keyed


def _transport(args: argparse.Namespace, config: ServerConfig) -> tuple[str, int, ServerConfig]:
    config = replace(
        config,
        certfile=Path(args.certfile).expanduser().resolve() if args.certfile else config.certfile,
        keyfile=Path(args.keyfile).expanduser().resolve() if args.keyfile else config.keyfile,
        insecure_http=args.insecure_http or config.insecure_http,
        trusted_proxies=config.trusted_proxies + tuple(args.trusted_proxy),
    )
    if getattr(args, "mllp_port", None):
        config = replace(config, mllp_port=args.mllp_port)
    if getattr(args, "mllp_host", None):
        config = replace(config, mllp_host=args.mllp_host)
    return args.host or config.host, args.port or config.port, config


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the API until interrupted (TLS off loopback, or --insecure-http with a warning)."""
    from workstation.server import serve

    host, port, config = _transport(args, args.server_config)
    try:
        warning = serve.check_transport(host, config)
    except serve.PlainHttpRefused as exc:
        raise CliError(str(exc)) from exc
    if warning:
        sys.stderr.write(f"{PROG}: {warning}\n")
    open_initialised(args.database, key=read_keys(config).audit).dispose()
    _check_can_listen(host, port)
    scheme = "https" if config.certfile else "http"
    print(f"{PROG}: serving {scheme}://{host}:{port} (Ctrl+C to stop)", flush=True)
    if config.mllp_port is not None:
        _check_can_listen(config.mllp_host, config.mllp_port)
        if not serve.is_loopback(config.mllp_host):
            sys.stderr.write(f"{PROG}: WARNING: HL7 MLLP on {config.mllp_host} is plain TCP: "
                             "put it behind a TLS tunnel or a private interface link\n")  # fmt: skip
        print(f"{PROG}: HL7 v2 MLLP on {config.mllp_host}:{config.mllp_port}", flush=True)
    outbound = config.outbound()
    if outbound is not None:
        ends = [f"{name} {end[0]}:{end[1]}" for name, end in (("LIS", outbound.lis),
                ("PACS", outbound.pacs)) if end is not None]  # fmt: skip
        print(f"{PROG}: HL7 v2 orders out to {', '.join(ends)}", flush=True)
    try:
        serve.run(args.database, host=host, port=port, config=config)
    except serve.NotInitialised as exc:
        raise CliError(str(exc)) from exc
    return 0


def _check_can_listen(host: str, port: int) -> None:
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as exc:
        raise CliError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc


def cmd_verify_audit(args: argparse.Namespace) -> int:
    """Walk the audit chain under the audit key and against every signed checkpoint; exit 1
    naming the first bad row."""
    config = args.server_config
    keys = read_keys(config)
    engine = open_initialised(args.database, key=keys.audit)
    broken, checked = verify_with_checkpoints(engine, config, keys)
    if broken is not None:
        print(f"audit chain BROKEN at row {broken.audit_id}: {broken.reason}")
        return 1
    with reader(engine) as conn:
        count = conn.execute(select(func.count()).select_from(audit_log)).scalar_one()
    if keys.audit is None:
        print(f"audit chain intact ({count} rows)")
        print(f"{PROG}: warning: the audit chain is NOT keyed: anyone who can write the database "
              f"could rewrite it unnoticed (run `{PROG} init` with an audit key file)",
              file=sys.stderr)  # fmt: skip
    else:
        print(f"audit chain intact ({count} rows, keyed, {checked} signed checkpoints)")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    """Write a database-independent backup file (0600) and a signed checkpoint of the chain."""
    destination = Path(args.to).expanduser()
    if destination.exists() and not args.force:
        raise CliError(f"file exists: {destination} (choose another name, or --force to overwrite)")
    keys = read_keys(args.server_config)
    engine = open_initialised(args.database, key=keys.audit)
    summary = backup(engine, destination)
    make_private(destination)
    checkpoint_now(engine, args.server_config, keys)
    print(
        f"backup written to {destination}: {summary.total_rows} rows, "
        f"schema {summary.schema_revision}, epoch {summary.epoch}"
    )
    return 0


def cmd_new_epoch(args: argparse.Namespace) -> int:
    """After a point-in-time recovery (pgBackRest): start a new epoch, so every station re-offers
    the events the recovered database lacks. Audited."""
    from workstation.server import meta
    from workstation.server.audit import AuditEntry
    from workstation.server.db import writer

    engine = open_initialised(args.database, key=read_keys(args.server_config).audit)
    with writer(engine) as conn:
        before = meta.epoch(conn)
        after = meta.new_epoch(conn)
        audit.append(conn, [AuditEntry("new_epoch", None, detail={"from_epoch": before,
                                                                   "to_epoch": after})])  # fmt: skip
    print(f"new epoch {after} (was {before}): stations will re-offer what the server lacks")
    return 0

"""`workstation-server device revoke --device-id X`: a lost, stolen or retired station loses its
sessions, every signing key registered on it and its device key (the id never logs in again). Kept beside cli.py, which adds this command."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine

from workstation.server import audit, device_keys, signing_keys
from workstation.server.audit import AuditEntry
from workstation.server.db import writer


def add_device_command(
    commands: Any, command: Any, *, open_database: Callable[[argparse.Namespace], Engine],
    cli_audit: Callable[..., AuditEntry],
) -> None:  # fmt: skip
    """Add `device revoke`; `command` is cli._command (adds --database)."""
    device = commands.add_parser("device", help="revoke a workstation")
    actions = device.add_subparsers(dest="device_command", metavar="ACTION", required=True)

    def revoke(args: argparse.Namespace) -> int:
        engine = open_database(args)
        with writer(engine) as conn:
            count = signing_keys.revoke_device(conn, args.device_id, reason=args.reason)
            device_keys.revoke(conn, args.device_id)  # the id never logs in again
            audit.append(conn, [cli_audit("device_revoked", device_id=args.device_id,
                                          keys=count, reason=args.reason)])  # fmt: skip
        print(f"device {args.device_id} revoked for good: {count} signing keys, its sessions "
              "ended; set it up again under a new device id")  # fmt: skip
        return 0

    parser = command(actions, "revoke", revoke,
                     "end a device's sessions, revoke its signing keys and its id for good")  # fmt: skip
    parser.add_argument("--device-id", required=True)
    parser.add_argument("--reason", default="device revoked", help="kept with the revoked keys")

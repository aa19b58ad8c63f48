"""`workstation-server interface-queue list|rerun|outbound`: the HL7 messages held or rejected, with
their reason, and re-running one after the mapping (a ward code) or the target patient was
corrected; the orders sent out to the LIS and the PACS with their state.
A re-run is audited with the OS user who ran it. Kept beside cli.py, which adds this command."""

from __future__ import annotations

import argparse
from typing import Any

from workstation.hl7v2.mapping import PatientRef
from workstation.server import hl7_outbound
from workstation.server.cli_common import CliError, open_initialised
from workstation.server.cli_common import operator as os_operator
from workstation.server.hl7_inbound import Inbox, queue
from workstation.server.keys import read_keys


def _engine(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    return open_initialised(args.database, key=read_keys(args.server_config).audit)


def cmd_list(args: argparse.Namespace) -> int:
    """Print the queue: key, type, status, field, reason (tab-separated), oldest first."""
    rows = queue(_engine(args), ("held", "rejected") if not args.all else
                 ("held", "rejected", "applied", "ignored"))  # fmt: skip
    for row in rows:
        print("\t".join(str(row[k] or "") for k in
                        ("message_key", "message_type", "status", "error_field", "reason")))  # fmt: skip
    if not rows:
        print("the interface queue is empty")
    return 0


def _ward_map(pairs: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for pair in pairs:
        sent, _, ward = pair.partition("=")
        if not sent or not ward:
            raise CliError(f"--ward-map takes SENT=WARD, not {pair!r}")
        found[sent] = ward
    return found


def cmd_rerun(args: argparse.Namespace) -> int:
    """Re-run one held or rejected message, with corrections; exit 1 if it is still refused."""
    target = None
    if args.record_number:
        target = PatientRef(args.authority or "", args.record_number)
    inbox = Inbox(_engine(args))
    try:
        outcome = inbox.rerun(args.message_key, actor_id=f"cli:{os_operator()}",
                              ward_map=_ward_map(args.ward_map), target=target)  # fmt: skip
    except KeyError:
        raise CliError(f"no held or rejected message {args.message_key!r} in the queue") from None
    print(f"{args.message_key}: {outcome.status}{': ' + outcome.reason if outcome.reason else ''}")
    return 0 if outcome.status in ("applied", "ignored", "held") else 1


def cmd_outbound(args: argparse.Namespace) -> int:
    """Print the orders sent to the LIS and the PACS: MSH-10, order, action, destination, status,
    attempts, first sent, answered, ACK code and text (tab-separated), oldest first."""
    rows = hl7_outbound.rows(_engine(args), order_id=args.order)
    keys = ("control_id", "order_id", "action", "destination", "status", "attempts", "sent_at",
            "answered_at", "ack_code", "ack_text", "last_error")  # fmt: skip
    for row in rows:
        if args.all or row["status"] not in ("accepted", "withdrawn"):
            print("\t".join(str(row[k] if row[k] is not None else "") for k in keys))
    if not rows:
        print("no order has been sent to the LIS or the PACS")
    return 0


def add_interface_queue_command(commands: Any, command: Any) -> None:
    """Add `interface-queue list|rerun`; `command` is cli._command (adds --database, --config)."""
    parser = commands.add_parser("interface-queue",
                                 help="HL7 messages held or rejected: list, re-run")  # fmt: skip
    actions = parser.add_subparsers(dest="queue_command", metavar="ACTION", required=True)
    listing = command(actions, "list", cmd_list, "list held and rejected HL7 messages")
    listing.add_argument("--all", action="store_true", help="also the applied messages")
    rerun = command(actions, "rerun", cmd_rerun, "re-run a held or rejected HL7 message")
    rerun.add_argument("message_key", metavar="KEY", help="as listed: FACILITY|CONTROL_ID")
    rerun.add_argument("--ward-map", action="append", default=[], metavar="SENT=WARD",
                       help="read the ward code SENT in PV1-3 as WARD (repeatable)")  # fmt: skip
    rerun.add_argument("--record-number", help="apply it to this patient instead (PID-3)")
    rerun.add_argument("--authority", help="the record number's assigning authority")
    outbound = command(actions, "outbound", cmd_outbound,
                       "orders sent to the LIS and the PACS: waiting, rejected (--all: every one)")  # fmt: skip
    outbound.add_argument("--all", action="store_true", help="also the accepted and withdrawn")
    outbound.add_argument("--order", help="only this order's messages (its id)")

"""`workstation-server controlled-register`: the special register (专册登记) of the controlled drugs
of a ward or of a pharmacy location, from the server database, as text (麻醉药品和精神药品管理条例
Art. 41); a ward's ends with its empty ampoules and patches not yet back, and a dispense made
while they were out is marked ⚠ (clinical.controlled_register). Kept beside cli.py (which stays
under its size limit); cli.build_parser adds it."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import Any

import orjson
from sqlalchemy import text

from workstation.server.db import reader


def add_register_command(commands: Any, command: Any) -> None:
    """Add `controlled-register`; `command` is cli._command (adds --database and --config)."""
    parser = command(commands, "controlled-register", cmd_controlled_register,
                     "list every movement of the controlled drugs (专册登记) of a ward or pharmacy")  # fmt: skip
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--ward", help="a ward's register: its patients' dispenses, doses, "
                       "empty ampoules back and destructions")  # fmt: skip
    where.add_argument("--location", help="a pharmacy location's register: receipts, dispenses")
    parser.add_argument("--since", metavar="YYYY-MM-DD", help="movements from this day on")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")


def cmd_controlled_register(args: argparse.Namespace) -> int:
    """Print the register, one movement a line, oldest first (audited as a print)."""
    from workstation.clinical.controlled_register import (
        outstanding_returns,
        register,
        register_text,
    )
    from workstation.clinical.formulary import default_formulary, formulary_from_document
    from workstation.server import audit
    from workstation.server.audit import AuditEntry
    from workstation.server.cli_common import open_initialised, operator
    from workstation.server.keys import read_keys

    engine = open_initialised(args.database, key=read_keys(args.server_config).audit)
    with reader(engine) as conn:
        published = _snapshot(conn, "formulary")
        formulary = (formulary_from_document(published) if isinstance(published, Mapping)
                     and published.get("drugs") else default_formulary())  # fmt: skip
        lines = register(conn, formulary, ward_id=args.ward, location_id=args.location,
                         since=args.since)  # fmt: skip
        names = {u["user_id"]: u["display_name"] for u in _snapshot(conn, "users") or []}
        out = [] if args.location else outstanding_returns(conn, formulary, ward_id=args.ward)
    print(register_text(lines, formulary, lang=args.lang, names=names, outstanding=out))
    detail = {"document": "controlled-register", "ward": args.ward, "location": args.location,
              "via": "cli", "os_user": operator()}  # fmt: skip
    audit.record(engine, [AuditEntry("print", None, detail=detail)])
    return 0


def _snapshot(conn: Any, name: str) -> Any:
    row = conn.execute(
        text("SELECT content FROM refdata WHERE name = :name ORDER BY version DESC LIMIT 1"),
        {"name": name},
    ).first()
    return orjson.loads(row[0]) if row is not None else None

"""`workstation-server critical-values [--open] [--ward WARD]`: the critical-value register
(危急值登记, 危急值报告制度 of the 2018 核心制度要点), one tab-separated line per value: record number,
test, value, reported time, status. Kept beside cli.py, which adds this command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine

from workstation.clinical.ward_safety import WardSafetySettings
from workstation.clock import utc_now
from workstation.projections.safety_queries import critical_register
from workstation.server import audit
from workstation.server.audit import AuditEntry
from workstation.server.db import reader


def register_lines(rows: list[dict[str, Any]]) -> list[str]:
    """One line per critical value: record number TAB test TAB value TAB reported TAB status."""
    lines = []
    for row in rows:
        value = f"{row['value']} {row['unit']}" if row.get("unit") else row["value"]
        flag = f" ({row['flag']})" if row.get("flag") else ""
        lines.append(f"{row['record_number']}\t{row['test_name']}\t{value}{flag}\t"
                     f"{row['reported_at']}\t{row['status']}")  # fmt: skip
    return lines


def add_critical_values_command(
    commands: Any, command: Any, *, open_database: Callable[[argparse.Namespace], Engine],
    cli_audit: Callable[..., AuditEntry],
) -> None:  # fmt: skip
    """Add `critical-values`; `command` is cli._command (adds --database)."""

    def run(args: argparse.Namespace) -> int:
        engine = open_database(args)
        with reader(engine) as conn:
            rows = critical_register(conn, now=utc_now(), settings=WardSafetySettings.load(),
                                     ward_id=args.ward, open_only=args.open)  # fmt: skip
        audit.record(engine, [cli_audit("critical_values_listed", values=len(rows))])
        for line in register_lines(rows):
            print(line)
        if not rows:
            print("no critical values" + (" open" if args.open else ""), file=sys.stderr)
        return 0

    parser = command(commands, "critical-values", run,
                     "list the critical-value register (record, test, value, reported, status)")  # fmt: skip
    parser.add_argument("--open", action="store_true", help="only values not yet acknowledged")
    parser.add_argument("--ward", metavar="WARD", help="one ward's register")

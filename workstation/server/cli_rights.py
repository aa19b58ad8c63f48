"""`workstation-server user rights` (the medical affairs office sets a user's title and prescribing
rights) and `workstation-server antibiotic-indicators` (antibiotic use rate and special-tier
approvals per ward, 抗菌药物临床应用管理办法 2012 Art. 27 and the stewardship indicators).
Kept beside cli.py, which adds these commands."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Engine

from workstation.clinical.checks.model import ANTIBIOTIC_TIERS
from workstation.clinical.checks.prescribing import TITLES, antibiotic_tier
from workstation.clock import now_iso
from workstation.projections.rights_queries import antibiotic_indicators, overdue_overrides
from workstation.server import audit, refdata
from workstation.server.audit import AuditEntry
from workstation.server.db import reader, writer
from workstation.server.push_rights import formulary_entries
from workstation.server.user_rights import set_rights

NONE = "none"  # clears the antibiotic tier right


def _bool(text: str) -> bool:
    if text.lower() in ("yes", "true", "1"):
        return True
    if text.lower() in ("no", "false", "0"):
        return False
    raise argparse.ArgumentTypeError(f"{text!r} is not yes or no")


def add_rights_command(
    actions: Any, command: Any, *, open_database: Callable[[argparse.Namespace], Engine],
    cli_audit: Callable[..., AuditEntry],
) -> None:  # fmt: skip
    """Add `user rights`; `actions` are the `user` command's actions."""

    def rights(args: argparse.Namespace) -> int:
        given = {name: getattr(args, name) for name in
                 ("title", "antibiotic_tier", "narcotic_right", "antibiotic_approver")
                 if getattr(args, name) is not None}  # fmt: skip
        if given.get("antibiotic_tier") == NONE:
            given["antibiotic_tier"] = None
        with writer(open_database(args)) as conn:
            now = set_rights(conn, args.username, **given)
            refdata.publish_directory(conn)
            audit.append(conn, [cli_audit("user_rights_changed", username=args.username, **now)])
        print(f"{args.username}: " + ", ".join(f"{k} {v}" for k, v in now.items()))
        return 0

    parser = command(actions, "rights", rights,
                     "set a user's title and prescribing rights (medical affairs office)")  # fmt: skip
    parser.add_argument("--username", required=True)
    parser.add_argument("--title", choices=TITLES)
    parser.add_argument("--antibiotic-tier", choices=[*ANTIBIOTIC_TIERS, NONE],
                        help="highest antibiotic tier the doctor may order (Art. 24 caps it by title)")  # fmt: skip
    parser.add_argument("--narcotic-right", type=_bool, metavar="yes|no",
                        help="麻醉药品和第一类精神药品处方权 (处方管理办法 Art. 11)")  # fmt: skip
    parser.add_argument("--antibiotic-approver", type=_bool, metavar="yes|no",
                        help="designated consultant who approves special-tier use (Art. 27)")  # fmt: skip


def add_indicators_command(
    commands: Any, command: Any, *, open_database: Callable[[argparse.Namespace], Engine]
) -> None:
    """Add `antibiotic-indicators`."""

    def indicators(args: argparse.Namespace) -> int:
        until = args.until or date.today() + timedelta(days=1)
        since = args.since or until - timedelta(days=30)
        with reader(open_database(args)) as conn:
            tiers = {code: tier for code, entry in formulary_entries(conn).items()
                     if (tier := antibiotic_tier(entry))}  # fmt: skip
            rows = antibiotic_indicators(conn, since=since.isoformat(), until=until.isoformat(),
                                         tiers=tiers)  # fmt: skip
            open_overrides = overdue_overrides(conn, now=now_iso())
        print("ward\tpatients\ton_antibiotics\tuse_rate\tspecial_orders\tspecial_approved")
        for row in rows:
            print(f"{row.ward_id}\t{row.patients}\t{row.on_antibiotics}\t{row.use_rate:.1%}\t"
                  f"{row.special_orders}\t{row.special_approved}")  # fmt: skip
        print(f"emergency overrides not completed within 24 h: {len(open_overrides)}")
        return 0

    parser = command(commands, "antibiotic-indicators", indicators,
                     "antibiotic use rate and special-tier approvals per ward")  # fmt: skip
    parser.add_argument("--since", type=date.fromisoformat, help="first day (default 30 days back)")
    parser.add_argument(
        "--until", type=date.fromisoformat, help="day after the last (default tomorrow)"
    )

"""`workstation-server formulary high-alert`: the high-alert medicines of the shipped formulary,
their ceilings with sources, and which numbers still want local review (for the pharmacist)."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from typing import Any

from workstation.clinical.formulary import default_formulary
from workstation.clinical.high_alert_review import high_alert_drugs, markdown_table, review_lines


def cmd_high_alert(args: argparse.Namespace) -> int:
    """Print the high-alert list: text, JSON lines or the README's Markdown table."""
    drugs = high_alert_drugs(default_formulary())
    if args.review_only:
        drugs = [d for d in drugs if d.wants_review]
    if args.json:
        for drug in drugs:
            print(json.dumps({**asdict(drug), "wants_review": drug.wants_review},
                             ensure_ascii=False))  # fmt: skip
    elif args.markdown:
        sys.stdout.write(markdown_table(drugs))
    else:
        print("\n".join(review_lines(drugs)))
        waiting = sum(d.wants_review for d in drugs)
        print(f"{len(drugs)} high-alert drugs; {waiting} with numbers that want local review")
    return 0


def add_formulary_command(commands: Any) -> None:
    """Register `formulary high-alert`."""
    formulary = commands.add_parser("formulary", help="look at the shipped formulary")
    actions = formulary.add_subparsers(dest="formulary_command", metavar="ACTION", required=True)
    high = actions.add_parser(
        "high-alert", help="the high-alert drugs, their ceilings and sources",
        description="The ISMP / 中国高警示药品 drugs of the shipped formulary, each ceiling with its "
        "source, and which numbers still want local review (no ceiling, or marked local_review).",
    )  # fmt: skip
    high.set_defaults(handler=cmd_high_alert)
    high.add_argument("--review-only", action="store_true", help="only drugs wanting review")
    shape = high.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="one JSON object per drug")
    shape.add_argument("--markdown", action="store_true", help="the README's Markdown table")

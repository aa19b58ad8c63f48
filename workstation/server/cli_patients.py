"""`workstation-server import-patients FILE`: the current in-patients from a CSV or .xlsx file on
the first day (workstation.server.patient_import), with the formulary import's all-or-nothing
report. Kept beside cli.py, which adds this command."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from workstation.clinical.formulary_io import read_table
from workstation.server.cli_common import CliError, open_initialised
from workstation.server.cli_common import operator as os_operator
from workstation.server.keys import read_keys


def cmd_import_patients(args: argparse.Namespace) -> int:
    """Check the file, admit every patient (or none); exit 1 with the report when a row is bad."""
    from workstation.server.patient_import import import_patients

    try:
        rows = read_table(args.file)
    except (OSError, ValueError, KeyError) as exc:
        raise CliError(f"{args.file}: cannot be read: {exc}; nothing was imported") from exc
    engine = open_initialised(args.database, key=read_keys(args.server_config).audit)
    done = import_patients(engine, rows, authority=args.authority, operator=os_operator(),
                           check_only=args.check)  # fmt: skip
    if not done.report.ok:
        print(done.report.text())
        return 1
    verb = "would be admitted (--check: nothing written)" if args.check else "admitted"
    print(f"patients: {done.admitted} {verb}, {done.already} already on the server")
    return 0


def add_import_patients_command(commands: Any, command: Any) -> None:
    """Add `import-patients`; `command` is cli._command (adds --database, --config)."""
    parser = command(commands, "import-patients", cmd_import_patients,
                     "admit the current in-patients from a CSV or Excel file (first day)")  # fmt: skip
    parser.add_argument("file", type=Path, help="CSV (UTF-8) or .xlsx: record_number, name, sex, "
                        "birth_date, ward, bed, attending, allergies, diagnoses")  # fmt: skip
    parser.add_argument("--authority", default="",
                        help="the HIS's assigning authority of the record numbers (PID-3.4), so "
                        "its later ADT messages find these patients")  # fmt: skip
    parser.add_argument("--check", action="store_true", help="check the file only, write nothing")

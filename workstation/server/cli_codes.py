"""`workstation-server import-codes KIND FILE`: the hospital's coding lists as reference data —
the 国家临床版 2.0 diagnosis list (`icd10`, laid over WHO ICD-10 2019) or the 国家临床版 3.0
procedure list (`icd9cm3`). A CSV or tab-separated file with a header naming `code` and
`name_zh` (and optionally `name_en`); every row is checked (each code under a listed WHO or
ICD-9-CM-3 code) and a file with any bad row imports nothing, as the formulary import does. The
list is published as the `icd10_clinical` / `icd9cm3_clinical` snapshot that every station and
the archive gate read."""

from __future__ import annotations

import argparse
import csv
from pathlib import Path
from typing import Any

from workstation.clinical.icd9cm3 import ProcedureCodeError, default_procedures
from workstation.clinical.icd10 import Icd10Error, default_catalogue

SNAPSHOTS = {"icd10": "icd10_clinical", "icd9cm3": "icd9cm3_clinical"}


def read_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a CSV or tab-separated file with a header."""
    text = path.read_text(encoding="utf-8-sig")
    dialect = "excel-tab" if "\t" in text.splitlines()[0] else "excel"
    return [
        {k.strip(): (v or "").strip() for k, v in row.items() if k}
        for row in csv.DictReader(text.splitlines(), dialect=dialect)
    ]


def check_rows(kind: str, rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """The rows as they are published; Icd10Error / ProcedureCodeError names the first bad row."""
    if kind == "icd10":
        default_catalogue().with_clinical_edition(rows)
    else:
        default_procedures().with_clinical_edition(rows)
    return [{k: row[k] for k in ("code", "name_zh", "name_en") if row.get(k)} for row in rows]


def add_codes_command(commands: Any, command: Any) -> None:
    """Add `import-codes` to the sub-command list; `command` is cli._command (adds --database)."""
    parser = command(commands, "import-codes", cmd_import_codes,
                     "publish the hospital's 国家临床版 diagnosis or procedure list")  # fmt: skip
    parser.add_argument(
        "kind", choices=sorted(SNAPSHOTS), help="icd10 (diagnoses) or icd9cm3 (procedures)"
    )
    parser.add_argument("file", type=Path, help="CSV or TSV with code and name_zh columns")


def cmd_import_codes(args: argparse.Namespace) -> int:
    """Check the file row by row and publish it; one line says how many codes."""
    from workstation.server import refdata
    from workstation.server.cli_common import CliError, open_initialised
    from workstation.server.db import writer
    from workstation.server.keys import read_keys

    try:
        rows = check_rows(args.kind, read_rows(args.file))
    except (Icd10Error, ProcedureCodeError, OSError, KeyError) as exc:
        raise CliError(f"{args.file}: {exc}; nothing was imported") from exc
    engine = open_initialised(args.database, key=read_keys(args.server_config).audit)
    with writer(engine) as conn:
        version = refdata.publish(conn, SNAPSHOTS[args.kind], rows)
    print(f"{len(rows)} {args.kind} codes published as {SNAPSHOTS[args.kind]} version {version}")
    return 0

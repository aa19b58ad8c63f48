"""Formulary files for tests: the shipped drugs plus one the shipped formulary lacks
(flucloxacillin), optionally with one bad cell."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from workstation.clinical.formulary import default_formulary
from workstation.clinical.formulary_io import DRUG_COLUMNS, formulary_rows

_BNF = "BNF: flucloxacillin oral, up to 1 g 4 times a day in severe infection"
FLUCLOXACILLIN: dict[str, Any] = {
    "code": "flucloxacillin", "name_en": "Flucloxacillin", "name_zh": "氟氯西林", "pinyin": "flxl",
    "atc": "J01CF05", "forms": [
        {"form_en": "capsule", "form_zh": "胶囊", "strength": 250, "unit": "mg", "dispense_unit": "cap"},
        {"form_en": "capsule", "form_zh": "胶囊", "strength": 500, "unit": "mg", "dispense_unit": "cap"},
    ],
    "routes": ["po"], "default_dose": 500, "default_unit": "mg", "default_frequency": "qid",
    "aliases": ["fluclox"], "classes": ["penicillin", "beta-lactam", "antibacterial"],
    "max_single_dose": {"value": 1, "unit": "g", "source": _BNF},
    "max_daily_dose": {"value": 4, "unit": "g", "source": _BNF},
    "renal": None, "pregnancy": None, "older_adults": None, "high_alert": False,
}  # fmt: skip


def formulary_table(*, bad_row: int | None = None) -> list[dict[str, str]]:
    """The shipped drugs and flucloxacillin as spreadsheet rows; with bad_row (a spreadsheet
    row number, the header being row 1) that row's default dose is not a number."""
    rows = formulary_rows([*(d.entry for d in default_formulary()), FLUCLOXACILLIN])
    if bad_row is not None:
        rows[bad_row - 2]["default_dose"] = "two capsules"
    return rows


def write_formulary(path: Path, *, bad_row: int | None = None) -> list[dict[str, str]]:
    """Write formulary_table to a .csv file; returns the rows written."""
    rows = formulary_table(bad_row=bad_row)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=DRUG_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return rows

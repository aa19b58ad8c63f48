"""The first day's in-patients from a CSV or Excel (.xlsx) file: one row per patient with
record_number, name, sex, birth_date, ward, bed, attending, allergies, diagnoses.

Every row is checked and the report names each bad row by its spreadsheet row number and the
column at fault; a file with any bad row imports nothing (formulary_io's report and reader).
`allergies` is a list `青霉素; 磺胺` (`无`, `NKA` or empty: none recorded); `diagnoses` a list of
`ICD-10 code name` (`I10 原发性高血压; J18.9 肺炎`), each code on the WHO ICD-10 list (or the
hospital's 国家临床版 when given), or a name alone."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from workstation.clinical.formulary_io import ImportReport, RowProblem
from workstation.clinical.icd10 import Icd10Catalogue, Icd10Error, default_catalogue

COLUMNS = ("record_number", "name", "sex", "birth_date", "ward", "bed", "attending", "allergies",
           "diagnoses")  # fmt: skip
REQUIRED = ("record_number", "name", "sex", "birth_date", "ward", "bed")
SEXES = {"男": "male", "女": "female", "m": "male", "f": "female", "male": "male",
         "female": "female", "未知": "unknown", "u": "unknown", "unknown": "unknown"}  # fmt: skip
NONE_WORDS = {"", "无", "none", "nka", "nkda", "否认"}
_RECORD = re.compile(r"^[0-9A-Za-z\-]{1,32}$")
_CODE_FIRST = re.compile(r"^([A-Za-z]\d{2}(?:\.?[0-9A-Za-z]{1,4}(?:x\d{3})?)?)\s+(.+)$")


class _Bad(ValueError):
    def __init__(self, column: str, problem: str):
        super().__init__(f"{column}: {problem}")


def _items(text: str) -> list[str]:
    parts = re.split(r"[;；、\n]", text)
    return [p.strip() for p in parts if p.strip()]


def _birth_date(text: str) -> str:
    cleaned = text.replace("/", "-").replace(".", "-")
    if re.fullmatch(r"\d{8}", cleaned):
        cleaned = f"{cleaned[:4]}-{cleaned[4:6]}-{cleaned[6:]}"
    try:
        born = date.fromisoformat(cleaned[:10])
    except ValueError:
        raise _Bad("birth_date", f"not a date (YYYY-MM-DD): {text!r}") from None
    if born > date.today() or born.year < 1890:
        raise _Bad("birth_date", f"not a possible birth date: {text!r}")
    return born.isoformat()


def _diagnoses(text: str, catalogue: Icd10Catalogue) -> list[dict[str, Any]]:
    found = []
    for item in _items(text):
        match = _CODE_FIRST.match(item)
        if match is None:
            found.append({"description": item[:500], "icd10": None, "status": "active"})
            continue
        try:
            diagnosis = catalogue.require(match.group(1))
        except Icd10Error:
            raise _Bad("diagnoses", f"{match.group(1)} is not an ICD-10 code") from None
        found.append({"description": match.group(2)[:500], "icd10": diagnosis.code,
                      "status": "active"})  # fmt: skip
    return found


def _allergies(text: str) -> list[dict[str, Any]]:
    if text.strip().lower() in NONE_WORDS:
        return []
    return [{"substance": item[:200], "reaction": None, "severity": "unknown"}
            for item in _items(text)]  # fmt: skip


def _patient(row: Mapping[str, str], catalogue: Icd10Catalogue) -> dict[str, Any]:
    for column in REQUIRED:
        if not row.get(column, "").strip():
            raise _Bad(column, "a value is required")
    record = row["record_number"].strip()
    if not _RECORD.match(record):
        raise _Bad("record_number", f"letters, digits and '-' only, at most 32: {record!r}")
    sex = SEXES.get(row["sex"].strip().lower())
    if sex is None:
        raise _Bad("sex", f"男, 女, 未知 (or M, F, U), not {row['sex']!r}")
    if len(row["name"].strip()) > 200:
        raise _Bad("name", "longer than 200 characters")
    return {
        "record_number": record, "name": row["name"].strip(), "sex": sex,
        "birth_date": _birth_date(row["birth_date"].strip()), "ward_id": row["ward"].strip(),
        "bed": row["bed"].strip()[:16], "attending": row.get("attending", "").strip() or None,
        "allergies": _allergies(row.get("allergies", "")),
        "diagnoses": _diagnoses(row.get("diagnoses", ""), catalogue),
    }  # fmt: skip


def check_patients(rows: Iterable[Mapping[str, str]],
                   catalogue: Icd10Catalogue | None = None) -> ImportReport:  # fmt: skip
    """Check every row; the report's records are the patients only when every row is good."""
    report, catalogue = ImportReport("patients"), catalogue or default_catalogue()
    seen: dict[str, int] = {}
    beds: dict[tuple[str, str], int] = {}
    for number, row in enumerate(rows, start=2):
        key = row.get("record_number", "").strip()
        try:
            patient = _patient(row, catalogue)
            if key in seen:
                raise _Bad("record_number", f"repeats row {seen[key]}")
            bed = (patient["ward_id"], patient["bed"])
            if bed in beds:
                raise _Bad("bed", f"row {beds[bed]} lies in the same bed")
        except _Bad as exc:
            report.problems.append(RowProblem(number, key, str(exc)))
            continue
        seen[key], beds[bed] = number, number
        report.records.append(patient)
    if not report.records and not report.problems:
        report.problems.append(RowProblem(1, "", "the file has no patient rows"))
    if report.problems:
        report.records = []
    return report


def missing_columns(rows: list[dict[str, str]]) -> list[str]:
    """The required columns the file's header lacks (empty when the file has no rows)."""
    return [c for c in REQUIRED if rows and c not in rows[0]]


def problem(number: int, key: str, column: str, text: str) -> RowProblem:
    """A problem found later (on the server: an unknown ward, an occupied bed), in the same form."""
    return RowProblem(number, key, f"{column}: {text}")

"""Formulary and interaction knowledge to and from CSV and Excel (.xlsx).

One row per drug (or per interaction). Lists of words (routes, aliases, classes) are written
`po; iv`; nested fields (forms, dose limits, renal and pregnancy notes...) as JSON in their cell.
An import checks every row and returns a report naming each bad row by its spreadsheet row
number; a file with any error imports nothing. The pharmacy's station checks a file with this code,
and the server checks the same rows again before it publishes them to every station.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workstation.clinical.checks.model import SEVERITIES
from workstation.clinical.formulary import FormularyError, canonical_unit
from workstation.clinical.formulary_schema import validate_document
from workstation.resources import resource

TEXT_FIELDS = ("code", "name_en", "name_zh", "pinyin", "atc", "default_unit", "default_frequency")
LIST_FIELDS = ("routes", "aliases", "classes", "high_alert_routes")
# plain words kept only when filled: the 抗菌药物分级 tier (抗菌药物临床应用管理办法 Art. 6)
# and a drug without a WHO ATC code: why, and its nearest 5-character group (an empty atc cell)
PLAIN_FIELDS = ("antibiotic_tier", "atc_reason", "atc_group")
KINDS = ("formulary", "interactions")  # also the names of their reference-data snapshots
DRUG_COLUMNS = (*TEXT_FIELDS, "default_dose", "high_alert", *LIST_FIELDS, "forms",
                "max_single_dose", "max_daily_dose", "dose_note", "unit_equivalents", "renal",
                "pregnancy", "older_adults", "skin_test", "controlled", "opioid_naive_single_dose",
                "opioid_naive_daily_dose", "max_cycle_dose", "usual_dose", *PLAIN_FIELDS)  # fmt: skip
# columns whose empty cell means the key is absent (not null) in the formulary document
_ABSENT_WHEN_EMPTY = ("dose_note", "unit_equivalents", "skin_test", "controlled",
                      "opioid_naive_single_dose", "opioid_naive_daily_dose", "max_cycle_dose",
                      "usual_dose")  # fmt: skip
# severity_source: the label and section behind the rule's severity (the contraindication, or
# the "avoid"/"adjust" wording that makes it a warning)
INTERACTION_COLUMNS = ("id", "a", "b", "severity", "message", "message_zh", "source",
                       "severity_source", "within_dose", "critical_when")  # fmt: skip
_JSON_CELLS = ("within_dose", "critical_when")


@dataclass(frozen=True, slots=True)
class RowProblem:
    """What is wrong with one row (row 1 is the header)."""

    row: int
    key: str
    problem: str

    def __str__(self) -> str:
        return f"row {self.row} ({self.key or 'no code'}): {self.problem}"


@dataclass
class ImportReport:
    """The outcome of reading a file: the records when every row is good, else the problems."""

    kind: str  # "formulary" or "interactions"
    records: list[dict[str, Any]] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    rows: list[dict[str, str]] = field(default_factory=list)  # the table as read, for the server

    @property
    def ok(self) -> bool:
        """True when the file can be imported (no bad row)."""
        return not self.problems

    def text(self) -> str:
        """The validation report, one line per bad row."""
        if self.ok:
            return f"{self.kind}: {len(self.records)} rows, no problems"
        lines = [f"{self.kind}: {len(self.problems)} bad row(s); nothing was imported"]
        return "\n".join(lines + [str(p) for p in self.problems])


# -- reading files ---------------------------------------------------------------------------
def read_table(path: Path) -> list[dict[str, str]]:
    """The rows of a .csv (UTF-8, with or without BOM) or the first sheet of an .xlsx."""
    if path.suffix.lower() == ".xlsx":
        return _read_xlsx(path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [{k.strip(): (v or "").strip() for k, v in row.items() if k} for row in
                csv.DictReader(handle)]  # fmt: skip


def _read_xlsx(path: Path) -> list[dict[str, str]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        rows = list(book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()
    if not rows:
        return []
    header = [str(h).strip() if h is not None else "" for h in rows[0]]
    return [{name: _cell_text(value) for name, value in zip(header, row, strict=False) if name}
            for row in rows[1:] if any(v not in (None, "") for v in row)]  # fmt: skip


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# -- formulary -------------------------------------------------------------------------------
def _drug_from_row(row: Mapping[str, str]) -> dict[str, Any]:
    entry: dict[str, Any] = {name: row.get(name, "") for name in TEXT_FIELDS}
    entry["atc"] = entry["atc"] or None  # an empty cell: no WHO code (atc_reason says why)
    entry["default_dose"] = _number(row.get("default_dose", ""), "default_dose")
    entry["high_alert"] = _boolean(row.get("high_alert", ""))
    for name in LIST_FIELDS:
        words = [w.strip() for w in row.get(name, "").replace("；", ";").split(";") if w.strip()]
        if name != "high_alert_routes" or words:
            entry[name] = words
    for name in PLAIN_FIELDS:
        if row.get(name, "").strip():
            entry[name] = row[name].strip()
    for name in DRUG_COLUMNS[len(TEXT_FIELDS) + 2 + len(LIST_FIELDS) :]:
        cell = row.get(name, "")
        if name in PLAIN_FIELDS:
            continue
        if cell:
            try:
                entry[name] = json.loads(cell)
            except json.JSONDecodeError as exc:
                raise FormularyError(f"{name}: not valid JSON ({exc.msg})") from exc
        elif name not in _ABSENT_WHEN_EMPTY:
            entry[name] = None
    return entry


def _number(text: str, name: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise FormularyError(f"{name}: {text!r} is not a number") from None


def _boolean(text: str) -> bool:
    value = text.strip().lower()
    if value in ("true", "yes", "1", "是"):
        return True
    if value in ("", "false", "no", "0", "否"):
        return False
    raise FormularyError(f"high_alert: {text!r} is not true or false")


def import_formulary(rows: Iterable[Mapping[str, str]]) -> ImportReport:
    """Check every drug row; the report holds the formulary entries only when all are good."""
    report = ImportReport("formulary")
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, start=2):
        key = row.get("code", "")
        try:
            entry = _drug_from_row(row)
            validate_document(
                {"drugs": [entry]}, known_unit=lambda u: canonical_unit(u) is not None
            )
        except FormularyError as exc:
            report.problems.append(RowProblem(number, key, str(exc).removeprefix("formulary ")))
            continue
        if key in seen:
            report.problems.append(RowProblem(number, key, f"code repeats row {seen[key]}"))
            continue
        seen[key] = number
        report.records.append(entry)
    if not report.records and not report.problems:
        report.problems.append(RowProblem(1, "", "the file has no drug rows"))
    if report.problems:
        report.records = []
    return report


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


def formulary_rows(drugs: Iterable[Mapping[str, Any]]) -> list[dict[str, str]]:
    """Formulary entries as flat rows for a spreadsheet."""
    rows = []
    for drug in drugs:
        row = {}
        for name in DRUG_COLUMNS:
            value = drug.get(name)
            if name in LIST_FIELDS:
                row[name] = "; ".join(value or [])
            elif name == "high_alert":
                row[name] = "true" if value else "false"
            elif isinstance(value, (dict, list)):
                row[name] = json.dumps(value, ensure_ascii=False)
            else:
                row[name] = _cell(value)
        rows.append(row)
    return rows


# -- interactions ----------------------------------------------------------------------------
def _knowledge_names() -> tuple[set[str], set[str]]:
    """The drug groups and the source keys an interaction may name."""
    groups = json.loads(resource("knowledge", "groups.json").read_text(encoding="utf-8"))
    sources = json.loads(resource("knowledge", "sources.json").read_text(encoding="utf-8"))
    return set(groups["groups"]), set(sources["sources"])


def _interaction_problem(row: Mapping[str, str], groups: set[str], sources: set[str]) -> str | None:
    missing = [n for n in ("id", "a", "b", "severity", "message") if not row.get(n)]
    if missing:
        return f"{', '.join(missing)} required"
    unknown = [row[n] for n in ("a", "b") if row[n] not in groups]
    if unknown:
        return f"unknown drug group(s): {', '.join(unknown)}"
    if row["severity"] not in SEVERITIES:
        return f"severity must be one of {', '.join(SEVERITIES)}"
    if row.get("source") and row["source"] not in sources:
        return f"unknown source {row['source']!r}"
    return _within_dose_problem(row.get("within_dose") or "", groups) or _critical_when_problem(
        row.get("critical_when") or ""
    )


def _json_cell(cell: str, column: str) -> tuple[Any, str | None]:
    """An optional JSON cell read: (None, None) when empty, (value, None), or (None, why not)."""
    if not cell:
        return None, None
    try:
        return json.loads(cell), None
    except json.JSONDecodeError as exc:
        return None, f"{column}: not valid JSON ({exc.msg})"


def _within_dose_problem(cell: str, groups: set[str]) -> str | None:
    """`within_dose` (optional JSON): {group, daily_max, unit, severity, source}."""
    within, problem = _json_cell(cell, "within_dose")
    if problem or within is None:
        return problem
    if not isinstance(within, Mapping) or within.get("group") not in groups:
        return "within_dose: an object naming a known drug group is required"
    if within.get("severity") not in SEVERITIES or not within.get("source"):
        return "within_dose: severity and source are required"
    return None


def _critical_when_problem(cell: str) -> str | None:
    """`critical_when` (optional JSON): {conditions, egfr_below, source}, one of the first two."""
    when, problem = _json_cell(cell, "critical_when")
    if problem or when is None:
        return problem
    if not isinstance(when, Mapping) or not when.get("source"):
        return "critical_when: an object with a source is required"
    conditions, egfr = when.get("conditions"), when.get("egfr_below")
    if not conditions and egfr is None:
        return "critical_when: conditions or egfr_below is required"
    if conditions is not None and not isinstance(conditions, list):
        return "critical_when: conditions must be a list"
    if egfr is not None and (isinstance(egfr, bool) or not isinstance(egfr, (int, float))):
        return "critical_when: egfr_below must be a number"
    return None


def import_interactions(rows: Iterable[Mapping[str, str]]) -> ImportReport:
    """Check every interaction row (groups and sources must exist); all or nothing."""
    report = ImportReport("interactions")
    groups, sources = _knowledge_names()
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, start=2):
        key = row.get("id", "")
        problem = _interaction_problem(row, groups, sources)
        if problem is None and key in seen:
            problem = f"id repeats row {seen[key]}"
        seen.setdefault(key, number)
        if problem:
            report.problems.append(RowProblem(number, key, problem))
            continue
        record: dict[str, Any] = {n: row[n] for n in INTERACTION_COLUMNS if row.get(n)}
        for name in _JSON_CELLS:
            if name in record:
                record[name] = json.loads(record[name])
        report.records.append(record)
    if not report.records and not report.problems:
        report.problems.append(RowProblem(1, "", "the file has no interaction rows"))
    if report.problems:
        report.records = []
    return report


# -- writing files ---------------------------------------------------------------------------
def write_table(path: Path, columns: Iterable[str], rows: Iterable[Mapping[str, Any]]) -> None:
    """Write rows as .csv (UTF-8 with BOM, so spreadsheet programs read Chinese) or .xlsx."""
    columns = list(columns)
    if path.suffix.lower() == ".xlsx":
        path.write_bytes(xlsx_bytes(path.stem, columns, rows))
        return
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8-sig", newline="")


def xlsx_bytes(title: str, columns: list[str], rows: Iterable[Mapping[str, Any]]) -> bytes:
    """A one-sheet workbook with a bold header row."""
    from workstation.reports.xlsx import Sheet, workbook_bytes

    table = [[row.get(name) for name in columns] for row in rows]
    return workbook_bytes([Sheet(title, columns, table)])


def export_formulary(path: Path, drugs: Iterable[Mapping[str, Any]]) -> None:
    """Write the formulary's entries to a .csv or .xlsx file."""
    write_table(path, DRUG_COLUMNS, formulary_rows(drugs))


def export_interactions(path: Path, interactions: Iterable[Mapping[str, Any]]) -> None:
    """Write interaction rules to a .csv or .xlsx file."""
    rows = [
        {k: json.dumps(v, ensure_ascii=False) if isinstance(v, Mapping) else v
         for k, v in rule.items()}
        for rule in interactions
    ]  # fmt: skip
    write_table(path, INTERACTION_COLUMNS, rows)


def published_document(
    report: ImportReport, base: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The knowledge document a good import makes: base (default: the shipped file) with its
    drugs (or interactions) replaced and its other keys kept; refuses a report with problems."""
    if not report.ok:
        raise ValueError(report.text())
    if base is None:
        base = json.loads(resource(*SHIPPED[report.kind]).read_text(encoding="utf-8"))
    return {**base, "drugs" if report.kind == "formulary" else "interactions": report.records}


def save_import(report: ImportReport, target: Path) -> None:
    """Replace the drugs (or interactions) of a JSON knowledge file, keeping its other keys;
    refuses a report with problems, so a bad file changes nothing."""
    base = json.loads(target.read_text(encoding="utf-8")) if target.exists() else {}
    document = published_document(report, base)
    temporary = target.with_suffix(target.suffix + ".importing")
    temporary.write_text(
        json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    temporary.replace(target)


# -- checking a table ------------------------------------------------------------------------
SHIPPED = {"formulary": ("formulary", "formulary.json"),
           "interactions": ("knowledge", "interactions.json")}  # fmt: skip


def check_rows(kind: str, rows: Iterable[Mapping[str, str]]) -> ImportReport:
    """Check a formulary or interactions table row by row (the same check on station and server);
    the report keeps the rows it read."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}: use {' or '.join(KINDS)}")
    table = [dict(row) for row in rows]
    report = import_formulary(table) if kind == "formulary" else import_interactions(table)
    report.rows = table
    return report


def check_file(path: Path, kind: str) -> ImportReport:
    """Read and check a formulary or interactions file; an unreadable file is one problem."""
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        rows = read_table(path)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, InvalidFileException) as exc:
        report = ImportReport(kind)
        report.problems.append(RowProblem(1, "", f"cannot read {path.name}: {exc}"))
        return report
    return check_rows(kind, rows)

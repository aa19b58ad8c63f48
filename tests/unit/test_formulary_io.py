"""Formulary and interaction files in CSV and Excel: round trip, every bad row named, all or nothing."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from workstation.clinical import formulary_io as fio
from workstation.resources import resource

DRUGS = json.loads(resource("formulary", "formulary.json").read_text(encoding="utf-8"))["drugs"]
RULES = json.loads(resource("knowledge", "interactions.json").read_text(encoding="utf-8"))[
    "interactions"
]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_the_shipped_formulary_and_interactions_survive_a_round_trip(
    tmp_path: Path, suffix: str
) -> None:
    fio.export_formulary(tmp_path / f"drugs{suffix}", DRUGS)
    fio.export_interactions(tmp_path / f"rules{suffix}", RULES)
    drugs = fio.import_formulary(fio.read_table(tmp_path / f"drugs{suffix}"))
    rules = fio.import_interactions(fio.read_table(tmp_path / f"rules{suffix}"))
    assert drugs.ok and drugs.records == DRUGS
    assert rules.ok and rules.records == RULES


def _rows_with_errors() -> list[dict[str, str]]:
    rows = fio.formulary_rows(DRUGS[:6])
    rows[2]["default_frequency"] = "thrice"  # spreadsheet row 4
    rows[4]["forms"] = "[{broken"  # row 6
    rows[5]["code"] = rows[0]["code"]  # row 7 repeats row 2
    return rows


def test_every_bad_drug_row_is_named_and_nothing_is_kept() -> None:
    report = fio.import_formulary(_rows_with_errors())
    assert not report.ok and report.records == []
    assert [p.row for p in report.problems] == [4, 6, 7]
    text = report.text()
    assert "nothing was imported" in text
    assert "row 4 (" in text and "default_frequency" in text
    assert "row 6 (" in text and "forms: not valid JSON" in text
    assert "row 7 (" in text and "repeats row 2" in text


def test_a_file_with_one_bad_row_leaves_the_formulary_file_unchanged(tmp_path: Path) -> None:
    rows = fio.formulary_rows(DRUGS[:3])
    rows[1]["default_dose"] = "lots"
    path = tmp_path / "drugs.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fio.DRUG_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    target = tmp_path / "formulary.json"
    target.write_text('{"about": "x", "drugs": []}', encoding="utf-8")
    report = fio.import_formulary(fio.read_table(path))
    assert [str(p) for p in report.problems] == [
        f"row 3 ({rows[1]['code']}): default_dose: 'lots' is not a number"
    ]
    with pytest.raises(ValueError, match="row 3"):
        fio.save_import(report, target)
    assert json.loads(target.read_text(encoding="utf-8"))["drugs"] == []


def test_a_good_file_replaces_the_drugs_and_keeps_the_rest(tmp_path: Path) -> None:
    target = tmp_path / "formulary.json"
    target.write_text('{"about": "kept", "drugs": []}', encoding="utf-8")
    fio.save_import(fio.import_formulary(fio.formulary_rows(DRUGS[:2])), target)
    saved = json.loads(target.read_text(encoding="utf-8"))
    assert saved["about"] == "kept" and saved["drugs"] == DRUGS[:2]


def test_interaction_rows_need_known_groups_severity_and_source() -> None:
    rows = [dict(r) for r in RULES[:4]]
    rows[0]["a"] = "no_such_group"
    rows[1]["severity"] = "deadly"
    rows[2]["source"] = "a blog"
    rows[3]["id"] = rows[0]["id"]
    report = fio.import_interactions(rows)
    assert [(p.row, p.problem.split(" ")[0]) for p in report.problems] == [
        (2, "unknown"), (3, "severity"), (4, "unknown"), (5, "id")]  # fmt: skip
    assert report.records == []


@pytest.mark.parametrize("cell", [
    "{not json", '{"conditions": ["diabetes"]}', '{"source": "label"}',
    '{"conditions": "diabetes", "source": "label"}', '{"egfr_below": "sixty", "source": "label"}',
])  # fmt: skip
def test_a_critical_when_cell_needs_a_source_and_a_condition_or_an_egfr(cell: str) -> None:
    row = {**RULES[0], "critical_when": cell}
    report = fio.import_interactions([row])
    assert [p.problem.split(":")[0] for p in report.problems] == ["critical_when"]


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text(",".join(fio.DRUG_COLUMNS) + "\n", encoding="utf-8")
    assert "no drug rows" in fio.import_formulary(fio.read_table(path)).text()

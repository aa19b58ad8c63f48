"""`workstation-server cds-test FILE --json` on the shared sample, our own scenarios and bad files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from workstation.server.cli import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT.parent / "shared" / "cds" / "sample.yaml"
OWN = ROOT / "tests" / "data" / "cds" / "cases.yaml"


def run_json(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[list[dict], dict]:
    assert main(["cds-test", str(path), "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    return lines[:-1], lines[-1]["summary"]


def perfect(summary: dict) -> bool:
    return (
        summary["dangerous_caught"] == summary["dangerous_total"]
        and summary["safe_clean"] == summary["safe_total"]
        and summary["parse_failures"] == 0
    )


@pytest.mark.skipif(not SAMPLE.is_file(), reason="shared sample not present")
def test_the_shared_sample_scores_100_percent(capsys):
    cases, summary = run_json(capsys, SAMPLE)
    assert summary["cases"] == len(cases) == 13 and perfect(summary), summary
    first = cases[0]
    assert first["id"] == "allergy-penicillin-ampicillin"
    assert {"category": "drug-allergy", "severity": "critical"}.items() <= first["alerts"][
        0
    ].items()
    assert first["alerts"][0]["message"]


def test_our_own_scenarios_score_100_percent(capsys):
    cases, summary = run_json(capsys, OWN)
    failed = [c for c in cases if c.get("parse_error")]
    assert summary["cases"] >= 50 and summary["safe_total"] >= 10 and not failed
    assert perfect(summary), summary


def test_an_unparseable_order_is_counted_not_fatal(tmp_path, capsys):
    scenario = tmp_path / "cases.yaml"
    scenario.write_text(
        "cases:\n"
        "  - id: nonsense\n"
        "    patient: {age_years: 40, sex: male, allergies: [], active_orders: [], labs: {}}\n"
        '    order: "zzzqqq 5mg po qd"\n'
        "    expect: [drug-allergy]\n",
        encoding="utf-8",
    )
    cases, summary = run_json(capsys, scenario)
    assert cases[0]["id"] == "nonsense" and cases[0]["alerts"] == [] and cases[0]["parse_error"]
    assert summary == {"cases": 1, "dangerous_caught": 0, "dangerous_total": 1, "safe_clean": 0,
                       "safe_total": 0, "parse_failures": 1}  # fmt: skip


@pytest.mark.parametrize(("content", "message"), [
    (None, "cannot read"),
    ("cases: [unclosed", "not valid YAML"),
    ("just: a mapping\n", "list of `cases`"),
    ("cases:\n  - id: a\n    patient: {}\n    order: x\n", "missing expect"),
    ("cases:\n  - {id: a, patient: {}, order: x, expect: [bogus]}\n", "unknown categories bogus"),
])  # fmt: skip
def test_a_bad_file_is_one_error_line_and_a_non_zero_exit(tmp_path, capsys, content, message):
    path = tmp_path / "bad.yaml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert main(["cds-test", str(path), "--json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("workstation-server: error: ")
    assert message in lines[0]


def test_the_installed_command_prints_json_lines():
    done = subprocess.run(
        [sys.executable, "-m", "workstation.server.cli", "cds-test", str(OWN), "--json"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout.splitlines()[-1])["summary"]
    assert perfect(summary)

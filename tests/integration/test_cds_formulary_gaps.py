"""`cds-test` on the scenarios of the formulary additions: molar and IU doses, new drugs, limits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workstation.clinical.checks.scenarios import load_cases, run_case, sentence_parser
from workstation.clinical.knowledge import default_knowledge
from workstation.server.cli import main

GAPS = Path(__file__).resolve().parents[2] / "tests" / "data" / "cds" / "formulary_gaps.yaml"


def test_formulary_gap_scenarios_score_100_percent(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cds-test", str(GAPS), "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    cases, summary = lines[:-1], lines[-1]["summary"]
    assert summary["cases"] == len(cases) >= 30 and summary["parse_failures"] == 0, summary
    assert summary["dangerous_caught"] == summary["dangerous_total"] >= 20, summary
    assert summary["safe_clean"] == summary["safe_total"] >= 15, summary
    safe = [c for c in cases if c["id"].startswith("gap-safe-")]
    assert len(safe) == summary["safe_total"]
    assert all(a["severity"] == "info" for c in safe for a in c["alerts"]), safe


def test_renal_alert_gives_the_chinese_advice() -> None:
    kb = default_knowledge()
    case = next(c for c in load_cases(GAPS) if c.case_id == "gap-renal-metformin-egfr25-zh")
    result = run_case(case, kb, sentence_parser(kb))
    alert = next(a for a in result.alerts if a.category == "renal")
    assert alert.severity == "critical" and "禁用" in alert.message_zh, alert
    assert "Glucophage" in alert.source

"""Every order-check scenario file of the repository (and the shared sample) scores 100 %:
each dangerous order caught, no safe order alerting above info, every sentence parsed."""

from __future__ import annotations

from pathlib import Path

import pytest

from workstation.clinical.checks import CATEGORIES
from workstation.clinical.checks.scenarios import (
    load_cases,
    result_text,
    run_case,
    sentence_parser,
    summarise,
    summary_text,
)
from workstation.clinical.knowledge import default_knowledge

ROOT = Path(__file__).resolve().parents[2]
OWN = sorted((ROOT / "tests" / "data" / "cds").glob("*.yaml"))
SAMPLE = ROOT.parent / "shared" / "cds" / "sample.yaml"
FILES = OWN + ([SAMPLE] if SAMPLE.is_file() else [])


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_scenario_file_scores_100_percent(path: Path) -> None:
    kb = default_knowledge()
    parse = sentence_parser(kb)
    results = [run_case(case, kb, parse) for case in load_cases(path)]
    summary = summarise(results)
    print(f"\n{path.name}: {summary_text(summary)}")
    failed = [result_text(r) for r in results if not r.passed]
    assert not failed, "\n".join(failed)


def test_the_scenarios_are_many_and_cover_every_category() -> None:
    cases = [case for path in OWN for case in load_cases(path)]
    safe = [case for case in cases if not case.expect]
    assert len(safe) >= 80 and len(cases) - len(safe) >= 120
    assert {category for case in cases for category in case.expect} == set(CATEGORIES)

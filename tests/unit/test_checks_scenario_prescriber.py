"""cds-test reads the Chinese ordering fields: the case's prescriber and the patient's skin tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from workstation.clinical.checks.model import Prescriber
from workstation.clinical.checks.scenarios import (
    ScenarioError,
    load_cases,
    run_case,
    sentence_parser,
)
from workstation.clinical.knowledge import default_knowledge

CASES = """cases:
  - id: trainee-meropenem
    prescriber: {title: trainee, antibiotic_tier: non_restricted, narcotic_right: false}
    patient: {age_years: 40, skin_tests: {penicillin: negative}}
    order: "meropenem 1g ivgtt q8h"
    expect: [antibiotic-tier, cosign]
  - {id: no-prescriber, patient: {age_years: 40}, order: "paracetamol 500mg po q6h", expect: []}
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "cases.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_prescriber_and_skin_tests_reach_the_checks(tmp_path: Path) -> None:
    cases = {c.case_id: c for c in load_cases(_write(tmp_path, CASES))}
    assert cases["trainee-meropenem"].prescriber == Prescriber("trainee", "non_restricted", False)
    assert cases["no-prescriber"].prescriber == Prescriber("attending", "restricted", True)
    kb = default_knowledge()
    result = run_case(cases["trainee-meropenem"], kb, sentence_parser(kb))
    assert result.parse_error is None


@pytest.mark.parametrize(
    ("case", "complaint"),
    [
        (
            '{id: a, prescriber: {title: intern}, patient: {}, order: "x", expect: []}',
            "unknown title",
        ),
        (
            '{id: a, prescriber: {rank: 3}, patient: {}, order: "x", expect: []}',
            "unknown prescriber",
        ),
        (
            '{id: a, patient: {skin_tests: {penicillin: maybe}}, order: "x", expect: []}',
            "skin_tests",
        ),
        ('{id: a, patient: {}, order: "x", expect: [skin-tests]}', "unknown categories"),
    ],
)
def test_a_bad_chinese_rule_field_is_named(tmp_path: Path, case: str, complaint: str) -> None:
    with pytest.raises(ScenarioError, match=complaint):
        load_cases(_write(tmp_path, f"cases:\n  - {case}\n"))

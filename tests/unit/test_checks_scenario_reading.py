"""cds-test reads an incomplete scenario sentence for what it says, and says how it read it."""

from __future__ import annotations

from pathlib import Path

import pytest

from workstation.clinical.checks.scenarios import load_cases, run_case, sentence_parser
from workstation.clinical.knowledge import default_knowledge

CASES = """cases:
  - {id: active-drug-only, patient: {age_years: 70, active_orders: [warfarin]}, order: "metronidazole 400mg po tid", expect: [drug-drug]}
  - {id: no-frequency, patient: {age_years: 70, allergies: [penicillin]}, order: "ampicillin 1g iv", expect: [drug-allergy]}
  - {id: no-route, patient: {age_years: 70}, order: "furosemide 400mg st", expect: [dose-single]}
  - {id: drug-only, patient: {age_years: 70, allergies: [penicillin]}, order: "amoxicillin", expect: [drug-allergy]}
  - {id: unknown-drug, patient: {age_years: 70}, order: "zzzqqq 5mg po qd", expect: [drug-allergy]}
  - {id: active-regular, patient: {age_years: 60, active_orders: ["aspirin 100mg"]}, order: "aspirin 100mg po qd", expect: [therapeutic-duplication]}
  - {id: prn-beside-regular, patient: {age_years: 50, active_orders: ["morphine 10mg po q4h"]}, order: "morphine 5mg sc q3h prn pain", expect: []}
"""  # fmt: skip


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict:
    path: Path = tmp_path_factory.mktemp("cds") / "cases.yaml"
    path.write_text(CASES, encoding="utf-8")
    kb = default_knowledge()
    return {c.case_id: run_case(c, kb, sentence_parser(kb)) for c in load_cases(path)}


def test_what_an_incomplete_sentence_says_is_still_checked(results: dict) -> None:
    caught = [case_id for case_id, result in results.items() if result.passed]
    assert caught == [
        "active-drug-only", "no-frequency", "no-route", "drug-only", "active-regular",
        "prn-beside-regular",
    ]  # fmt: skip


def test_each_lenient_reading_is_reported(results: dict) -> None:
    assert results["no-frequency"].read_as == ["'ampicillin 1g iv' read as 'ampicillin 1g iv st'"]
    assert results["no-route"].read_as == ["'furosemide 400mg st' read as 'furosemide 400mg st iv'"]
    assert "only the drug read (dose missing" in results["active-drug-only"].read_as[0]
    assert results["active-regular"].read_as == ["'aspirin 100mg' read as 'aspirin 100mg qd'"]


def test_a_drug_only_reading_keeps_route_and_prn(results: dict) -> None:
    note = results["prn-beside-regular"].read_as[0]
    assert note.startswith("'morphine 5mg sc q3h prn pain': only the drug, route and prn read")


def test_an_unknown_drug_stays_a_parse_failure(results: dict) -> None:
    failed = results["unknown-drug"]
    assert failed.parse_error == "unknown drug 'zzzqqq'" and not failed.passed


def test_an_active_order_of_an_unknown_drug_is_left_out_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "cases.yaml"
    path.write_text(
        "cases:\n"
        '  - {id: pioglitazone-active, patient: {age_years: 60, active_orders: ["pioglitazone 15mg'
        ' po qd", "metformin 0.5g po bid"]}, order: "sitagliptin 100mg po qd", expect: []}\n',
        encoding="utf-8",
    )
    kb = default_knowledge()
    (result,) = [run_case(case, kb, sentence_parser(kb)) for case in load_cases(path)]
    assert result.passed and result.parse_error is None
    assert result.read_as == [
        "active order 'pioglitazone 15mg po qd' left out: unknown drug 'pioglitazone'"
    ]


def test_a_weight_based_dose_is_read_with_the_patients_weight(tmp_path: Path) -> None:
    """Order entry asks for `8mg/kg` in mg; a test case is read as the doctor would answer from
    the chart's weight, so the dose is checked (gentamicin: NMPA label, at most 5 mg/kg a day)."""
    path = tmp_path / "cases.yaml"
    path.write_text(
        "cases:\n"
        '  - {id: weighed, patient: {age_years: 40, weight_kg: 70}, order: "庆大霉素 8mg/kg ivgtt'
        ' qd", expect: [dose-single, dose-daily]}\n'
        '  - {id: no-weight, patient: {age_years: 40}, order: "庆大霉素 8mg/kg ivgtt qd",'
        " expect: [dose-single, dose-daily]}\n",
        encoding="utf-8",
    )
    kb = default_knowledge()
    weighed, no_weight = (run_case(c, kb, sentence_parser(kb)) for c in load_cases(path))
    assert weighed.passed and weighed.read_as == ["8mg/kg × 70 kg read as 560mg"]
    assert not no_weight.passed and "weight-based dose" in no_weight.read_as[0]

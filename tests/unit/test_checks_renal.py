"""Renal tiers with the shipped formulary: a reduce tier's own daily maximum turns the alert into
information once the reduced dose is ordered; above it, or in an avoid tier, it still alerts."""

from __future__ import annotations

import pytest

from workstation.clinical.checks import PatientContext, check_order
from workstation.clinical.checks.scenarios import sentence_parser
from workstation.clinical.knowledge import default_knowledge


@pytest.mark.parametrize(("sentence", "egfr", "severity"), [
    ("rivaroxaban 15mg po qd", 40, "info"),
    ("rivaroxaban 20mg po qd", 40, "warning"),
    ("rivaroxaban 15mg po bid", 40, "warning"),
    ("rivaroxaban 15mg po qd", 12, "critical"),
    ("rivaroxaban 20mg po qd", 80, None),
])  # fmt: skip
def test_the_reduced_rivaroxaban_dose_is_information(
    sentence: str, egfr: float, severity: str | None
) -> None:
    kb = default_knowledge()
    patient = PatientContext(age_years=70, labs={"egfr_ml_min_1_73m2": egfr})
    alerts = [a for a in check_order(sentence_parser(kb)(sentence), patient, kb)
              if a.category == "renal"]  # fmt: skip
    assert [a.severity for a in alerts] == ([severity] if severity else [])
    if severity == "info":
        assert "within the renal limit" in alerts[0].message
        assert "剂量已在肾功能限量内" in alerts[0].message_zh


def _renal(sentence: str, patient: PatientContext) -> list[tuple[str, str]]:
    kb = default_knowledge()
    alerts = check_order(sentence_parser(kb)(sentence), patient, kb)
    return [(a.severity, a.message) for a in alerts if a.category == "renal"]


def test_cockcroft_gault_is_used_where_the_label_speaks_of_crcl_and_shown() -> None:
    from workstation.clinical.checks.clearance import crcl_cockcroft_gault

    # (140 − 80) × 50 / (72 × 110/88.4) × 0.85 = 28.5 mL/min
    assert crcl_cockcroft_gault(110, 80, 50, "female") == pytest.approx(28.5, abs=0.1)
    patient = PatientContext(
        age_years=80, sex="female", weight_kg=50, labs={"creatinine_umol_l": 110}
    )
    [(severity, message)] = _renal("digoxin 0.25mg po qd", patient)
    assert severity == "warning"
    assert "CrCl 28 mL/min" in message and "Cockcroft–Gault: 80 y, 50 kg, female" in message
    assert "creatinine 110" in message


def test_without_a_weight_the_egfr_stands_in_and_the_alert_says_so() -> None:
    [(_, message)] = _renal(
        "allopurinol 300mg po qd", PatientContext(age_years=60, labs={"egfr_ml_min_1_73m2": 15})
    )
    assert "eGFR 15 (in place of CrCl" in message


@pytest.mark.parametrize(("sentence", "creatinine", "severity"), [
    ("tranexamic acid 1g ivgtt tid", 300, "warning"),
    ("tranexamic acid 0.5g ivgtt qd", 300, "info"),
    ("tranexamic acid 1g ivgtt tid", 100, None),
])  # fmt: skip
def test_a_label_written_in_serum_creatinine_is_read_in_creatinine(
    sentence: str, creatinine: float, severity: str | None
) -> None:
    patient = PatientContext(age_years=60, weight_kg=60, labs={"creatinine_umol_l": creatinine})
    found = _renal(sentence, patient)
    assert [s for s, _ in found] == ([severity] if severity else [])


def test_every_dangerous_renal_or_age_scenario_warns_at_least() -> None:
    """The scenario score counts an info as caught: the kidney-and-age file asks for more."""
    from pathlib import Path

    from workstation.clinical.checks.scenarios import load_cases, run_case

    kb = default_knowledge()
    path = Path(__file__).resolve().parents[1] / "data" / "cds" / "renal_age.yaml"
    weak = []
    for case in load_cases(path):
        result = run_case(case, kb, sentence_parser(kb))
        levels = {a.severity for a in result.alerts if a.category in case.expect}
        if case.expect and not levels & {"warning", "critical"}:
            weak.append(case.case_id)
    assert not weak


def test_the_eight_drugs_of_the_audit_have_renal_tiers_with_sources() -> None:
    kb = default_knowledge()
    for code in ("digoxin", "allopurinol", "teicoplanin", "imipenem_cilastatin", "pethidine",
                 "oxcarbazepine", "tranexamic_acid", "sildenafil"):  # fmt: skip
        renal = (kb.drug(code) or {}).get("renal")
        tiers = renal if isinstance(renal, list) else [renal]
        assert tiers and all(t and t["source"] for t in tiers), code


def test_deslanoside_warns_when_creatinine_clearance_is_low_and_names_its_source() -> None:
    """Deslanoside (西地兰) is cleared by the kidney like digoxin: below CrCl 50 it warns."""
    low = PatientContext(age_years=80, sex="female", weight_kg=50, labs={"creatinine_umol_l": 110})
    [(severity, message)] = _renal("西地兰 0.4mg iv st", low)
    assert severity == "warning" and "CrCl 28 mL/min" in message
    normal = PatientContext(age_years=40, sex="male", weight_kg=70, labs={"creatinine_umol_l": 80})
    assert _renal("西地兰 0.4mg iv st", normal) == []
    renal = default_knowledge().drug("deslanoside")["renal"]
    assert "NMPA" in renal["source"] and renal["advice_zh"]


@pytest.mark.parametrize(("sentence", "diagnoses", "severity"), [
    ("enoxaparin 50mg sc qd", ("I26.9 pulmonary embolism",), "info"),  # treatment: 1 mg/kg qd
    ("enoxaparin 50mg sc q12h", ("I26.9",), "warning"),  # twice the treatment dose
    ("enoxaparin 50mg sc qd", (), "warning"),  # no treatment indication: prophylaxis 30 mg
    ("enoxaparin 30mg sc qd", (), "info"),
])  # fmt: skip
def test_the_enoxaparin_renal_dose_follows_the_indication(
    sentence: str, diagnoses: tuple[str, ...], severity: str
) -> None:
    """Lovenox 2.3, CrCl < 30: 1 mg/kg once daily to treat DVT/PE or ACS, 30 mg for prophylaxis
    (80-year-old woman, 50 kg, creatinine 180 µmol/L: Cockcroft–Gault 17 mL/min)."""
    patient = PatientContext(age_years=80, sex="female", weight_kg=50, diagnoses=diagnoses,
                             labs={"creatinine_umol_l": 180})  # fmt: skip
    assert [severity for severity, _ in _renal(sentence, patient)] == [severity]

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

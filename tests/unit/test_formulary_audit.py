"""The issue-11 audit of the formulary, re-checked: the eight drugs found silent at eGFR 20, the
Chinese rosuvastatin ceiling, and the routes ISMP flags (IV labetalol, SC epinephrine). The
interaction findings are scenario cases of tests/data/cds/severity_labels.yaml."""

from __future__ import annotations

import pytest

from workstation.clinical.checks import PatientContext, check_order
from workstation.clinical.checks.scenarios import sentence_parser
from workstation.clinical.formulary import default_formulary
from workstation.clinical.high_alert import is_high_alert
from workstation.clinical.knowledge import default_knowledge

AT_EGFR_20 = PatientContext(age_years=60, labs={"egfr_ml_min_1_73m2": 20})
# tranexamic acid's label speaks of serum creatinine: 300 µmol/L is an eGFR near 20 at 60 years
TXA_PATIENT = PatientContext(age_years=60, labs={"creatinine_umol_l": 300})


@pytest.mark.parametrize(("sentence", "patient"), [
    ("digoxin 0.25mg po qd", AT_EGFR_20),
    ("allopurinol 300mg po qd", AT_EGFR_20),  # Zyloprim: CrCl 10 to 20, at most 200 mg
    ("teicoplanin 400mg ivgtt qd", AT_EGFR_20),
    ("imipenem-cilastatin 1g ivgtt q8h", AT_EGFR_20),
    ("pethidine 50mg im st", AT_EGFR_20),
    ("oxcarbazepine 300mg po bid", AT_EGFR_20),
    ("tranexamic acid 1g ivgtt tid", TXA_PATIENT),
    ("sildenafil 50mg po prn", AT_EGFR_20),
])  # fmt: skip
def test_the_eight_drugs_the_audit_found_silent_now_warn(
    sentence: str, patient: PatientContext
) -> None:
    kb = default_knowledge()
    alerts = [a for a in check_order(sentence_parser(kb)(sentence), patient, kb)
              if a.category == "renal"]  # fmt: skip
    assert alerts and alerts[0].severity in ("warning", "critical"), sentence


def test_allopurinol_within_the_label_band_at_its_edge_is_information() -> None:
    kb = default_knowledge()
    alerts = check_order(sentence_parser(kb)("allopurinol 200mg po qd"), AT_EGFR_20, kb)
    [renal] = [a for a in alerts if a.category == "renal"]
    assert renal.severity == "info" and "at or below 20" in renal.message
    assert "不高于20" in renal.message_zh


def test_rosuvastatin_keeps_the_chinese_ceiling() -> None:
    kb = default_knowledge()
    parse = sentence_parser(kb)
    over = check_order(parse("rosuvastatin 40mg po qd"), PatientContext(age_years=50), kb)
    assert any(a.category.startswith("dose") and a.severity == "warning" for a in over)
    assert not check_order(parse("瑞舒伐他汀 20mg 口服 qd"), PatientContext(age_years=50), kb)
    rosuvastatin = default_formulary().by_code("rosuvastatin")
    assert rosuvastatin is not None and "NMPA" in str(rosuvastatin.entry["max_daily_dose"])


def test_iv_labetalol_and_sc_epinephrine_are_high_alert() -> None:
    formulary = default_formulary()
    assert is_high_alert({"drug_code": "labetalol", "route": "iv"}, formulary)
    assert is_high_alert({"drug_code": "epinephrine", "route": "sc"}, formulary)
    assert not is_high_alert({"drug_code": "labetalol", "route": "po"}, formulary)

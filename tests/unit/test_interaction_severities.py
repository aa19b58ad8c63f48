"""Interaction severities as the labels grade them, on the shipped formulary (issue 11 item 7):
critical only where a label contraindicates the pair; where the contraindication covers only
some drugs of a group (oral midazolam, thiopurines, DOACs with azoles), the narrower rule is
critical and the group's rule a warning."""

from __future__ import annotations

import pytest

from workstation.clinical.checks import interactions
from workstation.clinical.checks.model import MedicationOrder, PatientContext
from workstation.clinical.knowledge import default_knowledge


def med(
    code: str, dose: float, route: str = "po", freq: str = "qd", per_day: float = 1
) -> MedicationOrder:
    return MedicationOrder(code, dose, "mg", route, freq, per_day)


@pytest.mark.parametrize(("new", "active", "expected"), [
    # Sporanox EU SmPC 4.3: oral midazolam contraindicated with itraconazole
    (med("midazolam", 7.5, freq="st"), med("itraconazole", 200), "critical"),
    # Vfend US PI section 7: with voriconazole lower the midazolam dose, not a contraindication
    (med("midazolam", 7.5, freq="st"), med("voriconazole", 200, freq="q12h", per_day=2), "warning"),
    # Uloric US PI section 4 / 非布司他片 说明书【禁忌】: febuxostat with azathioprine contraindicated
    (med("febuxostat", 40), med("azathioprine", 50), "critical"),
    # Imuran US PI section 7: with allopurinol give a third to a quarter of the azathioprine dose
    (med("allopurinol", 100), med("azathioprine", 50), "warning"),
    # Pradaxa EU SmPC 4.3: systemic itraconazole contraindicated with dabigatran
    (med("itraconazole", 200), med("dabigatran", 110, freq="bid", per_day=2), "critical"),
    # Xarelto US PI 7.2 / EU SmPC 4.5: avoid, not recommended
    (med("itraconazole", 200), med("rivaroxaban", 20), "warning"),
    # Flagyl US PI / 甲硝唑 说明书【药物相互作用】: monitor the INR and adjust warfarin
    (med("metronidazole", 400, freq="tid", per_day=3), med("warfarin", 3), "warning"),
    # Zanaflex US PI section 4: ciprofloxacin contraindicated
    (med("ciprofloxacin", 500, freq="bid", per_day=2), med("tizanidine", 4), "critical"),
])  # fmt: skip
def test_the_label_grades_the_pair(new, active, expected):
    alerts = interactions.check(new, PatientContext(active_orders=(active,)), default_knowledge())
    assert [a.severity for a in alerts] == [expected]


@pytest.mark.parametrize(("diagnoses", "labs", "expected"), [
    # Rasilez EU SmPC 4.4: dual RAAS blockade not recommended
    ((), {"egfr_ml_min_1_73m2": 85}, "warning"),
    # Rasilez EU SmPC 4.3 / Tekturna US PI section 4: contraindicated in diabetes or at eGFR < 60
    (("E11.9 type 2 diabetes",), {"egfr_ml_min_1_73m2": 85}, "critical"),
    (("2型糖尿病",), {}, "critical"),
    ((), {"egfr_ml_min_1_73m2": 45}, "critical"),
    # eGFR from creatinine (CKD-EPI 2021): 200 µmol/L at 70 is well below 60
    ((), {"creatinine_umol_l": 200}, "critical"),
    (("E23.2 diabetes insipidus",), {"egfr_ml_min_1_73m2": 85}, "warning"),
])  # fmt: skip
def test_aliskiren_is_critical_only_where_the_label_contraindicates_it(diagnoses, labs, expected):
    patient = PatientContext(age_years=70, sex="male", diagnoses=diagnoses, labs=labs,
                             active_orders=(med("enalapril", 10),))  # fmt: skip
    alerts = interactions.check(med("aliskiren", 150), patient, default_knowledge())
    assert [a.severity for a in alerts] == [expected]


@pytest.mark.parametrize(("new", "diagnoses", "expected"), [
    # Colcrys US PI 2.4: with itraconazole a reduced colchicine dose
    ("itraconazole", (), "warning"),
    # Colcrys US PI section 4: contraindicated in renal or hepatic impairment
    ("itraconazole", ("N18.4 CKD stage 4",), "critical"),
    ("itraconazole", ("肝硬化",), "critical"),
    # Paxlovid US PI section 4: colchicine contraindicated in every patient
    ("nirmatrelvir_ritonavir", (), "critical"),
])  # fmt: skip
def test_colchicine_with_a_strong_cyp3a4_inhibitor(new, diagnoses, expected):
    patient = PatientContext(diagnoses=diagnoses, active_orders=(med("colchicine", 0.5),))
    alerts = interactions.check(med(new, 200), patient, default_knowledge())
    assert [a.severity for a in alerts] == [expected]

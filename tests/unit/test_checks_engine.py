"""The order checks on structured orders, against the fixture formulary and the shipped rules."""

from __future__ import annotations

import pytest

from tests.unit.checks_fixtures import fixture_knowledge
from workstation.clinical.checks import MedicationOrder, PatientContext, check_order
from workstation.clinical.knowledge import Knowledge


@pytest.fixture(scope="module")
def kb() -> Knowledge:
    return fixture_knowledge()


def med(code: str, dose: float = 1, unit: str = "mg", route: str = "po", freq: str = "qd",
        per_day: float = 1, prn: bool = False) -> MedicationOrder:  # fmt: skip
    return MedicationOrder(code, dose, unit, route, freq, per_day, prn=prn)


def categories(alerts: list) -> dict[str, str]:
    return {a.category: a.severity for a in alerts}


def run(kb: Knowledge, order: MedicationOrder, **patient: object) -> dict[str, str]:
    """The alerts by category, the tenfold check left out: every fixture drug's usual dose is a
    placeholder 10 mg (the tenfold check is tested on the shipped formulary, test_checks_tenfold)."""
    alerts = check_order(order, PatientContext(**patient), kb)  # type: ignore[arg-type]
    return categories([a for a in alerts if not a.rule_id.startswith("dose-tenfold-")])


@pytest.mark.parametrize(("allergy", "code", "severity"), [
    ("penicillin", "ampicillin", "critical"),
    ("青霉素过敏", "amoxicillin", "critical"),
    ("amoxicillin (rash)", "ampicillin", "critical"),
    ("阿莫西林", "amoxicillin", "critical"),
    ("penicillin", "ceftriaxone", "warning"),
    ("PCN", "meropenem", "warning"),
    ("头孢类", "ceftriaxone", "critical"),
    ("sulfa", "cotrimoxazole", "critical"),
    ("磺胺", "sulfasalazine", "critical"),
    ("sulfa", "furosemide", "info"),
])  # fmt: skip
def test_allergy_and_class_cross_sensitivity(kb, allergy, code, severity):
    assert run(kb, med(code), allergies=(allergy,)) == {"drug-allergy": severity}


def test_an_allergy_recorded_by_its_class_id_is_named_in_each_language(kb):
    """A positive penicillin skin test records the class id "penicillin" (never shown raw)."""
    alerts = check_order(med("ampicillin"), PatientContext(allergies=("penicillin",)), kb)
    [alert] = [a for a in alerts if a.category == "drug-allergy"]
    assert "'penicillins'" in alert.message and "“青霉素类”" in alert.message_zh
    alerts = check_order(med("ceftriaxone"), PatientContext(allergies=("amoxicillin",)), kb)
    [cross] = [a for a in alerts if a.category == "drug-allergy"]
    assert "（青霉素类交叉过敏）" in cross.message_zh and "penicillins cross" in cross.message


@pytest.mark.parametrize("allergy", ["NKDA", "无", "sulfa", "阿司匹林", "contrast"])
def test_an_unrelated_allergy_raises_nothing(kb, allergy):
    assert run(kb, med("amoxicillin", 500, "mg", "po", "tid", 3), allergies=(allergy,)) == {}


def test_interaction_names_both_drugs_in_both_languages(kb):
    alerts = check_order(med("metronidazole", 40, freq="tid", per_day=3),
                         PatientContext(active_orders=(med("warfarin", 3),)), kb)  # fmt: skip
    # a warning, not critical: Flagyl's label and the NMPA 甲硝唑 说明书 say monitor the INR and
    # adjust warfarin; no label contraindicates the pair (issue 11 item 7)
    assert [(a.category, a.severity) for a in alerts] == [("drug-drug", "warning")]
    assert "Warfarin" in alerts[0].message and "华法林" in alerts[0].message_zh
    assert "Stockley" in alerts[0].source


@pytest.mark.parametrize(("new", "active", "expected"), [
    (med("nitroglycerin", 0.5, route="sl", freq="st"), med("sildenafil", 50), {"drug-drug": "critical"}),
    (med("omeprazole", 20), med("aspirin", 100), {}),
    (med("pantoprazole", 40), med("clopidogrel", 75), {}),
    (med("omeprazole", 20), med("clopidogrel", 75), {"drug-drug": "warning"}),
    (med("clopidogrel", 75), med("aspirin", 100), {}),
    (med("spironolactone", 20), med("enalapril", 5), {"drug-drug": "info"}),
    (med("valsartan", 80), med("enalapril", 5), {"drug-drug": "warning"}),  # label: not recommended
])  # fmt: skip
def test_interaction_severities(kb, new, active, expected):
    assert run(kb, new, active_orders=(active,)) == expected


@pytest.mark.parametrize(("new", "active", "expected"), [
    (med("rosuvastatin", 10, freq="qn"), med("atorvastatin", 20, freq="qn"), "warning"),
    (med("paracetamol", 500, freq="prn", prn=True), med("paracetamol", 500, freq="qid", per_day=4), "info"),
    (med("furosemide", 20, route="iv", freq="st"), med("furosemide_po", 20), "info"),
    (med("omeprazole", 20), med("omeprazole_iv", 40, route="iv"), "warning"),
    (med("rivaroxaban", 20), med("enoxaparin", 40, route="sc"), "critical"),
])  # fmt: skip
def test_duplication(kb, new, active, expected):
    assert run(kb, new, active_orders=(active,)).get("therapeutic-duplication") == expected


def test_inhaled_and_systemic_steroids_are_not_a_duplication(kb):
    order = med("methylprednisolone", 40, route="iv")
    assert run(kb, order, active_orders=(med("budesonide_neb", 1, route="neb", freq="bid"),)) == {}


def test_dose_limits_convert_units_and_weight(kb):
    assert run(kb, med("furosemide", 0.4, "g", "iv", "st")) == {"dose-single": "warning"}
    assert run(kb, med("furosemide", 80, "mg", "po", "tid", 3)) == {"dose-daily": "warning"}
    assert run(kb, med("furosemide", 80, "mg", "po", "bid", 2)) == {}
    assert run(kb, med("insulin_regular", 40, "IU", "sc", "st")) == {"dose-single": "critical"}
    gent = med("gentamicin", 240, "mg", "iv", "qd")
    assert run(kb, gent, weight_kg=60) == {}
    assert run(kb, gent, weight_kg=40) == {"dose-daily": "warning"}
    assert run(kb, gent) == {}  # per-kg limit without a weight: not checked


def test_daily_total_counts_active_orders_of_the_same_drug(kb):
    active = (
        med("furosemide_po", 80, freq="bid", per_day=2),
        med("furosemide", 80, freq="bid", per_day=2),
    )
    alerts = run(kb, med("furosemide", 80, "mg", "po", "qd", 1), active_orders=active[1:])
    assert alerts.get("dose-daily") == "warning"


def test_renal_from_measured_and_computed_egfr(kb):
    order = med("rivaroxaban", 20)
    assert run(kb, order, labs={"egfr_ml_min_1_73m2": 18}) == {"renal": "warning"}
    assert run(kb, order, labs={"egfr_ml_min_1_73m2": 80}) == {}
    computed = run(kb, order, age_years=77, sex="female", labs={"creatinine_umol_l": 230})
    assert computed == {"renal": "warning"}
    assert run(
        kb, med("metformin", 500, freq="bid", per_day=2), labs={"egfr_ml_min_1_73m2": 25}
    ) == {"drug-lab": "critical"}


def test_age_pregnancy_lab_and_diagnosis(kb):
    assert run(kb, med("diphenhydramine", 50, freq="qn"), age_years=81) == {"age": "warning"}
    assert run(kb, med("diphenhydramine", 50, freq="qn"), age_years=40) == {}
    assert run(kb, med("omeprazole", 20), age_years=80) == {"age": "info"}
    assert run(kb, med("valsartan", 80), pregnant=True) == {"pregnancy": "critical"}
    assert run(kb, med("valsartan", 80), pregnant=False) == {}
    spiro = med("spironolactone", 20)
    assert run(kb, spiro, labs={"potassium_mmol_l": 5.9}) == {"drug-lab": "critical"}
    assert run(kb, spiro, labs={"potassium_mmol_l": 4.4}) == {}
    assert run(kb, med("warfarin", 3), labs={"inr": 5.2}) == {"drug-lab": "critical"}
    assert run(kb, med("metoclopramide", 10, route="iv"), diagnoses=("G20",)) == {
        "drug-diagnosis": "warning"
    }
    assert run(kb, med("propranolol", 10), diagnoses=("支气管哮喘",)) == {
        "drug-diagnosis": "critical"
    }
    assert run(kb, med("bisoprolol", 2.5), diagnoses=("J45.9 asthma",)) == {}
    assert run(kb, med("ibuprofen", 400), diagnoses=("I50.9",)) == {"drug-diagnosis": "warning"}


def test_alerts_come_most_severe_first(kb):
    alerts = check_order(
        med("ampicillin", 1, "g", "iv", "q6h", 4),
        PatientContext(allergies=("penicillin",), active_orders=(med("warfarin", 3),)),
        kb,
    )
    assert [a.severity for a in alerts] == sorted(
        (a.severity for a in alerts), key=["critical", "warning", "info"].index
    )


def test_children_pregnancy_by_diagnosis_and_weekly_methotrexate(kb):
    assert run(kb, med("aspirin", 100), age_years=9) == {"age": "warning"}
    assert run(kb, med("aspirin", 100), age_years=40) == {}
    assert run(kb, med("valsartan", 80), diagnoses=("Z33 pregnant",)) == {"pregnancy": "critical"}
    assert run(kb, med("valsartan", 80), diagnoses=("Osteoarthritis",)) == {}
    assert run(kb, med("valsartan", 80), diagnoses=("避孕咨询",)) == {}
    assert run(kb, med("methotrexate", 10, freq="qd")) == {"dose-daily": "critical"}
    assert run(kb, med("methotrexate", 10, freq="qw", per_day=1 / 7)) == {}


def test_dose_in_tablets_is_converted_through_the_form(kb):
    # the fixture tablet is 10 mg: 12 tablets are 120 mg, above the 100 mg fixture maximum
    assert run(kb, med("furosemide", 12, "tab", "po", "st")) == {"dose-single": "warning"}


def test_free_text_variants_of_allergies_and_diagnoses(kb):
    assert run(kb, med("ampicillin"), allergies=("Penicillins - hives",)) == {
        "drug-allergy": "critical"
    }
    assert run(kb, med("ceftriaxone"), allergies=("阿莫西林克拉维酸钾过敏",)) == {
        "drug-allergy": "warning"
    }
    assert run(kb, med("ibuprofen"), diagnoses=("upper GI bleeding",)) == {
        "drug-diagnosis": "critical"
    }
    assert run(kb, med("ibuprofen"), diagnoses=("CHF, NYHA III",)) == {"drug-diagnosis": "warning"}

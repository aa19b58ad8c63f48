"""Tenfold and unit errors (issue 11 item 2) on the shipped formulary: a dose 10x or a tenth of
the usual single dose is critical for every drug; a unit implausible for the drug is refused
by order entry with a question, never converted."""

from __future__ import annotations

import pytest

from workstation.clinical.checks import MedicationOrder, PatientContext, check_order
from workstation.clinical.dose_units import unit_question
from workstation.clinical.formulary import default_formulary
from workstation.clinical.order_sentence import OrderSentenceError, parse_order


def _tenfold(code: str, dose: float, unit: str, route: str = "po") -> list[str]:
    order = MedicationOrder(code, dose, unit, route, "st", 1)
    return [a.severity for a in check_order(order, PatientContext()) if "tenfold" in a.rule_id]


@pytest.mark.parametrize(
    ("code", "dose", "unit", "route", "expected"),
    [
        ("warfarin", 30, "mg", "po", ["critical"]),  # default 3 mg: exactly 10x
        ("warfarin", 29, "mg", "po", []),
        ("warfarin", 0.3, "mg", "po", ["critical"]),  # exactly a tenth
        ("warfarin", 0.5, "mg", "po", []),
        ("digoxin", 1250, "mcg", "po", ["critical"]),  # 0.125 mg usual, written in mcg
        ("amoxicillin", 1, "g", "po", []),
        ("insulin_regular", 50, "U", "ivgtt", []),  # a pump syringe's content, not a dose
        ("insulin_regular", 50, "U", "sc", ["critical"]),
        ("dopamine", 200, "mg", "ivgtt", []),  # its own route is the infusion
        ("dopamine", 1000, "mg", "ivgtt", ["critical"]),
    ],
)  # fmt: skip
def test_tenfold_is_critical_whatever_the_ceilings_say(code, dose, unit, route, expected):
    assert _tenfold(code, dose, unit, route) == expected


@pytest.mark.parametrize(
    ("dose", "route", "tolerant", "expected"),
    [
        (60, "po", True, []),  # MS Contin 60 mg q12h: an opioid-tolerant dose (label)
        (60, "po", False, ["critical"]),  # 12x the naive 5 mg
        (300, "po", True, ["critical"]),  # 10x the naive ceiling of 30 mg po
        (0.5, "po", True, ["critical"]),  # a tenth of the default stays an underdose
    ],
)  # fmt: skip
def test_an_opioid_tolerant_patient_s_morphine_is_measured_against_the_naive_ceiling(
    dose, route, tolerant, expected
):
    order = MedicationOrder("morphine", dose, "mg", route, "q12h", 2)
    patient = PatientContext(weight_kg=70, opioid_tolerant=tolerant)
    alerts = check_order(order, patient)
    assert [a.severity for a in alerts if "tenfold" in a.rule_id] == expected
    if tolerant and dose == 60:
        assert not [a for a in alerts if a.category.startswith("dose")]


def test_a_tenfold_alert_asks_in_both_languages():
    order = MedicationOrder("warfarin", 30, "mg", "po", "qd", 1)
    alert = next(a for a in check_order(order, PatientContext()) if "tenfold" in a.rule_id)
    assert "10 times the usual single dose of 3 mg" in alert.message
    assert "十倍剂量错误" in alert.message_zh and alert.interrupts


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        ("insulin glargine 10mg sc qn", "did you mean 10 U?"),
        ("地高辛 0.25g 口服 qd", "did you mean 0.25 mg?"),
        ("levothyroxine 100mg po qd", "did you mean 100 mcg?"),
        ("morphine 10ml sc st", "a volume where a dose in mg is expected"),
    ],
)  # fmt: skip
def test_an_implausible_unit_is_refused_with_a_question(sentence, words):
    with pytest.raises(OrderSentenceError) as refused:
        parse_order(sentence, default_formulary())
    assert refused.value.part == "unit" and words in str(refused.value)


@pytest.mark.parametrize(
    "sentence",
    ["digoxin 250mcg po qd", "10%氯化钾 10ml 口服 tid", "乳果糖 15ml 口服 bid", "amoxicillin 1g po tid",
     "heparin 5000u sc q12h"],
)  # fmt: skip
def test_a_plausible_unit_is_read_as_written(sentence):
    parsed = parse_order(sentence, default_formulary())
    assert parsed.dose_value and parsed.dose_unit


def test_the_unit_question_is_none_for_the_drug_s_own_units():
    digoxin = default_formulary().by_code("digoxin")
    assert digoxin is not None
    assert unit_question(digoxin, 0.125, "mg") is None
    assert unit_question(digoxin, 125, "mcg") is None
    assert unit_question(digoxin, 0.125, "g") is not None

"""Concentrated potassium chloride: never IV push, and no stronger than the label allows once
diluted in the carrier fluid of a compound line."""

from __future__ import annotations

import pytest

from workstation.clinical.checks import PatientContext, check_order
from workstation.clinical.checks.context import order_from_row
from workstation.clinical.checks.scenarios import sentence_parser
from workstation.clinical.knowledge import default_knowledge
from workstation.clinical.order_sentence import parse_order


def dose_alerts(sentence: str) -> list[tuple[str, str]]:
    kb = default_knowledge()
    alerts = check_order(sentence_parser(kb)(sentence), PatientContext(age_years=60), kb)
    return [(a.rule_id, a.severity) for a in alerts if a.rule_id.startswith("dose-kcl")]


@pytest.mark.parametrize("sentence", ["10%氯化钾 10ml 静推 st", "KCl 10% 10ml iv st"])
def test_potassium_chloride_iv_push_is_critical(sentence: str) -> None:
    assert dose_alerts(sentence) == [("dose-kcl-iv-push", "critical")]


@pytest.mark.parametrize(("sentence", "alerts"), [
    ("10%氯化钾 30ml + NS 100ml ivgtt st", [("dose-kcl-concentration", "critical")]),  # 23 g/L
    ("NS 250ml + 10%氯化钾 10ml ivgtt qd", [("dose-kcl-concentration", "critical")]),  # 3.8 g/L
    ("10%氯化钾 15ml + NS 500ml ivgtt qd", []),  # 1.5 g in 515 mL: 2.9 g/L
    ("5%GS 500ml + 10%氯化钾 15ml ivgtt qd", []),
    ("10%氯化钾 10ml ivgtt qd", []),  # the carrier is not written: nothing to compute
])  # fmt: skip
def test_diluted_potassium_chloride_concentration(sentence: str, alerts: list) -> None:
    assert dose_alerts(sentence) == alerts


def test_the_concentration_alert_says_the_figure_in_both_languages() -> None:
    kb = default_knowledge()
    order = sentence_parser(kb)("10%氯化钾 30ml + NS 100ml ivgtt st")
    alert = next(a for a in check_order(order, PatientContext(), kb) if a.category == "dose-single")
    assert "23.1 g/L exceeds 3.4 g/L" in alert.message and "23.1 g/L" in alert.message_zh
    assert "NMPA" in alert.source


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_signed_compound_line_is_checked_again_with_its_carrier(language: str) -> None:
    """The pharmacist's queue checks the stored order, whose carrier is only in its description
    (the medication object has no field for it): the concentration alert must come back."""
    from ui.screens.orders.entry import describe

    kb = default_knowledge()
    parsed = parse_order("NS 250ml + 10%氯化钾 10ml ivgtt qd", kb.formulary)
    row = {**parsed.medication_payload(), "description": describe(parsed, language)}
    stored = order_from_row(row)
    assert stored.diluent_ml == 250
    alerts = check_order(stored, PatientContext(age_years=60), kb)
    assert [a.rule_id for a in alerts if a.rule_id.startswith("dose-kcl")] == [
        "dose-kcl-concentration"
    ]
    assert (
        order_from_row({**row, "description": "Potassium chloride 10 mL ivgtt qd"}).diluent_ml
        is None
    )

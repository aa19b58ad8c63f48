"""Therapeutic duplication with the shipped knowledge: a loading dose beside its own regular
order is information, true duplicates still alert."""

from __future__ import annotations

import pytest

from workstation.clinical.checks import PatientContext, check_order
from workstation.clinical.checks.scenarios import sentence_parser
from workstation.clinical.knowledge import default_knowledge


def duplication(order: str, *active: str) -> list[tuple[str, str]]:
    kb = default_knowledge()
    parse = sentence_parser(kb)
    patient = PatientContext(age_years=60, active_orders=tuple(parse(s) for s in active))
    return [(a.severity, a.rule_id) for a in check_order(parse(order), patient, kb)
            if a.category == "therapeutic-duplication"]  # fmt: skip


@pytest.mark.parametrize(("order", "active"), [
    ("ticagrelor 90mg po bid", "ticagrelor 180mg po st"),
    ("替格瑞洛 180mg 口服 立即", "替格瑞洛 90mg 口服 bid"),
    ("aspirin 300mg po st", "aspirin 100mg po qd"),
    ("clopidogrel 300mg po st", "clopidogrel 75mg po qd"),
    ("amiodarone 150mg iv st", "amiodarone 200mg po tid"),
])  # fmt: skip
def test_a_loading_dose_beside_its_regular_order_is_info(order: str, active: str) -> None:
    assert duplication(order, active) == [("info", "dup-loading-dose")]


@pytest.mark.parametrize(("order", "active", "severity"), [
    ("ticagrelor 90mg po bid", "ticagrelor 90mg po bid", "critical"),
    ("ticagrelor 90mg po bid", "clopidogrel 75mg po qd", "critical"),
    ("ticagrelor 180mg po st", "clopidogrel 75mg po qd", "critical"),
    ("enoxaparin 40mg sc qd", "heparin 5000 U sc q12h", "critical"),
    ("enoxaparin 40mg sc st", "enoxaparin 40mg sc qd", "critical"),  # a double dose, no loading
    ("warfarin 5mg po st", "warfarin 3mg po qd", "critical"),
    ("rivaroxaban 20mg po st", "rivaroxaban 20mg po qd", "critical"),
    ("ticagrelor 180mg po st", "ticagrelor 180mg po st", "critical"),  # the loading dose twice
    ("amlodipine 10mg po qd", "amlodipine 5mg po qd", "warning"),
    ("pantoprazole 40mg po qd", "omeprazole 20mg po qd", "warning"),
])  # fmt: skip
def test_true_duplicates_still_alert(order: str, active: str, severity: str) -> None:
    found = duplication(order, active)
    assert found and found[0][0] == severity, found

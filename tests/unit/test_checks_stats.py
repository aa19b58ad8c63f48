"""Overrides, signing and per-rule statistics."""

from __future__ import annotations

import json

from workstation.clinical.checks import (
    Alert,
    Override,
    blocking_alerts,
    can_sign,
    overrides_payload,
)
from workstation.clinical.checks.stats import RuleStatistics, statistics_from_orders

ALLERGY = Alert("drug-allergy", "critical", "allergy", "过敏", "allergy-penicillin", "src")
DUP = Alert("therapeutic-duplication", "warning", "dup", "重复", "dup-statin", "src")
INFO = Alert("age", "info", "ppi", "质子泵", "age-ppi", "src")


def test_only_critical_alerts_without_a_reason_block_signing():
    assert can_sign([DUP, INFO], [])
    assert not can_sign([ALLERGY, DUP], [])
    assert not can_sign([ALLERGY], [Override("allergy-penicillin", "   ")])
    assert not can_sign([ALLERGY], [Override("dup-statin", "known")])
    assert can_sign([ALLERGY], [Override("allergy-penicillin", "tolerated amoxicillin in 2023")])
    assert blocking_alerts([ALLERGY, DUP], []) == [ALLERGY]


def test_overrides_payload_keeps_shown_alerts_and_reasons_of_fired_rules_only():
    payload = overrides_payload(
        [ALLERGY, DUP], [Override("allergy-penicillin", " skin test negative "), Override("x", "y")]
    )
    assert payload == {
        "alerts": [
            {"rule_id": "allergy-penicillin", "category": "drug-allergy", "severity": "critical"},
            {"rule_id": "dup-statin", "category": "therapeutic-duplication", "severity": "warning"},
        ],
        "reasons": {"allergy-penicillin": "skin test negative"},
    }


def test_counter_summary():
    stats = RuleStatistics()
    stats.record_fired([ALLERGY, DUP])
    stats.record_fired([ALLERGY])
    stats.record_overridden(["allergy-penicillin"])
    rows = {r["rule_id"]: r for r in stats.summary()}
    assert rows["allergy-penicillin"]["fired"] == 2
    assert rows["allergy-penicillin"]["overridden"] == 1
    assert rows["allergy-penicillin"]["override_rate"] == 0.5
    assert rows["dup-statin"]["overridden"] == 0
    assert stats.summary()[0]["rule_id"] == "allergy-penicillin"


def test_statistics_from_stored_orders():
    signed = overrides_payload([ALLERGY, DUP], [Override("allergy-penicillin", "desensitised")])
    orders = [
        {"overrides": json.dumps(signed), "voided": False},
        {"overrides": overrides_payload([DUP], []), "voided": False},
        {"overrides": json.dumps(signed), "voided": True},
        {"overrides": None, "voided": False},
        {"overrides": "not json", "voided": False},
    ]
    rows = {r["rule_id"]: r for r in statistics_from_orders(orders).summary()}
    assert rows["dup-statin"]["fired"] == 2 and rows["dup-statin"]["overridden"] == 0
    assert rows["allergy-penicillin"] == {
        "rule_id": "allergy-penicillin", "category": "drug-allergy", "severity": "critical",
        "fired": 1, "overridden": 1, "override_rate": 1.0,
    }  # fmt: skip

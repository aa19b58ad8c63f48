"""The shipped knowledge base: size, bilingual text, named sources, references that resolve."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workstation.clinical.knowledge import (
    KNOWLEDGE_FILES,
    KnowledgeError,
    default_knowledge,
    load_knowledge,
)
from workstation.resources import resource


def test_at_least_150_interaction_pairs_each_bilingual_with_a_source():
    kb = default_knowledge()
    pairs = {frozenset((r["a"], r["b"])) for r in kb.interactions}
    assert len(pairs) == len(kb.interactions) >= 150
    for rule in kb.interactions:
        assert rule["severity"] in {"info", "warning", "critical"}
        assert rule["message"].strip() and rule["message_zh"].strip()
        assert rule["source"] in kb.sources, rule["id"]


def test_every_critical_interaction_names_the_label_that_contraindicates_it():
    # issue 11 item 7: critical only where a label contraindicates; the rule says which label and
    # section (US PI section 4, EU SmPC 4.3, NMPA 说明书【禁忌】)
    kb = default_knowledge()
    critical = [r for r in kb.interactions if r["severity"] == "critical"]
    assert critical
    for rule in critical:
        note = rule.get("severity_source", "")
        assert "contraindicat" in note.lower() or "禁忌" in note, rule["id"]


def test_every_rule_names_a_known_source_and_unique_ids():
    kb = default_knowledge()
    rules = kb.drug_lab + kb.diagnosis["rules"] + kb.pregnancy + kb.interactions
    for rule in rules:
        assert rule["source"] in kb.sources, rule["id"]
    ids = [r["id"] for r in rules + kb.older_adults]
    assert len(ids) == len(set(ids))


def test_every_formulary_drug_of_a_rule_family_is_reached():
    kb = default_knowledge()
    assert kb.groups_of("aspirin") >= {"aspirin", "antiplatelet"}
    assert "nsaid" not in kb.groups_of("aspirin")  # low-dose antiplatelet aspirin
    assert "penicillin" in kb.groups_of("amoxicillin_clavulanate")
    assert "systemic-corticosteroid" in kb.groups_of("methylprednisolone", "iv")
    assert "systemic-corticosteroid" not in kb.groups_of("budesonide_neb", "neb")


def test_an_undefined_group_in_a_rule_is_refused(tmp_path: Path):
    for name in KNOWLEDGE_FILES:
        (tmp_path / f"{name}.json").write_text(
            resource("knowledge", f"{name}.json").read_text(encoding="utf-8"), encoding="utf-8"
        )
    data = json.loads((tmp_path / "interactions.json").read_text(encoding="utf-8"))
    data["interactions"][0]["b"] = "no-such-group"
    (tmp_path / "interactions.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(KnowledgeError, match="no-such-group"):
        load_knowledge(tmp_path)


def test_a_missing_knowledge_file_is_a_clear_error(tmp_path: Path):
    with pytest.raises(KnowledgeError, match="not found"):
        load_knowledge(tmp_path)

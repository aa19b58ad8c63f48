"""Every interaction rule can fire: each of its two groups holds a formulary drug on a route the
group allows (issue 11 item 7). A rule whose drug is missing from the formulary is silent for
ever, which an audit found for 8 of 30 rules."""

from __future__ import annotations

from workstation.clinical.knowledge import Knowledge, default_knowledge


def _reachable(kb: Knowledge, group: str) -> bool:
    return any(
        kb.in_group(drug.code, group, route) for drug in kb.formulary for route in drug.routes
    )


def test_every_interaction_rule_names_drugs_the_formulary_has():
    kb = default_knowledge()
    silent = [
        f"{rule['id']} ({side}: {rule[side]})"
        for rule in kb.interactions
        for side in ("a", "b")
        if not _reachable(kb, rule[side])
    ]
    assert not silent, "rules that can never fire:\n" + "\n".join(silent)


def test_a_rule_graded_by_dose_names_a_group_of_the_rule():
    for rule in default_knowledge().interactions:
        within = rule.get("within_dose")
        if within:
            assert within["group"] in (rule["a"], rule["b"]), rule["id"]
            assert within["source"] and within["severity"] in ("info", "warning"), rule["id"]

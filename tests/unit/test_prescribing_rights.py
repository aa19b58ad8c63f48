"""Who may order what, as pure rules: the title caps the antibiotic tier right (抗菌药物临床应用管理办法
2012 Art. 24), what an order lacks, the sign-off it carries, the rights check's alerts, the
sign-off's validation, and the formulary's tier (Art. 6) in the document and its import columns."""

from __future__ import annotations

import pytest

from workstation.clinical import formulary_schema
from workstation.clinical.checks import check_order
from workstation.clinical.checks.model import (
    ANTIBIOTIC_TIERS,
    MedicationOrder,
    PatientContext,
    Prescriber,
)
from workstation.clinical.checks.prescribing import (
    OrderNeeds,
    effective_tier,
    missing_rights,
    prescriber_for,
    signoff_payload,
    tier_cap_problem,
)
from workstation.clinical.formulary import default_formulary
from workstation.clinical.formulary_io import formulary_rows, import_formulary
from workstation.events import rights_events
from workstation.events.rights_events import signoff_rule

RESIDENT = Prescriber("resident", "non_restricted", False)
ATTENDING = Prescriber("attending", "restricted", True)
CHIEF = Prescriber("chief", "special", True)
TRAINEE = Prescriber("trainee", "non_restricted", False)


def test_the_three_copies_of_the_tiers_agree() -> None:
    assert formulary_schema.ANTIBIOTIC_TIERS == ANTIBIOTIC_TIERS == rights_events.ANTIBIOTIC_TIERS


@pytest.mark.parametrize(("code", "tier"), [
    ("amoxicillin", "non_restricted"), ("ceftriaxone", "non_restricted"),
    ("piperacillin_tazobactam", "restricted"), ("moxifloxacin", "restricted"),
    ("meropenem", "special"), ("vancomycin", "special"), ("linezolid", "special"),
    ("oseltamivir", None), ("amlodipine", None),
])  # fmt: skip
def test_the_formulary_names_each_antibacterials_tier(code: str, tier: str | None) -> None:
    drug = default_formulary().by_code(code)
    assert drug is not None and OrderNeeds.of(drug.entry).antibiotic_tier == tier


def test_a_grant_above_the_title_counts_only_up_to_the_title() -> None:
    assert effective_tier(Prescriber("resident", "special", False)) == "non_restricted"
    assert effective_tier(TRAINEE) is None
    assert tier_cap_problem("attending", "special") is not None
    assert tier_cap_problem("associate_chief", "special") is None


@pytest.mark.parametrize(("prescriber", "needs", "missing"), [
    (TRAINEE, OrderNeeds(), ("cosign",)),
    (TRAINEE, OrderNeeds("non_restricted"), ("cosign", "antibiotic-tier")),
    (RESIDENT, OrderNeeds("restricted"), ("antibiotic-tier",)),
    (ATTENDING, OrderNeeds("restricted"), ()),
    (ATTENDING, OrderNeeds("special"), ("antibiotic-tier",)),
    (CHIEF, OrderNeeds("special"), ()),
    (RESIDENT, OrderNeeds(None, narcotic=True), ("controlled-drug",)),
])  # fmt: skip
def test_what_an_order_lacks(
    prescriber: Prescriber, needs: OrderNeeds, missing: tuple[str, ...]
) -> None:
    assert missing_rights(prescriber, needs) == missing


def test_an_unlicensed_doctor_always_needs_a_cosignature() -> None:
    assert missing_rights(CHIEF, OrderNeeds(), licensed=False) == ("cosign",)


def test_controlled_class_from_the_formulary_needs_the_narcotic_right() -> None:
    assert OrderNeeds.of(
        {"controlled": {"class": "narcotic", "source": "麻醉药品品种目录 2013"}}
    ).narcotic
    assert (
        OrderNeeds.of(
            {"controlled": {"class": "psychotropic_2", "source": "精神药品品种目录 2013"}}
        ).narcotic
        is False
    )
    assert OrderNeeds.of({}).narcotic is False


def test_untitled_doctors_hold_the_least_rights_and_trainee_physicians_are_trainees() -> None:
    # 医务科 has not recorded a title: the least a licensed doctor may hold (Art. 24), not an attending
    untitled = prescriber_for("physician", {})
    assert untitled == RESIDENT
    assert prescriber_for("physician", {"title": None, "narcotic_right": True}) == RESIDENT
    meropenem = default_formulary().by_code("meropenem")
    assert meropenem is not None and untitled is not None
    assert "antibiotic-tier" in missing_rights(untitled, OrderNeeds.of(meropenem.entry))
    assert missing_rights(untitled, OrderNeeds(narcotic=True)) == ("controlled-drug",)
    assert prescriber_for("trainee_physician", {"title": "chief"}) == TRAINEE
    assert prescriber_for("nurse", {"title": "nurse"}) is None


def test_the_signoff_an_order_carries() -> None:
    meropenem = default_formulary().by_code("meropenem")
    assert meropenem is not None
    emergency = {"indication": "septic shock", "purpose": "treatment"}
    assert signoff_payload(ATTENDING, meropenem.entry, culture_sent=True, emergency=emergency) == {
        "missing": ["antibiotic-tier"], "antibiotic_tier": "special", "needs_approval": True,
        "culture_sent": True, "emergency": emergency,
    }  # fmt: skip
    trainee = signoff_payload(TRAINEE, meropenem.entry, emergency=emergency)
    assert trainee is not None and "emergency" not in trainee  # no override for a trainee
    assert signoff_payload(ATTENDING, {"code": "amlodipine"}) is None


@pytest.mark.parametrize(("signoff", "problem"), [
    ({"missing": ["nobody"]}, "signoff.missing"),
    ({"emergency": {"indication": "x", "purpose": "treatment"}}, "only for an antibiotic above"),
    ({"missing": ["cosign", "antibiotic-tier"], "emergency": {"indication": "x", "purpose": "treatment"}},
     "cannot stand in"),
    ({"missing": ["antibiotic-tier"], "emergency": {"indication": "x", "purpose": "maybe"}}, "purpose"),
    ({"needs_approval": True, "antibiotic_tier": "restricted"}, "special-tier"),
    ({"colour": "red"}, "not a known field"),
])  # fmt: skip
def test_a_bad_signoff_is_named(signoff: dict, problem: str) -> None:
    assert problem in "; ".join(signoff_rule({"signoff": signoff}))


def _alerts(sentence_drug: str, prescriber: Prescriber) -> dict[str, str]:
    order = MedicationOrder(drug_code=sentence_drug, dose_value=1, dose_unit="g", route="ivgtt",
                            frequency="q8h", prescriber=prescriber)  # fmt: skip
    return {a.rule_id: a.severity for a in check_order(order, PatientContext(age_years=50))
            if a.category in ("antibiotic-tier", "cosign")}  # fmt: skip


def test_the_rights_check_raises_critical_above_the_right_and_info_within_it() -> None:
    assert _alerts("meropenem", ATTENDING)["antibiotic-tier-special"] == "critical"
    assert _alerts("meropenem", CHIEF) == {
        "antibiotic-special-approval": "info",
        "antibiotic-culture": "info",
    }
    assert _alerts("ceftriaxone", TRAINEE)["cosign-unlicensed"] == "critical"


def test_the_tier_is_an_import_column_and_a_bad_one_is_refused() -> None:
    drugs = [d.entry for d in default_formulary()]
    rows = formulary_rows(drugs)
    meropenem = next(r for r in rows if r["code"] == "meropenem")
    assert meropenem["antibiotic_tier"] == "special"
    report = import_formulary(rows)
    assert report.ok, report.text()
    imported = {d["code"]: d for d in report.records}
    assert imported["meropenem"]["antibiotic_tier"] == "special"
    assert "antibiotic_tier" not in imported["amlodipine"]
    meropenem["antibiotic_tier"] = "super"
    assert "antibiotic_tier" in import_formulary(rows).text()

"""Who may order what: the sign-off an order carries, its co-signature and the special-tier approval.

- `OrderPlaced.signoff` says what the author lacked when signing (处方管理办法 2007 ch. 2: a trainee's
  order; Art. 11: 麻醉药品和第一类精神药品处方权; 抗菌药物临床应用管理办法 2012 Art. 24-26: a tier above
  the author's right), whether the drug is 特殊使用级 (Art. 27: a designated consultant approves it),
  whether a culture was sent (抗菌药物临床应用指导原则 2015, 4.2), and an emergency override
  (越级使用, Art. 28) with its indication and purpose (预防/治疗), completed within 24 hours.
- `OrderCosigned`: a licensed doctor holding the rights the order needs co-signs it; both names kept.
- `AntibioticApproved`: a designated consultant approves a special-tier order, optionally naming
  the consultation request that carried it.
"""

from __future__ import annotations

from typing import Any

from workstation.events.fields import Field, boolean, check_fields, one_of, optional, text, uuid_ref
from workstation.events.vocabulary import EventType

ANTIBIOTIC_TIERS = ("non_restricted", "restricted", "special")  # checks.model.ANTIBIOTIC_TIERS
MISSING_RIGHTS = ("cosign", "antibiotic-tier", "controlled-drug")
PURPOSES = ("prophylaxis", "treatment")  # 预防 / 治疗

SIGNOFF_FIELDS: dict[str, Field] = {
    "missing": optional(lambda v: None if isinstance(v, list) and all(
        m in MISSING_RIGHTS for m in v) else f"must be a list of {', '.join(MISSING_RIGHTS)}"),
    "antibiotic_tier": optional(one_of(ANTIBIOTIC_TIERS)),
    "needs_approval": optional(boolean),
    "culture_sent": optional(boolean),
    "emergency": optional(lambda v: None if isinstance(v, dict) else "must be an object"),
}  # fmt: skip
EMERGENCY_FIELDS: dict[str, Field] = {
    "indication": Field(text(500)),
    "purpose": Field(one_of(PURPOSES)),
}


def signoff_rule(payload: dict[str, Any]) -> list[str]:
    """The `signoff` of an OrderPlaced: its fields, and an emergency override only where Art. 28
    allows one (an antibiotic above the tier, by a licensed doctor holding any other right)."""
    signoff = payload.get("signoff")
    if not isinstance(signoff, dict):
        return []
    problems = check_fields(signoff, SIGNOFF_FIELDS, where="signoff.")
    unknown = sorted(set(signoff) - set(SIGNOFF_FIELDS))
    problems += [f"signoff.{name} is not a known field" for name in unknown]
    emergency = signoff.get("emergency")
    if isinstance(emergency, dict):
        problems += check_fields(emergency, EMERGENCY_FIELDS, where="signoff.emergency.")
        missing = signoff.get("missing") or []
        if "antibiotic-tier" not in missing and not signoff.get("needs_approval"):
            problems.append("signoff.emergency is only for an antibiotic above the tier (Art. 28)")
        if "cosign" in missing or "controlled-drug" in missing:
            problems.append("signoff.emergency cannot stand in for a co-signature")
    if signoff.get("needs_approval") and signoff.get("antibiotic_tier") != "special":
        problems.append("signoff.needs_approval is for a special-tier antibiotic only")
    return problems


def rights_types() -> list[EventType]:
    """Event types of the ordering rights: co-signature of an order, special-tier approval."""
    return [
        EventType("OrderCosigned", {"order_id": Field(uuid_ref)}, references=("order_id",)),
        EventType("AntibioticApproved", {
            "order_id": Field(uuid_ref),
            "consultation_id": optional(text(64)),  # a consultation request that carried it
            "note": optional(text(1000)),
        }, references=("order_id",)),
    ]  # fmt: skip

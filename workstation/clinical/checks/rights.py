"""Who may sign the order: co-signature for trainees and antibiotic tiers (the Chinese rules).

抗菌药物临床应用管理办法 (2012) Art. 24-26: an antibacterial above the prescriber's tier right is
`antibiotic-tier` critical (it waits for a co-signature by a doctor holding the right, or an Art. 28
emergency override); 处方管理办法 (2007) ch. 2: any order by a trainee (进修/实习) is `cosign`
critical (a licensed doctor co-signs it). A special-tier drug within the prescriber's right needs a
designated consultant's approval (Art. 27) and restricted or special tiers ask for a culture: both
are `info`, beside the order, because the order's own state carries them (it waits for the approval).
"""

from __future__ import annotations

from workstation.clinical.checks.common import names
from workstation.clinical.checks.model import Alert, MedicationOrder, PatientContext, Prescriber
from workstation.clinical.checks.prescribing import (
    MISSING_COSIGN,
    MISSING_TIER,
    TIER_ZH,
    TITLE_ZH,
    OrderNeeds,
    effective_tier,
    missing_rights,
)
from workstation.clinical.knowledge import Knowledge

_TIERS_SOURCE = "抗菌药物临床应用管理办法 (2012) Art. 6, 24-28"
_COSIGN_SOURCE = "处方管理办法 (2007) ch. 2, Art. 8-12"


def check(order: MedicationOrder, patient: PatientContext, kb: Knowledge) -> list[Alert]:
    """Alerts for an order its prescriber may not sign alone, and the stewardship prompts."""
    del patient
    prescriber = order.prescriber
    if prescriber is None:
        return []
    needs = OrderNeeds.of(kb.drug(order.drug_code))
    missing = missing_rights(prescriber, needs)
    en, zh = names(kb, order.drug_code)
    alerts: list[Alert] = []
    if MISSING_COSIGN in missing:
        alerts.append(Alert(
            "cosign", "critical",
            f"{en}: an order by a {prescriber.title} needs a licensed doctor's co-signature",
            f"{zh}：{TITLE_ZH[prescriber.title]}的医嘱须由有处方权的执业医师审核签名",
            "cosign-unlicensed", _COSIGN_SOURCE,
        ))  # fmt: skip
    alerts += _tier_alerts(needs, prescriber, MISSING_TIER in missing, en, zh)
    if needs.asks_culture:
        alerts.append(Alert(
            "antibiotic-tier", "info",
            f"{en}: send a culture before the first dose if you can",
            f"{zh}：使用前请送病原学检查（培养）",
            "antibiotic-culture", "抗菌药物临床应用指导原则 (2015) 4.2",
        ))  # fmt: skip
    return alerts


def _tier_alerts(
    needs: OrderNeeds, prescriber: Prescriber, above: bool, en: str, zh: str
) -> list[Alert]:
    """Above the tier right: critical (Art. 25-26); a special tier within it: the approval (Art. 27)."""
    tier = needs.antibiotic_tier
    if above and tier is not None:
        held = effective_tier(prescriber)
        return [Alert(
            "antibiotic-tier", "critical",
            f"{en} is {tier.replace('_', '-')} tier, above the prescriber's right "
            f"({(held or 'none').replace('_', '-')}): a co-signature or an emergency override is needed",
            f"{zh}为{TIER_ZH[tier]}抗菌药物，超出处方者权限（{TIER_ZH.get(held or '', '无')}）："
            "须有权限医师签名，或紧急越级使用",
            f"antibiotic-tier-{tier}", _TIERS_SOURCE,
        )]  # fmt: skip
    if needs.needs_approval:
        return [Alert(
            "antibiotic-tier", "info",
            f"{en} is special tier: it is given after a designated consultant's approval",
            f"{zh}为特殊使用级抗菌药物：须经指定专家会诊同意后使用",
            "antibiotic-special-approval", _TIERS_SOURCE,
        )]  # fmt: skip
    return []

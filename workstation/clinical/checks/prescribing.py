"""Who may order what: professional titles, prescribing rights and what an order needs.

The rules, article by article:
- 处方管理办法 (2007) ch. 2 (Art. 8-12): a registered 执业医师 gets 处方权 where they practise; an
  order by a doctor on probation, an assistant or a 进修/实习 trainee is valid only when a licensed
  doctor with the right co-signs it (here: title `trainee`, or a user marked unlicensed).
- 处方管理办法 Art. 11: 麻醉药品和第一类精神药品处方权 after training and an examination
  (`narcotic_right`); an order for such a drug by a doctor without it needs a co-signature.
- 抗菌药物临床应用管理办法 (2012) Art. 6: three tiers, 非限制使用级 / 限制使用级 / 特殊使用级.
  Art. 24: the tier right a title may be granted: 高级 (副主任/主任医师) up to special, 中级 (主治医师)
  up to restricted, 初级 (住院医师) non-restricted only. Art. 25-26: ordering above one's tier right is
  not allowed; Art. 27: a special-tier drug needs a designated consultant's approval (会诊);
  Art. 28: in an emergency a doctor may order above their tier (越级使用), records the indication, and
  completes the procedure within 24 hours.
- 抗菌药物临床应用指导原则 (2015) 4.2: a culture (病原学检查) before a restricted or special-tier drug.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from workstation.clinical.checks.model import ANTIBIOTIC_TIERS, DOCTOR_TITLES, Prescriber
from workstation.clinical.controlled import is_strict
from workstation.security.policy import clinical_role

# 护理人员职称: nurse grades (they carry no prescribing right)
NURSE_GRADES = ("nurse", "senior_nurse", "supervisor_nurse", "associate_chief_nurse", "chief_nurse")
TITLES = (*DOCTOR_TITLES, *NURSE_GRADES)
TITLE_ZH = {
    "trainee": "进修/实习医师", "resident": "住院医师", "attending": "主治医师",
    "associate_chief": "副主任医师", "chief": "主任医师", "nurse": "护士", "senior_nurse": "护师",
    "supervisor_nurse": "主管护师", "associate_chief_nurse": "副主任护师", "chief_nurse": "主任护师",
}  # fmt: skip
TIER_ZH = {"non_restricted": "非限制使用级", "restricted": "限制使用级", "special": "特殊使用级"}
# 抗菌药物临床应用管理办法 Art. 24: the highest tier right each doctor's title may be granted
TITLE_TIER_CAP = {
    "trainee": None, "resident": "non_restricted", "attending": "restricted",
    "associate_chief": "special", "chief": "special",
}  # fmt: skip
PURPOSES = ("prophylaxis", "treatment")  # 预防 / 治疗 (Art. 28 asks which)
OVERRIDE_HOURS = 24  # Art. 28: 越级使用 must be completed within 24 hours

# alerts settled by the order waiting for a co-signature or approval, not by an override reason
SIGNOFF_CATEGORIES = frozenset({"cosign", "antibiotic-tier"})
MISSING_COSIGN = "cosign"  # unlicensed or a trainee: every order
MISSING_TIER = "antibiotic-tier"  # antibiotic above the prescriber's tier right
MISSING_NARCOTIC = "controlled-drug"  # 麻醉/精一 without the narcotic right


def tier_rank(tier: str | None) -> int:
    """0 for no tier, then 1..3 from non-restricted to special."""
    return 0 if tier is None else ANTIBIOTIC_TIERS.index(tier) + 1


def antibiotic_tier(entry: Mapping[str, Any] | None) -> str | None:
    """The formulary entry's 抗菌药物分级 tier, or None for a drug outside the tiers."""
    tier = (entry or {}).get("antibiotic_tier")
    return tier if tier in ANTIBIOTIC_TIERS else None


def needs_narcotic_right(entry: Mapping[str, Any] | None) -> bool:
    """Whether ordering the drug needs 麻醉药品和第一类精神药品处方权 (处方管理办法 Art. 11): a
    麻醉药品 or 第一类精神药品 by the formulary's controlled class (clinical.controlled)."""
    return is_strict(entry)


def tier_cap_problem(title: str, tier: str | None) -> str | None:
    """Why a title may not hold this antibiotic tier right (Art. 24), or None."""
    if tier is None:
        return None
    if tier not in ANTIBIOTIC_TIERS:
        return f"unknown antibiotic tier {tier!r}"
    if title not in TITLE_TIER_CAP:
        return f"a {title} holds no antibiotic right"
    cap = TITLE_TIER_CAP[title]
    if tier_rank(tier) > tier_rank(cap):
        return f"a {title} may hold at most the {cap or 'no'} antibiotic tier (Art. 24)"
    return None


def effective_tier(prescriber: Prescriber) -> str | None:
    """The tier the prescriber may order alone: the granted right, capped by the title (Art. 24)."""
    cap = TITLE_TIER_CAP.get(prescriber.title)
    granted = prescriber.antibiotic_tier
    return granted if tier_rank(granted) <= tier_rank(cap) else cap


@dataclass(frozen=True, slots=True)
class OrderNeeds:
    """What rights a medication order needs, read from the drug's formulary entry."""

    antibiotic_tier: str | None = None
    narcotic: bool = False

    @classmethod
    def of(cls, entry: Mapping[str, Any] | None) -> OrderNeeds:
        """The needs of ordering the drug with this formulary entry."""
        return cls(antibiotic_tier(entry), needs_narcotic_right(entry))

    @property
    def needs_approval(self) -> bool:
        """特殊使用级: a designated consultant approves it (Art. 27)."""
        return self.antibiotic_tier == "special"

    @property
    def asks_culture(self) -> bool:
        """Restricted and special tiers ask whether a culture was sent (指导原则 2015, 4.2)."""
        return tier_rank(self.antibiotic_tier) >= tier_rank("restricted")


def missing_rights(
    prescriber: Prescriber, needs: OrderNeeds, *, licensed: bool = True
) -> tuple[str, ...]:
    """The rights the prescriber lacks for the order (empty: they may sign it alone)."""
    missing: list[str] = []
    if prescriber.title == "trainee" or not licensed:
        missing.append(MISSING_COSIGN)
    if tier_rank(needs.antibiotic_tier) > tier_rank(effective_tier(prescriber)):
        missing.append(MISSING_TIER)
    if needs.narcotic and not prescriber.narcotic_right:
        missing.append(MISSING_NARCOTIC)
    return tuple(missing)


def prescriber_of(rights: Mapping[str, Any]) -> Prescriber | None:
    """A user's rights (as the server sends them) as a Prescriber; None for a non-doctor."""
    title = rights.get("title")
    if title not in DOCTOR_TITLES:
        return None
    return Prescriber(
        title=str(title),
        antibiotic_tier=str(rights.get("antibiotic_tier") or "non_restricted"),
        narcotic_right=bool(rights.get("narcotic_right")),
    )


DOCTOR_ROLES = ("physician", "trainee_physician")
# A licensed doctor whose title 医务科 has not recorded yet holds the least rights a licensed doctor
# may: 住院医师 (初级) with the non-restricted antibiotic tier (Art. 24) and no narcotic right (处方管理办法
# Art. 11 grants it only after training and an examination). Never more until the office records it.
UNTITLED = Prescriber("resident", "non_restricted", narcotic_right=False)


def prescriber_for(role: str, rights: Mapping[str, Any]) -> Prescriber | None:
    """A user (role and rights as the server keeps them) as a prescriber; None for a non-doctor.
    A doctor whose title 医务科 has not set yet holds the least rights (UNTITLED: a resident with
    the non-restricted tier, no narcotic right); a trainee physician is always a trainee."""
    if clinical_role(role) not in DOCTOR_ROLES:
        return None
    if role == "trainee_physician":
        return Prescriber("trainee", "non_restricted", False)
    return prescriber_of(rights) or UNTITLED


def signoff_payload(
    prescriber: Prescriber, entry: Mapping[str, Any] | None, *, licensed: bool = True,
    culture_sent: bool | None = None, emergency: Mapping[str, str] | None = None,
) -> dict[str, Any] | None:  # fmt: skip
    """The `signoff` an order carries (events.rights_events), or None when it needs none: what
    the prescriber lacks, the antibiotic tier, the special-tier approval, the culture answer and
    an emergency override (Art. 28: indication and purpose)."""
    needs = OrderNeeds.of(entry)
    missing = missing_rights(prescriber, needs, licensed=licensed)
    if not missing and needs.antibiotic_tier is None:
        return None
    signoff: dict[str, Any] = {"missing": list(missing)}
    if needs.antibiotic_tier:
        signoff["antibiotic_tier"] = needs.antibiotic_tier
    if needs.needs_approval:
        signoff["needs_approval"] = True
    if culture_sent is not None and needs.asks_culture:
        signoff["culture_sent"] = culture_sent
    others = {MISSING_COSIGN, MISSING_NARCOTIC} & set(missing)  # no override stands in for these
    if emergency and not others and (MISSING_TIER in missing or needs.needs_approval):
        # it goes ahead now; the missing signatures complete it within 24 hours (Art. 28)
        signoff["emergency"] = dict(emergency)
    return signoff

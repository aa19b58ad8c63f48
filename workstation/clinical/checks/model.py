"""The value objects of the order checks: the order checked, the patient, alerts and overrides."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from workstation.clinical.body_surface import BodySize

CATEGORIES = (
    "drug-allergy", "drug-drug", "therapeutic-duplication", "dose-single", "dose-daily",
    "renal", "age", "pregnancy", "drug-lab", "drug-diagnosis",
    # the Chinese ordering rules: who may sign the order, and whether it may be given yet
    "antibiotic-tier", "skin-test", "controlled-drug", "cosign",
)  # fmt: skip
# 医师职称 (卫生部《卫生技术人员职务试行条例》): trainee = 进修/实习, not licensed to prescribe alone
DOCTOR_TITLES = ("trainee", "resident", "attending", "associate_chief", "chief")
# 抗菌药物临床应用管理办法 (2012) Art. 6: the three tiers of antibacterial use, lowest first
ANTIBIOTIC_TIERS = ("non_restricted", "restricted", "special")


@dataclass(frozen=True, slots=True)
class Prescriber:
    """Who signs the order: professional title and prescribing rights (kept by 医务科)."""

    title: str = "attending"
    antibiotic_tier: str = "restricted"  # highest tier this prescriber may order alone
    narcotic_right: bool = True  # 麻醉药品和第一类精神药品处方权 (处方管理办法 Art. 11)

    def __post_init__(self) -> None:
        if self.title not in DOCTOR_TITLES:
            raise ValueError(f"unknown title {self.title!r}; one of {', '.join(DOCTOR_TITLES)}")
        if self.antibiotic_tier not in ANTIBIOTIC_TIERS:
            raise ValueError(
                f"unknown antibiotic tier {self.antibiotic_tier!r};"
                f" one of {', '.join(ANTIBIOTIC_TIERS)}"
            )


SEVERITIES = ("info", "warning", "critical")
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}


@dataclass(frozen=True, slots=True)
class MedicationOrder:
    """A structured medication order as the checks see it (parsed from a sentence or a row)."""

    drug_code: str
    dose_value: float | None = None
    dose_unit: str | None = None
    route: str | None = None
    frequency: str | None = None
    doses_per_day: float | None = None
    duration_days: int | None = None
    prn: bool = False
    text: str = ""
    diluent_ml: float | None = None  # carrier fluid of a compound line (`NS 500ml + ...`)
    prescriber: Prescriber | None = None  # who signs it; None = not known to the checks
    discharge: bool = False  # 出院带药: taken home (outpatient quantity limits, not the ward's)


@dataclass(frozen=True, slots=True)
class PatientContext:
    """What the checks need to know about the patient."""

    age_years: float | None = None
    sex: str | None = None
    weight_kg: float | None = None
    pregnant: bool = False
    allergies: tuple[str, ...] = ()
    active_orders: tuple[MedicationOrder, ...] = ()
    labs: Mapping[str, float] = field(default_factory=dict)
    diagnoses: tuple[str, ...] = ()
    skin_tests: Mapping[str, str] = field(default_factory=dict)  # substance -> positive | negative
    opioid_tolerant: bool = False  # recorded by a doctor (OpioidToleranceRecorded); else naive
    body: BodySize | None = None  # latest height and weight, for dosing per m² (None: unknown)


@dataclass(frozen=True, slots=True)
class Alert:
    """One finding of the order checks, in English and Chinese, with the rule that raised it."""

    category: str
    severity: str
    message: str
    message_zh: str
    rule_id: str
    source: str

    def __post_init__(self) -> None:
        if self.category not in CATEGORIES:
            raise ValueError(f"unknown alert category {self.category!r}")
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown alert severity {self.severity!r}")

    @property
    def interrupts(self) -> bool:
        """Only a critical alert interrupts the prescriber and needs a reason to override."""
        return self.severity == "critical"


@dataclass(frozen=True, slots=True)
class Override:
    """The prescriber's reason for going ahead despite the alert of one rule."""

    rule_id: str
    reason: str


def blocking_alerts(alerts: Iterable[Alert], overrides: Iterable[Override]) -> list[Alert]:
    """The critical alerts that have no override with a non-blank reason."""
    reasons = {o.rule_id for o in overrides if o.reason and o.reason.strip()}
    return [a for a in alerts if a.interrupts and a.rule_id not in reasons]


def can_sign(alerts: Iterable[Alert], overrides: Iterable[Override]) -> bool:
    """Whether an order with these alerts may be signed with these overrides."""
    return not blocking_alerts(alerts, overrides)


def overrides_payload(alerts: Iterable[Alert], overrides: Iterable[Override]) -> dict[str, Any]:
    """The `overrides` object stored on OrderPlaced: the alerts shown and the reasons given.

    Shape: {"alerts": [{"rule_id", "category", "severity"}], "reasons": {rule_id: reason}}.
    """
    shown = list(alerts)
    fired = {a.rule_id for a in shown}
    return {
        "alerts": [
            {"rule_id": a.rule_id, "category": a.category, "severity": a.severity} for a in shown
        ],
        "reasons": {
            o.rule_id: o.reason.strip()
            for o in overrides
            if o.rule_id in fired and o.reason and o.reason.strip()
        },
    }


def highest_severity(alerts: Iterable[Alert]) -> str | None:
    """The most severe level among the alerts, or None when there are none."""
    ranks = [SEVERITY_RANK[a.severity] for a in alerts]
    return SEVERITIES[max(ranks)] if ranks else None

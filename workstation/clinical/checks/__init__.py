"""Order checks (clinical decision support), Qt-free.

`check_order(order, patient, knowledge)` runs every check on one structured medication order
and returns the alerts, most severe first. Only `critical` alerts interrupt; `can_sign` tells
whether the alerts may be signed with the overrides given (a critical alert needs a reason).
"""

from __future__ import annotations

from collections.abc import Callable

from workstation.clinical.checks import (
    age,
    allergy,
    bsa,
    controlled_drug,
    dose,
    drug_diagnosis,
    drug_lab,
    duplication,
    infusion,
    interactions,
    pregnancy,
    renal,
    rights,
    skin_test,
    tenfold,
)
from workstation.clinical.checks.model import (
    CATEGORIES,
    SEVERITIES,
    SEVERITY_RANK,
    Alert,
    MedicationOrder,
    Override,
    PatientContext,
    blocking_alerts,
    can_sign,
    highest_severity,
    overrides_payload,
)
from workstation.clinical.knowledge import Knowledge, default_knowledge

Check = Callable[[MedicationOrder, PatientContext, Knowledge], list[Alert]]

CHECKS: tuple[Check, ...] = (
    allergy.check, interactions.check, duplication.check, dose.check, infusion.check, renal.check,
    age.check,
    pregnancy.check, drug_lab.check, drug_diagnosis.check, rights.check, skin_test.check,
    controlled_drug.check, tenfold.check, bsa.check,
)  # fmt: skip

__all__ = [
    "CATEGORIES", "SEVERITIES", "Alert", "MedicationOrder", "Override", "PatientContext",
    "blocking_alerts", "can_sign", "check_order", "highest_severity", "overrides_payload",
]  # fmt: skip


def check_order(
    order: MedicationOrder, patient: PatientContext, knowledge: Knowledge | None = None
) -> list[Alert]:
    """All alerts for one medication order, most severe first."""
    kb = knowledge or default_knowledge()
    alerts: list[Alert] = []
    for run in CHECKS:
        alerts.extend(run(order, patient, kb))
    formulary_renal = [
        a for a in alerts if a.category == "renal" and a.rule_id.startswith("renal-")
    ]
    if formulary_renal:  # the formulary's own renal advice replaces the generic eGFR rules
        alerts = [a for a in alerts if a.category != "renal" or a in formulary_renal]
    alerts.sort(key=lambda a: (-SEVERITY_RANK[a.severity], CATEGORIES.index(a.category)))
    return alerts

"""An order group (several drugs in one bag) checked drug by drug: each drug runs every order
check on its own, with the other drugs of the bag counted as active (an interaction or a
duplicate inside one bag is found as between two orders)."""

from __future__ import annotations

from dataclasses import replace

from workstation.clinical.checks import Alert, PatientContext, check_order
from workstation.clinical.checks.context import order_from_parsed
from workstation.clinical.checks.model import CATEGORIES, SEVERITY_RANK, Prescriber
from workstation.clinical.knowledge import Knowledge
from workstation.clinical.order_sentence import ParsedOrder


def group_alerts(
    parsed: ParsedOrder, text: str, patient: PatientContext, knowledge: Knowledge | None = None,
    prescriber: Prescriber | None = None,
) -> list[Alert]:  # fmt: skip
    """The alerts of every drug of the order (one drug: check_order's), most severe first; each
    drug is checked as signed by `prescriber` (their rights: antibiotic tier, narcotic right)."""
    members = [
        replace(order_from_parsed(member, text), prescriber=prescriber) for member in parsed.members
    ]
    alerts: list[Alert] = []
    for index, order in enumerate(members):
        others = tuple(m for i, m in enumerate(members) if i != index)
        context = replace(patient, active_orders=patient.active_orders + others)
        alerts += [a for a in check_order(order, context, knowledge) if a not in alerts]
    alerts.sort(key=lambda a: (-SEVERITY_RANK[a.severity], CATEGORIES.index(a.category)))
    return alerts

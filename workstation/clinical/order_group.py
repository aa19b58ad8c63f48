"""An order group (several drugs in one bag) checked drug by drug: each drug runs every order
check on its own, with the other drugs of the bag counted as active (an interaction or a
duplicate inside one bag is found as between two orders) — at order entry and again at the
pharmacist's verification; the skin test the bag needs (every drug's); and the bag's other
drugs and carrier in words, for the screens and labels that show an order by its first drug."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from workstation.clinical.checks import Alert, PatientContext, check_order
from workstation.clinical.checks.context import drug_rows, order_from_parsed, order_from_row
from workstation.clinical.checks.model import (
    CATEGORIES,
    SEVERITY_RANK,
    MedicationOrder,
    Prescriber,
)
from workstation.clinical.controlled import skin_test_status
from workstation.clinical.formulary import Formulary
from workstation.clinical.knowledge import Knowledge
from workstation.clinical.order_sentence import ParsedOrder
from workstation.clinical.sentence_drug import Diluent


def group_alerts(
    parsed: ParsedOrder, text: str, patient: PatientContext, knowledge: Knowledge | None = None,
    prescriber: Prescriber | None = None, *, discharge: bool = False,
) -> list[Alert]:  # fmt: skip
    """The alerts of every drug of the order (one drug: check_order's), most severe first; each
    drug is checked as signed by `prescriber` (their rights: antibiotic tier, narcotic right),
    as a 出院带药 when `discharge`."""
    members = [
        replace(order_from_parsed(member, text), prescriber=prescriber, discharge=discharge)
        for member in parsed.members
    ]
    return members_alerts(members, patient, knowledge)


def row_alerts(
    order: Mapping[str, Any], patient: PatientContext, knowledge: Knowledge | None = None
) -> list[Alert]:
    """The alerts of every drug of a stored order row (its bag's members too), as the
    pharmacist's verification re-checks it; [] for an order without a drug."""
    if not order.get("drug_code"):
        return []
    return members_alerts([order_from_row(row) for row in drug_rows(order)], patient, knowledge)


def members_alerts(
    members: list[MedicationOrder], patient: PatientContext, knowledge: Knowledge | None = None
) -> list[Alert]:
    """Each drug of one bag checked with the others counted active, alerts most severe first."""
    alerts: list[Alert] = []
    for index, order in enumerate(members):
        others = tuple(m for i, m in enumerate(members) if i != index)
        context = replace(patient, active_orders=patient.active_orders + others)
        alerts += [a for a in check_order(order, context, knowledge) if a not in alerts]
    alerts.sort(key=lambda a: (-SEVERITY_RANK[a.severity], CATEGORIES.index(a.category)))
    return alerts


SKIN_TEST_WORST = (None, "negative", "pending", "positive")  # the bag's status: its worst drug's


def group_skin_test(
    order: Mapping[str, Any], formulary: Formulary, on_file: Mapping[str, str]
) -> str | None:
    """The skin test status of the whole order (None, negative, pending, positive): a bag
    needing one for any of its drugs waits for that drug's negative result as for a first drug."""
    statuses = []
    for row in drug_rows(order):
        drug = formulary.by_code(str(row.get("drug_code") or ""))
        statuses.append(skin_test_status(drug.entry if drug else None, on_file))
    return max(statuses, key=SKIN_TEST_WORST.index, default=None)


def bag_companions(order: Mapping[str, Any], lang: str) -> str:
    """What else is in the order's bag or syringe, as the nurse must see it beside the first drug
    ('+ 氯化钾 1 g + 0.9%氯化钠注射液 250 mL'); '' for a single drug."""
    group = order.get("group") or {}
    parts = [
        f"{m.get('drug_name') or m.get('drug_code')} {_amount(m)}".strip()
        for m in group.get("members") or []
    ]
    carrier = group.get("carrier")
    if carrier:
        parts.append(Diluent(carrier["code"], float(carrier["volume_ml"])).label(lang))
    return "".join(f" + {part}" for part in parts)


def _amount(drug: Mapping[str, Any]) -> str:
    value = drug.get("dose_value")
    return f"{value:g} {drug.get('dose_unit') or ''}".strip() if value is not None else ""

"""A daily ceiling that differs by route (morphine: 极量 sc 60 mg, po 100 mg a day, 中国药典临床用药须知,
applied to an opioid-naive patient) counts another route's active order as its share of that
route's own ceiling, never as milligrams of the new order's route: 20 mg sc is not 20 mg by mouth."""

from __future__ import annotations

import pytest

from workstation.clinical.checks import MedicationOrder, PatientContext, check_order
from workstation.clinical.knowledge import Knowledge, default_knowledge


@pytest.fixture(scope="module")
def kb() -> Knowledge:
    return default_knowledge()


def morphine(dose: float, route: str, freq: str, per_day: float) -> MedicationOrder:
    return MedicationOrder("morphine", dose, "mg", route, freq, per_day)


def daily(kb: Knowledge, order: MedicationOrder, *active: MedicationOrder) -> list[str]:
    patient = PatientContext(
        age_years=60, weight_kg=70, opioid_tolerant=False, active_orders=active
    )
    return [a.message for a in check_order(order, patient, kb) if a.category == "dose-daily"]


def test_the_other_routes_share_of_its_own_ceiling_is_counted(kb: Knowledge) -> None:
    # 80 mg po (80 % of 100) beside 20 mg sc (a third of 60): over the 极量 together, although
    # 80 + 20 mg "by mouth" would be exactly 100
    alerts = daily(kb, morphine(20, "po", "q6h", 4), morphine(10, "sc", "q12h", 2))
    assert len(alerts) == 1 and "sc" in alerts[0]


def test_a_small_dose_by_another_route_is_not_counted_against_the_smaller_ceiling(kb) -> None:
    # 10 mg sc (a sixth of 60) beside 80 mg po (80 % of 100): within both together; adding the
    # milligrams gave 90 mg against the sc ceiling of 60 and alerted
    assert daily(kb, morphine(5, "sc", "q12h", 2), morphine(20, "po", "q6h", 4)) == []


def test_the_same_route_still_adds_milligrams(kb: Knowledge) -> None:
    assert daily(kb, morphine(10, "sc", "q4h", 6), morphine(10, "sc", "q12h", 2))
    assert daily(kb, morphine(10, "sc", "q12h", 2), morphine(10, "sc", "q12h", 2)) == []


def test_an_opioid_tolerant_patient_is_not_held_to_the_naive_ceiling(kb: Knowledge) -> None:
    tolerant = PatientContext(age_years=60, weight_kg=70, opioid_tolerant=True,
                              active_orders=(morphine(10, "sc", "q12h", 2),))  # fmt: skip
    alerts = check_order(morphine(20, "po", "q6h", 4), tolerant, kb)
    assert not [a for a in alerts if a.category == "dose-daily"]

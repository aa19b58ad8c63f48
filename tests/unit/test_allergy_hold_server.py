"""The server's proof of the allergy hold (issue 11 item 5): an order verified while the
patient's allergies are "not yet documented" is refused, and a first dose given is let in and
flagged for review (a fact: sync rule 3), unless the same person recorded an override with a
reason for that order and step (AllergyCheckOverridden)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from tests.unit import test_push_rules as rules
from tests.unit.test_push_rules import AT, make, med_order, send, statuses
from workstation.events.vocabulary import EVENT_TYPES
from workstation.projections import tables as t
from workstation.projections.projector import HANDLERS
from workstation.server.auth import User
from workstation.server.db import reader

# the push rules' fixtures: a server on a fresh copy of a migrated database, a patient admitted
template_db, server, admitted = rules.template_db, rules.server, rules.admitted

HOLD = "rejected:allergy_undocumented"
FLAGGED = "accepted+flagged"


def with_flags(server: dict[str, Any], results: list[dict[str, Any]]) -> list[str]:
    """The statuses, an accepted event marked when the server flagged it for the allergy hold."""
    with reader(server["engine"]) as conn:
        flagged = set(conn.execute(select(t.review_flags.c.event_id).where(
            t.review_flags.c.flag_kind == "allergy_undocumented")).scalars())  # fmt: skip
    return [
        FLAGGED if r["event_id"] in flagged else s
        for r, s in zip(results, statuses(results), strict=True)
    ]


def dose(
    nurse: User, order: dict[str, Any], patient: str, outcome: str = "given"
) -> dict[str, Any]:
    """A MedicationAdministered wire event of the order."""
    payload: dict[str, Any] = {"order_id": order["event_id"], "outcome": outcome,
                               "administered_at": AT}  # fmt: skip
    if outcome == "given":
        payload |= {"dose_value": 500, "dose_unit": "mg", "route": "po"}
    else:
        payload["reason"] = "patient asleep"
    return make(nurse, "MedicationAdministered", payload, patient)


def override(author: User, order: dict[str, Any], patient: str, step: str) -> dict[str, Any]:
    """An AllergyCheckOverridden wire event with its reason."""
    return make(author, "AllergyCheckOverridden", {
        "order_id": order["event_id"], "step": step, "reason": "unconscious, no family yet",
    }, patient)  # fmt: skip


def verified(pharmacist: User, order: dict[str, Any], patient: str) -> dict[str, Any]:
    """An OrderVerified wire event."""
    return make(pharmacist, "OrderVerified", {"order_id": order["event_id"]}, patient)


def placed(server: dict[str, Any], patient: str) -> dict[str, Any]:
    """A medication order, accepted."""
    order = med_order(server["users"]["doc"], patient)
    assert statuses(send(server, "doc", [order])) == ["accepted"]
    return order


def test_first_dose_without_documented_allergies_is_let_in_and_flagged(server, admitted):
    order, nurse = placed(server, admitted), server["users"]["nurse"]
    results = send(server, "nurse", [dose(nurse, order, admitted)])
    assert with_flags(server, results) == [FLAGGED]
    with reader(server["engine"]) as conn:
        message = conn.execute(select(t.review_flags.c.message)).scalar_one()
    assert "not yet documented" in message


def test_a_dose_not_given_is_not_held(server, admitted):
    order, nurse = placed(server, admitted), server["users"]["nurse"]
    assert statuses(send(server, "nurse", [dose(nurse, order, admitted, "held")])) == ["accepted"]


def test_override_with_reason_lets_the_first_dose_and_then_later_doses_in(server, admitted):
    order, nurse = placed(server, admitted), server["users"]["nurse"]
    batch = [override(nurse, order, admitted, "administration"), dose(nurse, order, admitted)]
    assert statuses(send(server, "nurse", batch)) == ["accepted", "accepted"]
    # not a first dose any more: the next one needs no override
    assert statuses(send(server, "nurse", [dose(nurse, order, admitted)])) == ["accepted"]


def test_override_pushed_in_an_earlier_batch_counts(server, admitted):
    order, nurse = placed(server, admitted), server["users"]["nurse"]
    assert statuses(send(server, "nurse", [override(nurse, order, admitted, "administration")])) == [
        "accepted"]  # fmt: skip
    assert statuses(send(server, "nurse", [dose(nurse, order, admitted)])) == ["accepted"]


def test_override_of_another_step_order_or_person_does_not_count(server, admitted):
    users = server["users"]
    nurse, pharm = users["nurse"], users["pharm"]
    order, other = placed(server, admitted), placed(server, admitted)
    by_pharmacist = override(pharm, order, admitted, "verification")  # another person
    assert statuses(send(server, "pharm", [by_pharmacist])) == ["accepted"]
    batch = [
        override(nurse, order, admitted, "verification"),  # another step
        override(nurse, other, admitted, "administration"),  # another order
        dose(nurse, order, admitted),
    ]
    assert with_flags(server, send(server, "nurse", batch)) == ["accepted", "accepted", FLAGGED]


def test_no_known_allergies_or_a_recorded_allergy_lifts_the_hold(server, admitted):
    users = server["users"]
    doc, nurse = users["doc"], users["nurse"]
    order = placed(server, admitted)
    nka = make(doc, "NoKnownAllergiesRecorded", {"source": "patient"}, admitted)
    assert statuses(send(server, "doc", [nka])) == ["accepted"]
    assert statuses(send(server, "nurse", [dose(nurse, order, admitted)])) == ["accepted"]


def test_allergy_recorded_earlier_in_the_same_batch_counts(server, admitted):
    users = server["users"]
    order, nurse = placed(server, admitted), users["nurse"]
    allergy = make(nurse, "AllergyRecorded", {"substance": "penicillin", "reaction": "rash",
                                              "severity": "moderate"}, admitted)  # fmt: skip
    assert statuses(send(server, "nurse", [allergy, dose(nurse, order, admitted)])) == [
        "accepted", "accepted"]  # fmt: skip


def test_verification_is_held_until_documented_or_overridden(server, admitted):
    pharm = server["users"]["pharm"]
    order = placed(server, admitted)
    [result] = send(server, "pharm", [verified(pharm, order, admitted)])
    assert statuses([result]) == [HOLD]
    batch = [override(pharm, order, admitted, "verification"), verified(pharm, order, admitted)]
    assert statuses(send(server, "pharm", batch)) == ["accepted", "accepted"]


def test_voided_no_known_allergies_does_not_count(server, admitted):
    users = server["users"]
    doc, pharm = users["doc"], users["pharm"]
    order = placed(server, admitted)
    nka = make(doc, "NoKnownAllergiesRecorded", {"source": "patient"}, admitted)
    void = make(doc, "EventVoided", {"target_event_id": nka["event_id"], "reason": "wrong patient"},
                admitted)  # fmt: skip
    assert statuses(send(server, "doc", [nka, void])) == ["accepted", "accepted"]
    assert statuses(send(server, "pharm", [verified(pharm, order, admitted)])) == [HOLD]


def test_a_voided_override_does_not_count(server, admitted):
    pharm = server["users"]["pharm"]
    order = placed(server, admitted)
    why = override(pharm, order, admitted, "verification")
    void = make(pharm, "EventVoided", {"target_event_id": why["event_id"], "reason": "wrong order"},
                admitted)  # fmt: skip
    assert statuses(send(server, "pharm", [why, void])) == ["accepted", "accepted"]
    assert statuses(send(server, "pharm", [verified(pharm, order, admitted)])) == [HOLD]


def test_every_event_type_has_a_fold():
    """A type without a handler made the fold of its whole batch fail (AllergyCheckOverridden)."""
    assert sorted(set(EVENT_TYPES) - set(HANDLERS)) == []

"""The nurse's skin-test and controlled-drug records on the worker lane, as plain functions
(tested without Qt): each second person's credential is checked against the verifiers cached
on this PC, as a high-alert dose's witness is (offline_cache.session.verify_cosigner)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from offline_cache.workstation import Workstation
from ui.screens.mar.tasks import Witness
from workstation.clinical.controlled import witness_problem
from workstation.clinical.skin_tests import SKIN_TEST_CODE, skin_test_payload
from workstation.clock import now_iso
from workstation.projections import tables as pt


def record_skin_test(ws: Workstation, patient_id: str, *, substance: str, result: str,
                     witness: Witness, drug_code: str | None = None,
                     reaction: str | None = None) -> str:  # fmt: skip
    """Save a skin-test result read by the current nurse and checked by a second nurse
    (LoginRefused for a wrong credential, ValueError for a bad result); the open skin-test
    order of the substance is completed. Works offline: the events sync like any other."""
    second = ws.sessions.verify_cosigner(witness.username, witness.password)
    order_id = _open_skin_test_order(ws, patient_id, substance)
    payload = skin_test_payload(substance=substance, result=result, read_at=now_iso(),
                                witness_id=second.user_id, author_id=ws.user.user_id,
                                order_id=order_id, drug_code=drug_code, reaction=reaction)  # fmt: skip
    event = ws.record("SkinTestRecorded", patient_id=patient_id, payload=payload)
    if order_id is not None:
        ws.record("OrderCompleted", patient_id=patient_id, payload={"order_id": order_id})
    return event.event_id


def _open_skin_test_order(ws: Workstation, patient_id: str, substance: str) -> str | None:
    o = pt.orders.c
    with ws.store.reading() as conn:
        return conn.execute(
            select(o.order_id).where(o.patient_id == patient_id,
                                     o.code == f"{SKIN_TEST_CODE}{substance.strip()}",
                                     o.status.in_(("placed", "verified")), o.voided.is_(False))
        ).scalars().first()  # fmt: skip


def record_destruction(ws: Workstation, patient_id: str, *, drug_code: str, amount: float,
                       unit: str, witness: Witness, order_id: str | None = None,
                       lot: str | None = None) -> str:  # fmt: skip
    """Save what was left of a controlled dose, destroyed before a second person."""
    second = ws.sessions.verify_cosigner(witness.username, witness.password)
    payload: dict[str, Any] = {"drug_code": drug_code, "amount": amount, "unit": unit,
                               "witness_id": second.user_id}  # fmt: skip
    problem = witness_problem(ws.user.user_id, payload)
    if problem:
        raise ValueError(problem)
    extra = {"order_id": order_id, "lot": lot}
    payload |= {k: v for k, v in extra.items() if v}
    return ws.record("ControlledDrugDestroyed", patient_id=patient_id, payload=payload).event_id


def record_empty_return(ws: Workstation, patient_id: str, *, drug_code: str, quantity: float,
                        unit: str, lot: str | None = None, order_id: str | None = None) -> str:  # fmt: skip
    """Save the empty ampoules or used patches given back for the next dispense."""
    payload: dict[str, Any] = {"drug_code": drug_code, "quantity": quantity, "unit": unit}
    extra = {"order_id": order_id, "lot": lot}
    payload |= {k: v for k, v in extra.items() if v}
    return ws.record("EmptyAmpouleReturned", patient_id=patient_id, payload=payload).event_id

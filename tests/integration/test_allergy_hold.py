"""The server's allergy hold on a real database (SQLite and PostgreSQL): an override stored by an
earlier push is read back from the event log; a voided one and another person's do not count."""

from __future__ import annotations

import itertools
from typing import Any

from sqlalchemy import Engine

from tests.support.signing import server_keys
from tests.support.ward import admission, amoxicillin_order, given, seed_ward
from workstation.clock import now_iso
from workstation.events import Event
from workstation.ids import uuid7
from workstation.server import auth
from workstation.server.auth import User
from workstation.server.db import reader
from workstation.server.sync import push

_seq = itertools.count(1)
HOLD = "rejected:allergy_undocumented"


def _wire(author: User, event_type: str, payload: dict[str, Any], patient: str) -> dict[str, Any]:
    return Event(uuid7(), event_type, patient, author.user_id, "dev-1", next(_seq), now_iso(),
                 payload).to_wire()  # fmt: skip


def _send(engine: Engine, author: User, *wires: dict[str, Any]) -> list[str]:
    signed = server_keys(engine).sign_all(list(wires))
    results = push(engine, pusher=author, device_id="dev-1", wire_events=signed)["results"]
    return [r["status"] + (f":{r['code']}" if r["status"] == "rejected" else "") for r in results]


def test_stored_overrides_are_read_back_per_person_step_and_void(server_engine: Engine) -> None:
    seed_ward(server_engine)
    with reader(server_engine) as conn:
        users = {u.username: u for u in auth.all_users(conn).values()}
    doc, nurse, pharm = users["doc.card"], users["nurse.card"], users["pharm"]
    patient = uuid7()
    order = _wire(doc, "OrderPlaced", amoxicillin_order(), patient)
    assert _send(server_engine, doc, _wire(doc, "PatientAdmitted", admission("赵六", "3", record_number="MRN-9"), patient),
                 order) == ["accepted", "accepted"]  # fmt: skip
    why = {"order_id": order["event_id"], "reason": "unconscious, no family yet"}
    nurse_why = _wire(nurse, "AllergyCheckOverridden", why | {"step": "administration"}, patient)
    pharm_why = _wire(pharm, "AllergyCheckOverridden", why | {"step": "verification"}, patient)
    void = _wire(pharm, "EventVoided", {"target_event_id": pharm_why["event_id"],
                                        "reason": "wrong patient"}, patient)  # fmt: skip
    assert _send(server_engine, nurse, nurse_why) == ["accepted"]
    assert _send(server_engine, pharm, pharm_why, void) == ["accepted", "accepted"]

    verify = _wire(pharm, "OrderVerified", {"order_id": order["event_id"]}, patient)
    assert _send(server_engine, pharm, verify) == [HOLD]  # the pharmacist voided the reason
    dose = _wire(nurse, "MedicationAdministered", given(order["event_id"]), patient)
    assert _send(server_engine, nurse, dose) == ["accepted"]  # the nurse's reason, pushed before

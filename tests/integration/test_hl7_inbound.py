"""HL7 v2 inbound in process: each ADT trigger becomes the station's events, checked on the push
path; a wrong message is kept with its reason; the admin queue is admins' only."""

from __future__ import annotations

from typing import Any

import hl7
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select, update

from tests.support.hl7_day import WARDS, adt, oru, potassium
from tests.support.ward import PASSWORD
from workstation.projections import tables as pt
from workstation.server import auth, refdata
from workstation.server.app import create_app
from workstation.server.db import reader, writer
from workstation.server.hl7_inbound import Inbox, queue
from workstation.server.models import audit_log, events, signing_keys


@pytest.fixture
def inbox(server_engine: Engine) -> Inbox:
    """An inbox over a server with wards W1 and W2."""
    with writer(server_engine) as conn:
        for ward in WARDS:
            refdata.add_ward(conn, ward_id=ward, name_en=ward, name_zh=ward,
                             beds=[str(n) for n in range(1, 20)])  # fmt: skip
    return Inbox(server_engine)


def _send(inbox: Inbox, text: str, codec: str = "utf-8") -> tuple[str, str]:
    ack = hl7.parse(inbox.handle(text.encode(codec)).decode(codec))
    return str(ack["MSA.1"]), str(ack["MSA.3"])


def _patient(engine: Engine, record_number: str) -> Any:
    with reader(engine) as conn:
        return conn.execute(
            select(pt.patients).where(pt.patients.c.record_number == record_number)
        ).one()


def test_each_adt_trigger_moves_the_census(inbox: Inbox, server_engine: Engine) -> None:
    assert _send(inbox, adt("M1", "A01", "R1", location="W1^^3"))[0] == "AA"
    assert _send(inbox, adt("M2", "A02", "R1", location="W2^^4"))[0] == "AA"
    assert (_patient(server_engine, "R1").ward_id, _patient(server_engine, "R1").bed) == ("W2", "4")
    assert _send(inbox, adt("M3", "A12", "R1", location="W1^^3"))[0] == "AA"
    assert _patient(server_engine, "R1").ward_id == "W1"
    assert _send(inbox, adt("M4", "A08", "R1", name="张^三丰", birth="19600202"))[0] == "AA"
    assert (_patient(server_engine, "R1").name, _patient(server_engine, "R1").birth_date) == (
        "张三丰", "1960-02-02")  # fmt: skip
    assert _send(inbox, adt("M5", "A03", "R1"))[0] == "AA"
    assert _patient(server_engine, "R1").status == "discharged"
    assert _send(inbox, adt("M6", "A13", "R1"))[0] == "AA"
    assert _patient(server_engine, "R1").status == "admitted"
    assert _send(inbox, adt("M7", "A11", "R1"))[0] == "AA"
    assert _patient(server_engine, "R1").status == "discharged"
    assert _send(inbox, adt("M8", "A04", "R2", location=""))[1].startswith("registered")


def test_events_are_signed_by_the_interface_and_verified_on_the_push_path(
    inbox: Inbox, server_engine: Engine
) -> None:
    assert _send(inbox, adt("S1", "A01", "R7"))[0] == "AA"
    with reader(server_engine) as conn:
        row = conn.execute(select(events.c.author_id, events.c.signature)).one()
    assert row.author_id == inbox.identity.user.user_id and row.signature
    with writer(server_engine) as conn:  # the key revoked: the push path refuses its events
        conn.execute(update(signing_keys).values(revoked_at="2026-01-01T00:00:00.000Z"))
    code, text = _send(inbox, adt("S2", "A08", "R7", name="李^四"))
    assert code == "AE" and "revoked" in text
    assert queue(server_engine)[0]["message_key"] == "HIS|S2"


def test_one_interface_key_per_process_and_a_fresh_one_once_it_is_revoked(
    inbox: Inbox, server_engine: Engine
) -> None:
    first = inbox.identity.signer.key_id
    assert Inbox(server_engine).identity.signer.key_id == first  # no new key per Inbox
    with reader(server_engine) as conn:
        assert conn.execute(select(signing_keys.c.key_id)
                            .where(signing_keys.c.device_id == "hl7-mllp")).scalars().all() == [first]  # fmt: skip
    with writer(server_engine) as conn:
        conn.execute(update(signing_keys).values(revoked_at="2026-01-01T00:00:00.000Z"))
    renewed = Inbox(server_engine)
    assert renewed.identity.signer.key_id != first
    assert _send(renewed, adt("K1", "A01", "R8"))[0] == "AA"


def test_unknown_charset_and_unreadable_messages_are_kept(
    inbox: Inbox, server_engine: Engine
) -> None:
    assert _send(inbox, adt("C1", "A01", "R3", charset="EBCDIC"))[0] == "AE"
    ack = inbox.handle(b"PID|1||X\r")
    assert b"MSA|AE|" in ack
    kept = {row["error_field"] for row in queue(server_engine)}
    assert kept == {"MSH-18", "MSH"}


def test_a_correction_supersedes_the_result_it_corrects(
    inbox: Inbox, server_engine: Engine
) -> None:
    _send(inbox, adt("L0", "A01", "R4"))
    assert _send(inbox, oru("L1", "R4", [potassium("6.8", "F", "HH")]))[0] == "AA"
    assert _send(inbox, oru("L2", "R4", [potassium("4.1", "C", "N")]))[0] == "AA"
    with reader(server_engine) as conn:
        rows = conn.execute(select(pt.lab_results.c.value, pt.lab_results.c.flag,
                                   pt.lab_results.c.voided, pt.lab_results.c.result_status,
                                   pt.lab_results.c.superseded_by)).all()  # fmt: skip
    shown = [r for r in rows if not r.voided]
    assert [(r.value, r.flag, r.result_status) for r in shown] == [("4.1", None, "corrected")]
    assert [r.superseded_by for r in rows if r.voided] != [None]


def test_the_interface_queue_is_for_admins_and_a_rerun_is_audited(
    inbox: Inbox, server_engine: Engine
) -> None:
    _send(inbox, adt("Q1", "A01", "R5", location="W9^^1"))
    client = TestClient(create_app(server_engine))
    nurse = login_as(client, server_engine, role="nurse")
    assert client.get("/interface/queue", headers=nurse).status_code == 403
    admin = login_as(client, server_engine, role="admin")
    listed = client.get("/interface/queue", headers=admin).json()["messages"]
    assert [(m["message_key"], m["error_field"]) for m in listed] == [("HIS|Q1", "PV1-3")]
    done = client.post("/interface/queue/rerun", headers=admin,
                       json={"message_key": "HIS|Q1", "ward_map": {"W9": "W2"}})  # fmt: skip
    assert done.json()["status"] == "applied"
    assert _patient(server_engine, "R5").ward_id == "W2"
    with reader(server_engine) as conn:
        actions = set(conn.execute(select(audit_log.c.action)).scalars())
    assert {"hl7_message_rejected", "hl7_message_rerun", "interface_queue_listed"} <= actions


def login_as(client: TestClient, engine: Engine, *, role: str) -> dict[str, str]:
    """A user of `role` on W1, logged in on a device of W1; the bearer header."""
    with writer(engine) as conn:
        auth.add_user(conn, username=role, password=PASSWORD, display_name=role, role=role,
                      wards=["W1"])  # fmt: skip
    body = {"username": role, "password": PASSWORD, "device_id": f"ws-{role}"}
    answer = client.post("/auth/login", json=body)
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def test_a_critical_result_by_hl7_is_reported_in_the_same_commit_and_resend_adds_nothing(
    inbox: Inbox, server_engine: Engine
) -> None:
    """危急值 from the LIS follow the same path as every other: the LL/HH flag makes the result
    critical, and the critical value (reported by the sending laboratory) is committed with it."""
    from workstation.projections.safety_tables import critical_values

    _send(inbox, adt("K0", "A01", "R7"))
    assert _send(inbox, oru("K1", "R7", [potassium("6.9", "F", "HH")]))[0] == "AA"
    assert _send(inbox, oru("K2", "R7", [potassium("4.2", "F", "N")]))[0] == "AA"
    assert _send(inbox, oru("K1", "R7", [potassium("6.9", "F", "HH")]))[0] == "AA"  # a resend
    with reader(server_engine) as conn:
        reported = conn.execute(select(critical_values)).mappings().all()
        kinds = [t for (t,) in conn.execute(select(events.c.type).order_by(events.c.server_seq))]
    assert [(r["value"], r["flag"], r["reporter"]) for r in reported] == [("6.9", "HH", "LAB")]
    assert kinds.count("CriticalValueReported") == 1
    assert kinds.index("CriticalValueReported") == kinds.index("LabResulted") + 1


def test_a_result_past_a_default_limit_by_hl7_is_a_critical_value_without_the_lab_flag(
    inbox: Inbox, server_engine: Engine
) -> None:
    """The shipped default limits (sodium ≤ 120 mmol/L, Kost 1990) by the LOINC code the LIS
    sends: 118 flagged only L is a critical value on the same path; 121 is not."""
    from workstation.projections.safety_tables import critical_values

    def sodium(value: str) -> str:
        return (f"OBX|1|NM|2951-2^Sodium [Moles/volume] in Serum or Plasma^LN||{value}|mmol/L"
                "|137-147|L|||F|||20261207091500")  # fmt: skip

    _send(inbox, adt("N0", "A01", "R8"))
    assert _send(inbox, oru("N1", "R8", [sodium("118")], filler="F201"))[0] == "AA"
    assert _send(inbox, oru("N2", "R8", [sodium("121")], filler="F202"))[0] == "AA"
    with reader(server_engine) as conn:
        reported = conn.execute(select(critical_values)).mappings().all()
    assert [(r["value"], r["flag"], r["basis"]) for r in reported] == [
        ("118", "L", "hospital_limit")
    ]

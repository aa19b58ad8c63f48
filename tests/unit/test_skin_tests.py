"""Skin tests (皮试): a penicillin cannot be scanned or verified before a negative result; a
positive result becomes an allergy; ordering one brings its skin-test order."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from sqlalchemy import Connection

from tests.unit.pharmacy_fixtures import ev, fold, projection_db
from tests.unit.test_bcma import DAY, ORDER_ID, PATIENT, at, scan
from tests.unit.test_mar import TIMES, order
from tests.unit.test_verification import admit
from tests.unit.test_verification import order as place
from workstation.clinical.barcodes import label_code
from workstation.clinical.bcma import bedside_payload, check_drug
from workstation.clinical.checks import check_order
from workstation.clinical.checks.context import patient_context_from_chart
from workstation.clinical.checks.model import MedicationOrder
from workstation.clinical.formulary import default_formulary
from workstation.clinical.mar import mar_grid
from workstation.clinical.skin_tests import (
    skin_test_orders_for,
    skin_test_payload,
    with_skin_test_results,
)
from workstation.clinical.verification import verification_queue, verify_refusal
from workstation.ids import uuid7
from workstation.projections import queries

TODAY = date(2026, 3, 1)


@pytest.fixture
def conn() -> Iterator[Connection]:
    """A fresh projection database."""
    yield from projection_db()


def mar_check(skin_tests: list[dict]) -> object:
    """The bedside check of amoxicillin's label at 06:00 with these skin tests on the chart."""
    chart = {"orders": [order(ORDER_ID)], "administrations": [], "skin_tests": skin_tests}
    rows = mar_grid(chart, start=DAY, end=DAY + timedelta(days=1), now=at(6), times=TIMES,
                    formulary=default_formulary())  # fmt: skip
    return check_drug(PATIENT, rows, scan(label_code(ORDER_ID)), now=at(6))


def test_penicillin_cannot_be_scanned_before_a_negative_skin_test() -> None:
    pending = mar_check([])
    assert pending.blocked and "Skin test needed" in pending.problems[0].message
    assert "皮试结果未录入" in pending.problems[0].message
    positive = mar_check([{"substance": "青霉素", "result": "positive", "voided": False}])
    assert positive.blocked and "POSITIVE" in positive.problems[0].message
    assert "皮试阳性" in positive.problems[0].message
    # its own result code (not wrong_drug: the drug is the right one), kept on the bedside fact
    assert pending.result == positive.result == "skin_test"
    bedside = bedside_payload(pending, ORDER_ID, wristband=None, drug=scan(label_code(ORDER_ID)))
    assert bedside["result"] == "skin_test"
    ev("BedsideChecked", bedside, uuid7())  # a valid fact of the vocabulary
    voided = mar_check([{"substance": "penicillin", "result": "negative", "voided": True}])
    assert voided.blocked
    negative = mar_check([{"substance": "penicillin", "result": "negative", "voided": False}])
    assert not negative.blocked and negative.result == "match"


def test_a_positive_skin_test_becomes_an_allergy_and_a_void_takes_both_away(conn) -> None:
    pid = admit(conn, "张三")
    payload = skin_test_payload(substance="penicillin", result="positive",
                                read_at="2026-03-01T08:20:00.000Z", witness_id="nurse-2",
                                author_id="nurse-1", reaction="风团直径 1.5 cm，红晕")  # fmt: skip
    test = fold(conn, ev("SkinTestRecorded", payload, pid, author="nurse-1"))[0]
    chart = queries.chart(conn, pid)
    assert [(a["substance"], a["allergy_id"]) for a in chart["allergies"]] == [
        ("penicillin", test.event_id)
    ]
    assert chart["skin_tests"][0]["witness_id"] == "nurse-2"
    context = patient_context_from_chart(chart, today=TODAY)
    assert context.allergies == ("penicillin",) and context.skin_tests == {"penicillin": "positive"}
    alerts = check_order(MedicationOrder("piperacillin_tazobactam", 4.5, "g", "ivgtt", "q8h", 3),
                         context)  # fmt: skip
    assert {"drug-allergy", "skin-test"} <= {a.category for a in alerts if a.interrupts}
    fold(conn, ev("EventVoided", {"target_event_id": test.event_id, "reason": "wrong patient"},
                  pid, author="nurse-1"))  # fmt: skip
    chart = queries.chart(conn, pid)
    assert [a["voided"] for a in chart["allergies"]] == [True]
    assert patient_context_from_chart(chart, today=TODAY).skin_tests == {}


def test_the_witness_must_be_another_nurse() -> None:
    with pytest.raises(ValueError, match="another person"):
        skin_test_payload(substance="penicillin", result="negative", read_at="2026-03-01T08:20:00.000Z",
                          witness_id="nurse-1", author_id="nurse-1")  # fmt: skip
    with pytest.raises(ValueError, match="result"):
        skin_test_payload(substance="penicillin", result="doubtful", read_at="2026-03-01T08:20:00.000Z",
                          witness_id="nurse-2", author_id="nurse-1")  # fmt: skip


def test_the_pharmacist_cannot_verify_before_a_negative_result(conn) -> None:
    pid = admit(conn, "张三")
    amox = place(conn, pid, "amoxicillin", "2026-03-01T07:00:00.000Z")
    other = place(conn, pid, "paracetamol", "2026-03-01T07:10:00.000Z")
    entry = next(w for w in verification_queue(conn, today=TODAY) if w.order_id == amox)
    assert entry.skin_test == "pending"
    assert "skin test" in (verify_refusal(conn, amox, today=TODAY) or "")
    assert verify_refusal(conn, other, today=TODAY) is None
    fold(conn, ev("SkinTestRecorded", skin_test_payload(
        substance="青霉素", result="negative", read_at="2026-03-01T07:40:00.000Z",
        witness_id="nurse-2", author_id="nurse-1"), pid, author="nurse-1"))  # fmt: skip
    assert verify_refusal(conn, amox, today=TODAY) is None
    entry = next(w for w in verification_queue(conn, today=TODAY) if w.order_id == amox)
    assert entry.skin_test == "negative" and not any(
        a.category == "skin-test" for a in entry.alerts
    )


def test_ordering_a_penicillin_brings_one_skin_test_order_per_substance() -> None:
    formulary = default_formulary()

    def drug_of(code: str) -> dict | None:
        drug = formulary.by_code(code)
        return dict(drug.entry) if drug else None

    basket = [
        {"medication": {"drug_code": c}} for c in ("amoxicillin", "ampicillin", "paracetamol")
    ]
    wanted = skin_test_orders_for(basket, drug_of, on_file={})
    assert [(w["order_kind"], w["code"], w["urgent"]) for w in wanted] == [
        ("nursing", "skin-test:penicillin", True)
    ]
    assert "青霉素皮试" in wanted[0]["description"]
    assert skin_test_orders_for(basket, drug_of, on_file={"penicillin": "negative"}) == []
    assert skin_test_orders_for(basket, drug_of, on_file={},
                                open_codes=["skin-test:penicillin"]) == []  # fmt: skip


def test_the_order_sheet_marks_the_skin_test_order_with_its_result() -> None:
    orders = [{"order_id": "t1", "code": "skin-test:penicillin", "description": "青霉素皮试"},
              {"order_id": "t2", "code": "skin-test:penicillin", "description": "青霉素皮试"},
              {"order_id": "m1", "code": None, "description": "阿莫西林 0.5g 口服 tid"}]  # fmt: skip
    tests = [{"order_id": "t1", "substance": "penicillin", "result": "negative", "voided": False}]
    marked = [o["description"] for o in with_skin_test_results(orders, tests)]
    assert marked == ["青霉素皮试（-）", "青霉素皮试（-）", "阿莫西林 0.5g 口服 tid"]
    assert with_skin_test_results(orders, [])[0]["description"] == "青霉素皮试"


def test_the_server_wants_a_real_different_nurse_as_the_witness() -> None:
    from workstation.events import Event
    from workstation.server.auth import User
    from workstation.server.witnesses import witness_problem

    users = {u.user_id: u for u in (User("n1", "n1", "N1", "nurse", ("W1",), True),
                                    User("n2", "n2", "N2", "nurse", ("W1",), True),
                                    User("d1", "d1", "D1", "physician", ("W1",), True))}  # fmt: skip

    def made_by(author: str, witness: str) -> Event:
        payload = skin_test_payload(substance="penicillin", result="negative",
                                    read_at="2026-03-01T08:20:00.000Z", witness_id=witness,
                                    author_id="someone")  # fmt: skip
        return ev(
            "SkinTestRecorded", payload, "0190b8e2-7c3a-7d1e-9f00-0000000000bb", author=author
        )

    assert witness_problem(users, made_by("n1", "n2")) is None
    assert "another person" in (witness_problem(users, made_by("n1", "n1")) or "")
    assert "not an active user" in (witness_problem(users, made_by("n1", "ghost")) or "")
    assert "physician may not" in (witness_problem(users, made_by("n1", "d1")) or "")

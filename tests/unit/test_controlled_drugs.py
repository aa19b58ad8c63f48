"""Controlled drugs (麻醉药品, 精一, 精二): the order rules, the empty-ampoule return before a
further dispense, the witnessed destruction and the register of every movement."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import Connection

from tests.unit.pharmacy_fixtures import ev, fold, projection_db, receive
from tests.unit.test_verification import admit
from tests.unit.test_verification import order as place
from workstation.clinical.checks import PatientContext, can_sign, check_order
from workstation.clinical.checks.model import Prescriber
from workstation.clinical.checks.scenarios import sentence_parser
from workstation.clinical.controlled import (
    controlled_class,
    form_mark,
    outpatient_days_allowed,
)
from workstation.clinical.controlled_register import (
    EMPTIES_MISSING,
    EmptiesMissing,
    empties_outstanding,
    outstanding_returns,
    refuse_without_empties,
    register,
    register_text,
)
from workstation.clinical.dispensing import ward_pick_list
from workstation.clinical.formulary import default_formulary
from workstation.clinical.knowledge import default_knowledge


@pytest.fixture
def conn() -> Iterator[Connection]:
    """A fresh projection database."""
    yield from projection_db()


def alerts_of(sentence: str, prescriber: Prescriber | None = None) -> list:
    """The controlled-drug alerts of an order sentence."""
    import dataclasses

    order = sentence_parser(default_knowledge())(sentence)
    order = dataclasses.replace(order, prescriber=prescriber)
    return [
        a
        for a in check_order(order, PatientContext(age_years=60))
        if a.category == "controlled-drug"
    ]


def test_a_30_day_morphine_order_is_refused_and_a_one_day_order_is_not() -> None:
    month = alerts_of("morphine 10mg sc q4h 30d")
    assert [a.rule_id for a in month] == ["controlled-one-day"]
    assert not can_sign(month, []) and "Art. 25" in month[0].source
    assert alerts_of("吗啡 10mg 皮下 q4h 1天") == []


def test_only_the_narcotic_right_may_order_narcotics_and_psychotropic_2_only_informs() -> None:
    without = Prescriber(title="resident", narcotic_right=False)
    assert [a.rule_id for a in alerts_of("fentanyl 0.05mg iv st", without)] == ["controlled-right"]
    assert alerts_of("fentanyl 0.05mg iv st", Prescriber()) == []
    assert [a.severity for a in alerts_of("midazolam 2mg iv st", without)] == ["info"]
    assert [a.rule_id for a in alerts_of("pethidine 50mg im q6h")] == ["controlled-pethidine"]


def test_every_controlled_drug_has_its_class_and_form_mark() -> None:
    kb = default_knowledge()
    classes = {c: controlled_class(kb.drug(c)) for c in ("morphine", "fentanyl", "pethidine",
               "oxycodone", "codeine", "midazolam", "diazepam", "tramadol", "paracetamol")}  # fmt: skip
    assert classes == {"morphine": "narcotic", "fentanyl": "narcotic", "pethidine": "narcotic",
                       "oxycodone": "narcotic", "codeine": "narcotic", "midazolam": "psychotropic_2",
                       "diazepam": "psychotropic_2", "tramadol": "psychotropic_2", "paracetamol": None}  # fmt: skip
    assert (form_mark("narcotic"), form_mark("psychotropic_1"), form_mark("psychotropic_2")) == (
        "麻、精一",
        "麻、精一",
        "精二",
    )


def test_outpatient_quantities_follow_articles_23_and_24() -> None:
    kb = default_knowledge()
    morphine = kb.drug("morphine") or {}
    injection, slow, immediate = morphine["forms"][:3]
    assert outpatient_days_allowed(morphine, injection) == 0  # one dose
    assert outpatient_days_allowed(morphine, slow) == 7
    assert outpatient_days_allowed(morphine, immediate) == 3  # other forms: 3 days (Art. 23)
    assert outpatient_days_allowed(morphine, injection, pain_patient=True) == 3
    assert outpatient_days_allowed(morphine, slow, pain_patient=True) == 15
    assert outpatient_days_allowed(morphine, immediate, pain_patient=True) == 7  # Art. 24
    codeine = kb.drug("codeine") or {}
    assert outpatient_days_allowed(codeine, codeine["forms"][0]) == 3
    assert outpatient_days_allowed(kb.drug("diazepam") or {}, {"form_en": "tablet"}) == 7
    assert outpatient_days_allowed(kb.drug("paracetamol") or {}, {"form_en": "tablet"}) is None


def dispense(conn: Connection, pid: str, order_id: str, quantity: float = 1) -> None:
    fold(conn, ev("Dispensed", {"drug_code": "fentanyl", "lot": "FEN01", "location_id": "PHARM",
                                "quantity": quantity, "unit": "amp", "order_id": order_id}, pid))  # fmt: skip


def test_a_second_fentanyl_dispense_without_the_first_ampoule_is_blocked(conn) -> None:
    fentanyl = default_formulary().by_code("fentanyl")
    assert fentanyl is not None
    receive(conn, "fentanyl", "FEN01", "2027-12-31", 20, unit="amp")
    pid = admit(conn, "张三")
    order_id = place(conn, pid, "fentanyl", "2026-03-01T07:00:00.000Z")
    refuse_without_empties(conn, patient_id=pid, drug=fentanyl)  # the first dispense goes ahead
    dispense(conn, pid, order_id)
    with pytest.raises(EmptiesMissing, match="empty ampoule"):
        refuse_without_empties(conn, patient_id=pid, drug=fentanyl)
    fold(conn, ev("EmptyAmpouleReturned", {"drug_code": "fentanyl", "quantity": 1, "unit": "amp",
                                           "lot": "FEN01", "order_id": order_id}, pid,
                  author="nurse-1"))  # fmt: skip
    assert empties_outstanding(conn, pid, "fentanyl") == 0
    refuse_without_empties(conn, patient_id=pid, drug=fentanyl)
    morphine_tablets = default_formulary().by_code("oxycodone")
    assert morphine_tablets is not None
    refuse_without_empties(conn, patient_id=pid, drug=morphine_tablets)  # tablets: no empties


def test_the_register_lists_every_movement_of_a_ward_and_of_the_pharmacy(conn) -> None:
    formulary = default_formulary()
    receive(conn, "fentanyl", "FEN01", "2027-12-31", 20, unit="amp")
    receive(conn, "paracetamol", "PCM01", "2027-12-31", 100, unit="tab")  # not controlled
    pid, elsewhere = admit(conn, "张三"), admit(conn, "李四", ward="W2")
    order_id = place(conn, pid, "fentanyl", "2026-03-01T07:00:00.000Z")
    dispense(conn, pid, order_id)
    fold(conn, ev("MedicationAdministered", {"order_id": order_id, "outcome": "given",
                  "administered_at": "2026-03-01T09:00:00.000Z", "dose_value": 0.05,
                  "dose_unit": "mg", "route": "iv"}, pid, author="nurse-1"),
         ev("ControlledDrugDestroyed", {"drug_code": "fentanyl", "amount": 0.05, "unit": "mg",
            "witness_id": "nurse-2", "order_id": order_id}, pid, author="nurse-1",
            at="2026-03-01T09:05:00.000Z"),
         ev("EmptyAmpouleReturned", {"drug_code": "fentanyl", "quantity": 1, "unit": "amp"}, pid,
            author="nurse-1", at="2026-03-01T09:10:00.000Z"))  # fmt: skip
    dispense(conn, elsewhere, place(conn, elsewhere, "fentanyl", "2026-03-01T07:30:00.000Z"))
    ward = register(conn, formulary, ward_id="W1")
    assert [line.kind for line in ward] == ["dispense", "given", "destroyed", "empty_returned"]
    assert {line.patient_id for line in ward} == {pid}
    assert ward[2].witness == "nurse-2"
    pharmacy = register(conn, formulary, location_id="PHARM")
    assert [line.kind for line in pharmacy] == ["receipt", "dispense", "dispense"]
    text = register_text(ward, formulary, lang="zh", names={"nurse-2": "李娜"})
    assert "专册登记" in text and "芬太尼" in text and "残余销毁" in text and "李娜" in text


def test_outpatient_prescriptions_of_controlled_drugs_keep_to_articles_23_and_24() -> None:
    from workstation.clinical.dispensing import outpatient_item

    formulary = default_formulary()
    assert outpatient_item("morphine 30mg po q12h 7d", formulary)["quantity"] == 14
    with pytest.raises(ValueError, match="Art. 23"):
        outpatient_item("morphine 30mg po q12h 30d", formulary)
    assert (
        outpatient_item("morphine 30mg po q12h 15d", formulary, pain_patient=True)["quantity"] == 30
    )
    with pytest.raises(ValueError, match="one dose"):
        outpatient_item("morphine 10mg im q4h 2d", formulary)
    assert outpatient_item("diazepam 2.5mg po qn 7d", formulary)["quantity"] == 7
    with pytest.raises(ValueError, match="7 days"):
        outpatient_item("diazepam 2.5mg po qn 14d", formulary)
    assert outpatient_item("amoxicillin 500mg po tid 14d", formulary)["quantity"] == 42


def test_a_dispense_made_with_the_empties_still_out_is_flagged_for_the_pharmacist(conn) -> None:
    # a second dispense the station did not refuse (offline, or before the return synced): the
    # server keeps it as a fact, the register flags it and lists the ampoules still out
    formulary = default_formulary()
    receive(conn, "fentanyl", "FEN01", "2027-12-31", 20, unit="amp")
    pid = admit(conn, "张三")
    order_id = place(conn, pid, "fentanyl", "2026-03-01T07:00:00.000Z")
    dispense(conn, pid, order_id)
    assert [line.flag for line in register(conn, formulary, ward_id="W1")] == [None]
    dispense(conn, pid, order_id, quantity=2)  # no empty came back in between
    lines = register(conn, formulary, ward_id="W1")
    assert [(line.kind, line.flag) for line in lines] == [
        ("dispense", None), ("dispense", EMPTIES_MISSING)
    ]  # fmt: skip
    [out] = outstanding_returns(conn, formulary, ward_id="W1")
    assert (out.patient_id, out.drug_code, out.outstanding, out.unit) == (pid, "fentanyl", 3, "amp")
    assert len(out.flagged) == 1 and outstanding_returns(conn, formulary, ward_id="W2") == []
    text = register_text(lines, formulary, lang="zh", outstanding=[out])
    assert "⚠ 前次空安瓿/废贴未交回即发药" in text and "空安瓿/废贴未交回" in text
    english = register_text(lines, formulary, lang="en", outstanding=[out])
    assert "dispensed before the previous empties came back" in english and "Fentanyl" in english
    fold(conn, ev("EmptyAmpouleReturned", {"drug_code": "fentanyl", "quantity": 3, "unit": "amp"},
                  pid, author="nurse-1"))  # fmt: skip
    assert outstanding_returns(conn, formulary) == []  # all back: nothing to chase any more
    assert register(conn, formulary, ward_id="W1")[1].flag == EMPTIES_MISSING  # the fact stays


def test_the_ward_pick_list_says_how_many_empties_are_still_out(conn) -> None:
    pid = admit(conn, "张三")
    order_id = place(conn, pid, "fentanyl", "2026-03-01T07:00:00.000Z")
    fold(conn, ev("OrderVerified", {"order_id": order_id}, pid))
    start = datetime(2026, 3, 1, 0, 0, tzinfo=UTC)
    [line] = ward_pick_list(conn, "W1", start=start, formulary=default_formulary())
    assert line.empties_out == 0
    receive(conn, "fentanyl", "FEN01", "2027-12-31", 20, unit="amp")
    dispense(conn, pid, order_id)
    [line] = ward_pick_list(conn, "W1", start=start, formulary=default_formulary())
    assert line.empties_out == 1

"""Multi-dose containers (eye drops, nasal sprays): ordered in drops or sprays, dispensed as a
bottle holding many doses — a dose is a part of a bottle, a course whole bottles, and the ward
pick list picks a bottle once, not one a dose."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import Connection

from tests.unit.pharmacy_fixtures import ev, fold, projection_db
from tests.unit.test_verification import admit
from workstation.clinical.checks import MedicationOrder, PatientContext, check_order
from workstation.clinical.dispense_forms import dispense_units
from workstation.clinical.dispensing import discharge_supply, outpatient_item, ward_pick_list
from workstation.clinical.formulary import default_formulary
from workstation.clinical.order_sentence import parse_order

START = datetime(2026, 3, 1, 0, 0, tzinfo=UTC)


@pytest.fixture
def conn() -> Iterator[Connection]:
    """A fresh projection database."""
    yield from projection_db()


def test_a_drop_is_a_part_of_a_bottle_and_a_course_is_whole_bottles() -> None:
    formulary = default_formulary()
    timolol = formulary.by_code("timolol_eye")
    assert timolol is not None
    assert dispense_units(timolol, 1, "drop", "eye") == ("bottle", 0.01)  # 5 mL = 100 drops
    item = outpatient_item("噻吗洛尔滴眼液 1滴 滴眼 bid 7d", formulary)
    assert (item["quantity"], item["unit"]) == (1, "bottle")  # 14 drops, not 14 bottles
    supply = discharge_supply(parse_order("timolol 1 drop eye bid 60d", formulary))
    assert (supply["quantity"], supply["unit"]) == (2, "bottle")  # 120 drops


def test_sprays_are_counted_from_the_spray_count_and_checked_in_micrograms() -> None:
    formulary = default_formulary()
    item = outpatient_item("糠酸莫米松鼻喷雾剂 4喷 鼻用 qd 30d", formulary)
    assert (item["quantity"], item["unit"]) == (2, "bottle")  # 120 sprays of 60 a bottle
    usual = MedicationOrder("mometasone_nasal", 4, "puff", "nasal", "qd", 1)
    assert not [a for a in check_order(usual, PatientContext()) if a.severity != "info"]
    high = MedicationOrder("mometasone_nasal", 6, "puff", "nasal", "bid", 2)  # 600 mcg a day
    assert any(a.category == "dose-daily" for a in check_order(high, PatientContext()))


def test_the_ward_picks_one_bottle_for_the_course_not_one_a_dose(conn: Connection) -> None:
    pid = admit(conn, "张三")
    medication = {"drug_code": "chloramphenicol_eye", "drug_name": "氯霉素滴眼液",
                  "dose_value": 1, "dose_unit": "drop", "route": "eye", "frequency": "qid"}  # fmt: skip
    [placed] = fold(conn, ev("OrderPlaced", {"order_kind": "medication", "medication": medication,
                                             "description": "氯霉素滴眼液 1滴 滴眼 qid"}, pid,
                             at="2026-03-01T07:00:00.000Z", author="doc-1"))  # fmt: skip
    fold(conn, ev("OrderVerified", {"order_id": placed.event_id}, pid))
    [line] = ward_pick_list(conn, "W1", start=START, formulary=default_formulary())
    assert line.doses > 0 and (line.quantity, line.unit, line.dispensed) == (1, "bottle", 0)
    fold(conn, ev("StockReceived", {"drug_code": "chloramphenicol_eye", "lot": "C1",
                                    "expiry": "2027-01-01", "location_id": "PHARM",
                                    "quantity": 5, "unit": "bottle"}))  # fmt: skip
    fold(conn, ev("Dispensed", {"drug_code": "chloramphenicol_eye", "lot": "C1",
                                "location_id": "PHARM", "quantity": 1, "unit": "bottle",
                                "order_id": placed.event_id}, pid,
                  at="2026-03-01T09:00:00.000Z"))  # fmt: skip
    # the next days: the bottle dispensed on day one still holds the doses (160 drops)
    [later] = ward_pick_list(conn, "W1", start=datetime(2026, 3, 3, tzinfo=UTC),
                             formulary=default_formulary())  # fmt: skip
    assert (later.quantity, later.dispensed, later.done) == (1, 1, True)


def test_nasal_and_ear_drops_count_from_the_national_formularys_bottles() -> None:
    """麻黄碱滴鼻液 8 mL and 氧氟沙星滴耳液 5 mL (国家基本药物处方集): a course in whole bottles,
    a dose over the formulary's drops warned."""
    formulary = default_formulary()
    item = outpatient_item("麻黄碱滴鼻液 2滴 滴鼻 qid 3d", formulary)
    assert (item["quantity"], item["unit"]) == (1, "bottle")  # 24 of 160 drops
    usual = MedicationOrder("ofloxacin_ear", 6, "drop", "ear", "bid", 2)
    assert not [a for a in check_order(usual, PatientContext()) if a.severity != "info"]
    high = MedicationOrder("ofloxacin_ear", 12, "drop", "ear", "bid", 2)
    assert any(a.category == "dose-single" for a in check_order(high, PatientContext()))

"""Creams, ointments and gels from a tube (外用): the prescription names the tubes to supply and
how often to apply them; the pharmacy dispenses the tubes written, not one a dose, and only the
label's applications a day are checked (no dose of an application is invented)."""

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
from workstation.clinical.order_sentence import OrderSentenceError, parse_order
from workstation.reports.rx_form import UNIT_ZH, quantity

START = datetime(2026, 3, 1, 0, 0, tzinfo=UTC)


@pytest.fixture
def conn() -> Iterator[Connection]:
    """A fresh projection database."""
    yield from projection_db()


def test_the_order_names_tubes_as_a_ward_writes_them() -> None:
    formulary = default_formulary()
    order = parse_order("莫匹罗星软膏 1支 外用 tid", formulary)
    assert (order.dose_value, order.dose_unit, order.route, order.frequency) == (
        1, "tube", "top", "tid",
    )  # fmt: skip
    assert parse_order("mupirocin 2 tubes top tid", formulary).dose_value == 2
    for written in (
        "莫匹罗星软膏 1g 外用 tid",
        "阿托品眼用凝胶 1滴 滴眼 bid",
        "尿素软膏 0.5支 外用 bid",
    ):
        with pytest.raises(OrderSentenceError, match="tube"):
            parse_order(written, formulary)


def test_a_course_is_the_tubes_written_not_one_a_dose() -> None:
    formulary = default_formulary()
    mupirocin = formulary.by_code("mupirocin_ointment")
    assert mupirocin is not None
    assert dispense_units(mupirocin, 2, "tube", "top") == ("tube", 2)
    item = outpatient_item("莫匹罗星软膏 1支 外用 tid 5d", formulary)
    assert (item["quantity"], item["unit"]) == (1, "tube")  # 15 applications, one tube
    supply = discharge_supply(parse_order("尿素软膏 2支 外用 bid 14d", formulary))
    assert (supply["quantity"], supply["unit"]) == (2, "tube")


def test_the_ward_picks_the_tubes_ordered_once(conn: Connection) -> None:
    pid = admit(conn, "张三")
    medication = {"drug_code": "mupirocin_ointment", "drug_name": "莫匹罗星软膏",
                  "dose_value": 2, "dose_unit": "tube", "route": "top", "frequency": "tid"}  # fmt: skip
    [placed] = fold(conn, ev("OrderPlaced", {"order_kind": "medication", "medication": medication,
                                             "description": "莫匹罗星软膏 2支 外用 tid"}, pid,
                             at="2026-03-01T07:00:00.000Z", author="doc-1"))  # fmt: skip
    fold(conn, ev("OrderVerified", {"order_id": placed.event_id}, pid))
    [line] = ward_pick_list(conn, "W1", start=START, formulary=default_formulary())
    assert line.doses > 0 and (line.quantity, line.unit, line.dispensed) == (2, "tube", 0)
    fold(conn, ev("StockReceived", {"drug_code": "mupirocin_ointment", "lot": "M1",
                                    "expiry": "2027-01-01", "location_id": "PHARM",
                                    "quantity": 10, "unit": "tube"}))  # fmt: skip
    fold(conn, ev("Dispensed", {"drug_code": "mupirocin_ointment", "lot": "M1",
                                "location_id": "PHARM", "quantity": 2, "unit": "tube",
                                "order_id": placed.event_id}, pid,
                  at="2026-03-01T09:00:00.000Z"))  # fmt: skip
    [later] = ward_pick_list(conn, "W1", start=datetime(2026, 3, 3, tzinfo=UTC),
                             formulary=default_formulary())  # fmt: skip
    assert (later.quantity, later.dispensed, later.done) == (2, 2, True)


def test_only_the_labels_applications_a_day_are_checked() -> None:
    usual = MedicationOrder("mupirocin_ointment", 1, "tube", "top", "tid", 3)
    assert not [a for a in check_order(usual, PatientContext()) if a.severity != "info"]
    many_tubes = MedicationOrder("mupirocin_ointment", 10, "tube", "top", "tid", 3)
    assert not [a for a in check_order(many_tubes, PatientContext()) if a.severity != "info"]
    [often] = [
        a
        for a in check_order(
            MedicationOrder("mupirocin_ointment", 1, "tube", "top", "qid", 4), PatientContext()
        )  # fmt: skip
        if a.severity != "info"
    ]
    assert (often.category, often.severity) == ("dose-daily", "warning")
    assert "4 times a day" in often.message and "每日3次" in often.source
    # the label copies differ on the eye gel's times a day: no ceiling is set, none is guessed
    gel = MedicationOrder("atropine_eye_gel", 1, "tube", "eye", "qid", 4)
    assert not [a for a in check_order(gel, PatientContext()) if a.category == "dose-daily"]


def test_the_prescription_counts_the_tubes_written() -> None:
    """处方笺 数量: the tubes the order names (支), not a tube for each application of the days."""
    order = {"drug_code": "mupirocin_ointment", "dose_value": 2, "dose_unit": "tube",
             "route": "top", "frequency": "tid"}  # fmt: skip
    assert quantity(default_formulary(), order, 7) == (2.0, "tube")
    assert UNIT_ZH["tube"] == "支"

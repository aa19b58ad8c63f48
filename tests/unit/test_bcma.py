"""The five rights at the bedside and the demo barcodes they read."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from tests.unit.test_mar import TIMES, order, z
from workstation.clinical.barcodes import (
    demo_codes,
    label_code,
    parse_scan,
    product_code,
    wristband_code,
)
from workstation.clinical.bcma import (
    administration_problems,
    bedside_payload,
    check_drug,
    check_wristband,
    unable_to_scan_payload,
)
from workstation.clinical.formulary import default_formulary
from workstation.clinical.mar import mar_grid
from workstation.events import Event, event_problems
from workstation.reports.labels import order_barcode

DAY = datetime(2024, 3, 1, tzinfo=UTC)
PATIENT = {"patient_id": "p1", "record_number": "MRN0001", "name": "张三"}
NEGATIVE_PENICILLIN = {"substance": "penicillin", "result": "negative", "voided": False}
ORDER_ID = "0190b8e2-7c3a-7d1e-9f00-000000000011"
HEPARIN_ID = "0190b8e2-7c3a-7d1e-9f00-000000000012"


def rows(now: datetime, *orders):
    """The patient's MAR rows at now."""
    chart = {
        "orders": list(orders) or [order(ORDER_ID)],
        "administrations": [],
        "skin_tests": [NEGATIVE_PENICILLIN],
    }  # amoxicillin needs one (test_skin_tests.py)
    return mar_grid(chart, start=DAY, end=DAY + timedelta(days=1), now=now, times=TIMES,
                    formulary=default_formulary())  # fmt: skip


def at(hour: int, minute: int = 0) -> datetime:
    """A UTC time on DAY."""
    return DAY + timedelta(hours=hour, minutes=minute)


def scan(text: str):
    """A parsed scan (it must be one of ours)."""
    parsed = parse_scan(text)
    assert parsed is not None
    return parsed


# --- barcodes --------------------------------------------------------------------------------


def test_codes_round_trip_and_match_the_printed_labels():
    assert scan(wristband_code("MRN0001")).record_number == "MRN0001"
    assert label_code(ORDER_ID) == order_barcode(ORDER_ID)
    assert scan(label_code(ORDER_ID)).order_id == ORDER_ID
    product = scan(product_code("amoxicillin", 500, "mg", "po", "L2403"))
    assert (product.drug_code, product.strength, product.unit, product.route, product.lot) == (
        "amoxicillin", 500.0, "mg", "po", "L2403")  # fmt: skip
    assert scan(product_code("amoxicillin", 0.5, "g", "po")).lot is None


@pytest.mark.parametrize("text", [
    "", "hello", "WB", "RX:amox:500:mg", "RX:amox:five:mg:po", "RX:amox::mg:po", "123",
    "9" * 40, f"{uuid.UUID(ORDER_ID).int:039d}",
])  # fmt: skip
def test_foreign_or_malformed_codes_are_not_ours(text):
    assert parse_scan(text) is None


def test_demo_codes_cover_the_wristband_and_each_order_in_force():
    stopped = order("o9", status="discontinued")
    codes = demo_codes(PATIENT, [order(ORDER_ID), stopped], lots={ORDER_ID: "L1"})
    assert [code for _, code in codes] == [
        "WBMRN0001", label_code(ORDER_ID), "RX:amoxicillin:500:mg:po:L1"]  # fmt: skip


# --- the five rights -------------------------------------------------------------------------


def test_right_patient_and_right_drug_by_label():
    assert check_wristband(PATIENT, scan("WBMRN0001")) is None
    check = check_drug(PATIENT, rows(at(6)), scan(label_code(ORDER_ID)), now=at(6))
    assert (check.result, check.blocked, check.needs_reason) == ("match", False, False)
    assert check.dose is not None and check.dose.scheduled_iso == z(6)


def test_wrong_wristband_blocks():
    problem = check_wristband(PATIENT, scan("WBMRN0002"))
    assert problem is not None and problem.blocking and problem.code == "wrong_patient"
    assert "MRN0002" in problem.message


def test_another_patients_label_is_wrong_patient():
    other = order("0190b8e2-7c3a-7d1e-9f00-000000000099", patient_id="p2")
    check = check_drug(PATIENT, rows(at(6)), scan(label_code(other["order_id"])), now=at(6),
                       lookup=lambda oid: other if oid == other["order_id"] else None)  # fmt: skip
    assert (check.result, check.blocked) == ("wrong_patient", True)


def test_product_not_ordered_is_wrong_drug():
    check = check_drug(PATIENT, rows(at(6)), scan(product_code("heparin", 5000, "U", "sc")),
                       now=at(6))  # fmt: skip
    assert (check.result, check.blocked) == ("wrong_drug", True)
    assert "heparin" in check.problems[0].message


def test_wrong_strength_and_route_need_a_reason_but_equal_amounts_in_other_units_match():
    same = check_drug(PATIENT, rows(at(6)), scan(product_code("amoxicillin", 0.5, "g", "po")),
                      now=at(6))  # fmt: skip
    assert same.result == "match"
    check = check_drug(PATIENT, rows(at(6)), scan(product_code("amoxicillin", 250, "mg", "iv")),
                       now=at(6))  # fmt: skip
    assert [p.code for p in check.problems] == ["wrong_dose", "wrong_route"]
    assert (check.blocked, check.needs_reason) == (False, True)


def test_too_early_needs_a_reason():
    check = check_drug(PATIENT, rows(at(10)), scan(label_code(ORDER_ID)), now=at(10))
    assert (check.result, check.blocked, check.needs_reason) == ("wrong_time", False, True)
    assert "Too early" in check.problems[0].message


def test_stopped_or_unverified_order_blocks():
    stopped = order(ORDER_ID, status="discontinued", ended_at=z(3))
    check = check_drug(PATIENT, rows(at(6), stopped), scan(label_code(ORDER_ID)), now=at(6))
    assert check.blocked and "discontinued" in check.problems[0].message
    unverified = order(ORDER_ID, status="placed", verified_at=None)
    check = check_drug(PATIENT, rows(at(6), unverified), scan(label_code(ORDER_ID)), now=at(6))
    assert check.blocked and "not verified" in check.problems[0].message


def test_high_alert_needs_another_nurse_as_witness():
    heparin = order(HEPARIN_ID, drug_code="heparin", route="sc", dose_value=5000,
                    dose_unit="U", frequency="q12h")  # fmt: skip
    (row,) = rows(at(0), heparin)
    check = check_drug(PATIENT, [row], scan(label_code(HEPARIN_ID)), now=at(0))
    assert check.dose is not None
    form = {"outcome": "given", "administered_at": z(0)}
    assert administration_problems(row, check.dose, form, author_id="n1") == [
        "a high-alert drug needs a second nurse to check it"]  # fmt: skip
    assert "another person" in administration_problems(
        row, check.dose, form | {"witness_id": "n1"}, author_id="n1")[0]  # fmt: skip
    assert administration_problems(row, check.dose, form | {"witness_id": "n2"},
                                   author_id="n1") == []  # fmt: skip


def test_late_dose_needs_an_early_late_reason():
    (row,) = rows(at(8))
    dose = row.doses[1]  # 06:00
    late = {"outcome": "given", "administered_at": z(7, 30)}
    assert administration_problems(row, dose, late, author_id="n1") == [
        "a dose given outside its time window needs a reason"]  # fmt: skip
    assert administration_problems(row, dose, late | {"early_late_reason": "in CT"},
                                   author_id="n1") == []  # fmt: skip


def test_bedside_payloads_are_valid_events():
    (row,) = rows(at(6))
    check = check_drug(PATIENT, [row], scan(label_code(ORDER_ID)), now=at(6))
    payloads = [
        bedside_payload(check, ORDER_ID, wristband=scan("WBMRN0001"),
                        drug=scan(label_code(ORDER_ID))),
        unable_to_scan_payload(row.doses[1], "wristband unreadable, identity checked verbally"),
    ]  # fmt: skip
    for payload in payloads:
        event = Event("0190b8e2-7c3a-7d1e-9f00-0000000000aa", "BedsideChecked",
                      "0190b8e2-7c3a-7d1e-9f00-0000000000bb", "n1", "dev", 1, z(6), payload)  # fmt: skip
        assert event_problems(event) == []
    assert payloads[0]["scheduled_for"] == z(6)
    with pytest.raises(ValueError):
        unable_to_scan_payload(row.doses[1], "  ")

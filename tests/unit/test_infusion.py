"""Bottle labels (瓶签), the execution sheet (执行单) and running bags for infusion rounds: a group
gives one label with all its drugs and carrier; each due time its own label; the execution sheet
lists every due dose by route section with who gave it; a round restarts the round clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from workstation.clinical.barcodes import label_code, parse_scan
from workstation.clinical.formulary import default_formulary
from workstation.clinical.infusion import bottle_labels, execution_rows, group_numbers
from workstation.clinical.infusion_rounds import InfusionSettings, bag_for_scan, running_bags
from workstation.clinical.schedule import AdministrationTimes
from workstation.events.infusion_events import _round_rule

# The shipped round times are +08:00: bid is 08:00 and 20:00 local = 00:00 and 12:00 UTC.
DAY = datetime(2024, 3, 1, tzinfo=UTC)
TIMES = AdministrationTimes.load()
FORMULARY = default_formulary()
PATIENT = {"patient_id": "p1", "name": "王芳", "bed": "3", "record_number": "MRN3",
           "ward_id": "CARD"}  # fmt: skip
BAG_ID = "0190e8a0-0000-7000-8000-000000000001"
ORAL_ID = "0190e8a0-0000-7000-8000-000000000002"
SECOND_BAG_ID = "0190e8a0-0000-7000-8000-000000000003"


def order(order_id: str, **changes: Any) -> dict[str, Any]:
    """A verified order row: by default a furosemide bag with potassium in NS 250 mL, bid."""
    row = {
        "order_id": order_id, "patient_id": "p1", "order_kind": "medication",
        "description": "NS 250ml + 呋塞米 20mg + 氯化钾 1g ivgtt bid", "drug_code": "furosemide",
        "drug_name": "呋塞米", "dose_value": 20, "dose_unit": "mg", "route": "ivgtt",
        "frequency": "bid", "duration_days": None, "prn": False, "start_at": "2024-02-29T00:00:00.000Z",
        "status": "verified", "placed_at": "2024-02-29T00:00:00.000Z",
        "verified_at": "2024-02-29T00:10:00.000Z", "ended_at": None, "voided": False,
        "group": {"carrier": {"code": "ns", "volume_ml": 250}, "members": [
            {"drug_code": "potassium_chloride_inj", "drug_name": "氯化钾注射液", "dose_value": 1,
             "dose_unit": "g", "route": "ivgtt", "frequency": "bid"}]},
    }  # fmt: skip
    return row | changes


def oral() -> dict[str, Any]:
    """Amoxicillin 500 mg po bid, ordered after the bag."""
    return order(ORAL_ID, description="amox 500mg po bid", drug_code="amoxicillin",
                 drug_name="amoxicillin", dose_value=500, route="po", group=None,
                 placed_at="2024-02-29T01:00:00.000Z")  # fmt: skip


def chart(*orders: dict[str, Any], administrations: tuple[dict[str, Any], ...] = (),
          rounds: tuple[dict[str, Any], ...] = ()) -> dict[str, Any]:  # fmt: skip
    return {"patient": PATIENT, "orders": list(orders), "administrations": list(administrations),
            "infusion_rounds": list(rounds)}  # fmt: skip


def labels(c: dict[str, Any]) -> list[Any]:
    return bottle_labels(c, start=DAY, end=DAY + timedelta(days=1), now=DAY,
                         formulary=FORMULARY, times=TIMES)  # fmt: skip


def test_a_group_gives_one_label_per_due_time_with_all_its_drugs_and_carrier():
    found = labels(chart(order(BAG_ID), oral()))
    assert [label.due_at for label in found] == [DAY, DAY + timedelta(hours=12)]  # oral: no label
    first = found[0]
    assert [(d.drug_name, d.dose_value, d.dose_unit) for d in first.drugs] == [
        ("呋塞米", 20, "mg"), ("氯化钾注射液", 1, "g")]  # fmt: skip
    assert (first.carrier_code, first.carrier_ml, first.route, first.frequency) == (
        "ns", 250, "ivgtt", "bid")  # fmt: skip
    assert (first.patient_name, first.bed, first.record_number, first.group_number) == (
        "王芳", "3", "MRN3", 1)  # fmt: skip
    scan = parse_scan(first.barcode)  # the bedside scan (bcma) and the round read it
    assert scan is not None and (scan.kind, scan.order_id) == ("label", BAG_ID)


def test_group_numbers_follow_the_order_of_the_bags_and_skip_other_orders():
    second = order(SECOND_BAG_ID, group=None, placed_at="2024-02-29T02:00:00.000Z")
    c = chart(second, oral(), order(BAG_ID))
    assert group_numbers(c) == {BAG_ID: 1, SECOND_BAG_ID: 2}
    assert [(label.group_number, label.due_at.hour) for label in labels(c)] == [
        (1, 0), (2, 0), (1, 12), (2, 12)]  # fmt: skip


def test_an_unverified_bag_gets_no_label():
    assert labels(chart(order(BAG_ID, status="placed", verified_at=None))) == []


def test_the_execution_sheet_lists_every_due_dose_by_route_with_who_gave_it():
    given = {"administration_id": "a1", "order_id": ORAL_ID, "outcome": "given",
             "administered_at": "2024-03-01T00:05:00.000Z", "scheduled_for": "2024-03-01T00:00:00.000Z",
             "recorded_by": "nurse-1", "voided": False}  # fmt: skip
    rows = execution_rows(chart(oral(), order(BAG_ID), administrations=(given,)),
                          start=DAY, end=DAY + timedelta(hours=8),
                          now=DAY + timedelta(hours=2), formulary=FORMULARY, times=TIMES)  # fmt: skip
    assert [(r.section, r.order_id, r.status, r.given_by) for r in rows] == [
        ("infusion", BAG_ID, "overdue", None),
        ("oral", ORAL_ID, "given", "nurse-1"),
    ]
    assert rows[1].given_at == "2024-03-01T00:05:00.000Z"
    assert [d.drug_code for d in rows[0].drugs] == ["furosemide", "potassium_chloride_inj"]


def hung(at: str, **extra: Any) -> dict[str, Any]:
    return {"administration_id": "a-bag", "order_id": BAG_ID, "outcome": "given",
            "administered_at": at, "scheduled_for": "2024-03-01T00:00:00.000Z",
            "recorded_by": "nurse-1", "voided": False} | extra  # fmt: skip


def a_round(at: str, action: str = "continue") -> dict[str, Any]:
    return {"round_id": f"r-{at}", "order_id": BAG_ID, "observed_at": at, "action": action,
            "site": "normal", "voided": False}  # fmt: skip


def test_a_round_restarts_the_round_clock_and_stopping_ends_the_bag():
    settings = InfusionSettings(timedelta(minutes=30))
    now = DAY + timedelta(minutes=50)
    c = chart(order(BAG_ID), administrations=(hung("2024-03-01T00:05:00.000Z"),))
    [bag] = running_bags(c, now=now, settings=settings)
    assert bag.next_round_at == DAY + timedelta(minutes=35) and bag.overdue(now)
    assert bag_for_scan([bag], label_code(BAG_ID)) is bag
    assert bag_for_scan([bag], "WBMRN3") is None
    c["infusion_rounds"] = [a_round("2024-03-01T00:40:00.000Z")]
    [bag] = running_bags(c, now=now, settings=settings)
    assert bag.next_round_at == DAY + timedelta(minutes=70) and not bag.overdue(now)
    c["infusion_rounds"].append(a_round("2024-03-01T00:45:00.000Z", "completed"))
    assert running_bags(c, now=now, settings=settings) == []


def test_the_shipped_interval_is_read_from_the_hospital_setting():
    assert InfusionSettings.load().round_interval >= timedelta(minutes=1)


def test_infiltration_stops_the_bag_and_a_running_bag_has_a_rate():
    assert _round_rule({"site": "infiltration", "action": "continue", "rate_value": 40})
    assert _round_rule({"site": "extravasation", "action": "stopped"}) == []
    assert _round_rule({"site": "normal", "action": "continue"}) == [
        "rate_value: a running infusion has a drip rate"]  # fmt: skip

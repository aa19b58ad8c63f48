"""Order groups (several drugs in one bag): one line, one order, one carrier, each drug checked.

病历书写基本规范 (2010) Art. 26 has an order written one to a line; a ward writes the drugs
sharing one infusion bag as one order, the sheet joins them with a bracket."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from workstation.clinical.checks import PatientContext, check_order
from workstation.clinical.checks.context import order_from_parsed
from workstation.clinical.formulary import default_formulary
from workstation.clinical.order_group import group_alerts
from workstation.clinical.order_sentence import OrderSentenceError, parse_order
from workstation.events.fields import check_fields
from workstation.events.vocabulary import EVENT_TYPES

BAG = "NS 250ml + 呋塞米 20mg + 氯化钾 1g ivgtt qd"


def test_a_three_part_bag_parses_as_one_group_with_its_carrier() -> None:
    order = parse_order(BAG, default_formulary())
    drugs = [(m.drug.code, m.dose_value, m.dose_unit) for m in order.members]
    assert drugs == [("furosemide", 20, "mg"), ("potassium_chloride_inj", 1, "g")]
    assert {(m.route, m.frequency) for m in order.members} == {("ivgtt", "qd")}
    assert {m.diluent.volume_ml for m in order.members if m.diluent} == {250}
    group = order.group_payload()
    assert group is not None and group["carrier"] == {"code": "ns", "volume_ml": 250}
    assert [m["drug_code"] for m in group["members"]] == ["potassium_chloride_inj"]


def test_the_route_and_frequency_written_once_hold_for_every_drug_of_the_bag() -> None:
    order = parse_order("5%GS 250ml + 10%氯化钾 7.5ml + 胰岛素 4u ivgtt qd 3d", default_formulary())
    assert [(m.drug.code, m.frequency, m.duration_days) for m in order.members] == [
        ("potassium_chloride_inj", "qd", 3), ("insulin_regular", "qd", 3)]  # fmt: skip


@pytest.mark.parametrize(("line", "part", "words"), [
    ("头孢曲松 2g + 甲硝唑 0.5g ivgtt q8h", "drug", "one order per drug"),
    ("NS 250ml + 呋塞米 20mg qd + 氯化钾 1g ivgtt bid", "frequency", "two frequencys"),
    ("NS 250ml + 呋塞米 + 氯化钾 1g ivgtt qd", "dose", "dose missing"),
])  # fmt: skip
def test_a_bag_that_cannot_be_one_order_is_refused(line: str, part: str, words: str) -> None:
    with pytest.raises(OrderSentenceError) as caught:
        parse_order(line, default_formulary())
    assert caught.value.part == part and words in str(caught.value)


def test_every_drug_of_the_bag_is_checked_on_its_own() -> None:
    """Potassium chloride 3 g in one bag is over its limits: the checks find it although
    potassium is the bag's second drug (the first drug's checks alone say nothing of it)."""
    order = parse_order("NS 100ml + 呋塞米 20mg + 氯化钾 3g ivgtt qd", default_formulary())
    ctx = PatientContext(age_years=60, weight_kg=70)
    alerts = group_alerts(order, BAG, ctx)
    first_only = check_order(order_from_parsed(order), ctx)
    assert not any("otassium" in a.message for a in first_only)
    assert any(a.severity == "critical" and "otassium" in a.message for a in alerts), alerts


def validate_payload(event_type: str, payload: dict) -> list[str]:
    spec = EVENT_TYPES[event_type]
    return check_fields(payload, spec.fields) + [p for r in spec.rules for p in r(payload)]


def test_the_group_travels_on_the_order_placed_event() -> None:
    order = parse_order(BAG, default_formulary())
    payload = {"order_kind": "medication", "description": BAG,
               "medication": order.medication_payload(), "group": order.group_payload()}  # fmt: skip
    assert validate_payload("OrderPlaced", payload) == []
    payload["group"]["members"][0]["frequency"] = "bid"
    assert any("one route and frequency" in p for p in validate_payload("OrderPlaced", payload))


def test_parse_order_prints_every_drug_of_the_group_with_the_carrier() -> None:
    run = [sys.executable, "-m", "workstation.server.cli", "parse-order", BAG]
    shown = subprocess.run(run, capture_output=True, text=True, check=True).stdout
    assert "carrier: 0.9% sodium chloride 250 mL" in shown
    assert "1. 呋塞米 (Furosemide): 20 mg ivgtt qd" in shown and "2. 氯化钾注射液" in shown
    as_json = json.loads(subprocess.run([*run, "--json"], capture_output=True, text=True,
                                        check=True).stdout)  # fmt: skip
    assert [d["drug"]["code"] for d in as_json["group"]] == ["furosemide", "potassium_chloride_inj"]
    single = subprocess.run([*run[:-1], "amox 500mg po tid"], capture_output=True, text=True,
                            check=True).stdout  # fmt: skip
    assert "(Amoxicillin): 500 mg po tid" in single and "carrier" not in single


def test_the_signed_basket_line_carries_its_term_and_its_group() -> None:
    """The default term by kind and frequency; one flip (F8 in order entry) makes it 临时."""
    from ui.screens.orders.entry import DraftOrder
    from workstation.clinical.order_sheet import flipped

    bag = DraftOrder("medication", BAG, BAG, parsed=parse_order(BAG, default_formulary()))
    assert bag.payload()["term"] == "long_term"
    assert bag.payload()["group"]["carrier"] == {"code": "ns", "volume_ml": 250}
    bag.term = flipped(bag.chosen_term())
    assert bag.payload()["term"] == "temporary"
    once = parse_order("呋塞米 20mg iv st", default_formulary())
    assert DraftOrder("medication", "", "", parsed=once).payload()["term"] == "temporary"
    assert "group" not in DraftOrder("medication", "", "", parsed=once).payload()
    assert DraftOrder("lab", "血常规", "血常规").payload()["term"] == "temporary"
    assert DraftOrder("nursing", "导尿", "导尿").payload()["term"] == "long_term"

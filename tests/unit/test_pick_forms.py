"""The form a route implies (dispense_forms) and the ward pick list's bags: furosemide po is
counted in tablets, iv in ampoules; a route without a form of its kind is refused naming it; a
bag's every drug and its carrier are picked, each in its own unit, less what was dispensed of it."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Connection

from tests.unit.pharmacy_fixtures import ev, fold, projection_db, receive
from tests.unit.test_order_group_pharmacy import label_context, place_bag
from tests.unit.test_verification import admit
from workstation.clinical.dispense_forms import NoFormForRoute, carrier_units, dispense_units
from workstation.clinical.dispensing import discharge_supply, outpatient_item, ward_pick_list
from workstation.clinical.formulary import Formulary, default_formulary
from workstation.clinical.order_sentence import parse_order
from workstation.reports.pick_list import pick_list_pdf

START = datetime(2026, 3, 1, 0, 0, tzinfo=UTC)


@pytest.fixture
def conn() -> Iterator[Connection]:
    """A fresh projection database."""
    yield from projection_db()


def test_the_route_chooses_the_form() -> None:
    formulary = default_formulary()
    furosemide, morphine = formulary.by_code("furosemide"), formulary.by_code("morphine")
    assert furosemide is not None and morphine is not None
    assert dispense_units(furosemide, 20, "mg", "po") == ("tab", 1.0)
    assert dispense_units(furosemide, 20, "mg", "iv") == ("amp", 1.0)
    assert dispense_units(morphine, 30, "mg", "po") == ("tab", 1.0)
    assert dispense_units(morphine, 10, "mg", "sc") == ("amp", 1.0)
    salbutamol = formulary.by_code("salbutamol")
    assert salbutamol is not None and dispense_units(salbutamol, 2.5, "mg", "neb")[0] == "amp"


def test_a_route_without_a_form_of_its_kind_is_refused_naming_the_route() -> None:
    morphine = default_formulary().by_code("morphine")
    assert morphine is not None
    ampoules_only = replace(morphine, forms=morphine.forms[:1])
    with pytest.raises(NoFormForRoute, match=r"no oral form for route po"):
        dispense_units(ampoules_only, 10, "mg", "po")
    # the routes that may borrow another form (an enema of an oral solution) are not refused
    lactulose = default_formulary().by_code("lactulose")
    assert lactulose is not None and dispense_units(lactulose, 20, "g", "pr")[0] == "bottle"


def test_oral_morphine_taken_home_is_counted_in_tablets() -> None:
    formulary = default_formulary()
    item = outpatient_item("吗啡 30mg po q12h 3d", formulary, pain_patient=True)
    assert (item["quantity"], item["unit"]) == (6, "tab")
    supply = discharge_supply(parse_order("吗啡 30mg po q12h 3d", formulary))
    assert (supply["quantity"], supply["unit"]) == (6, "tab")


def test_a_carrier_is_one_bag_of_the_smallest_size_holding_it() -> None:
    formulary = default_formulary()
    drug, unit, per_dose = carrier_units(formulary, "ns", 100) or (None, "", 0)
    assert drug is not None and (drug.code, unit, per_dose) == ("sodium_chloride_09", "bag", 1.0)
    assert carrier_units(formulary, "gs5", 1000)[1:] == ("bag", 2.0)  # type: ignore[index]


def test_every_drug_of_a_bag_and_its_carrier_is_on_the_pick_list(conn: Connection) -> None:
    pid = admit(conn, "张三")
    bag = place_bag(conn, pid)  # NS 100ml + 呋塞米 20mg + 哌拉西林他唑巴坦 4.5g + 氯化钾 1g q8h
    fold(conn, ev("OrderVerified", {"order_id": bag}, pid))
    lines = ward_pick_list(conn, "W1", start=START, formulary=default_formulary())
    doses = lines[0].doses
    assert doses > 0 and {x.doses for x in lines} == {doses}
    assert [(x.drug_code, x.quantity, x.unit, x.part) for x in lines] == [
        ("furosemide", doses, "amp", 0),
        ("piperacillin_tazobactam", doses, "vial", 1),
        ("potassium_chloride_inj", doses, "amp", 2),
        ("sodium_chloride_09", doses, "bag", 3),
    ]
    assert lines[2].description.startswith("+ 氯化钾注射液 (") and lines[2].description.endswith(
        " 1 g"
    )
    # what was dispensed of one drug of the bag does not count for the others
    fold(conn, ev("StockReceived", {"drug_code": "potassium_chloride_inj", "lot": "K1",
                                    "expiry": "2027-01-01", "location_id": "PHARM",
                                    "quantity": 10, "unit": "amp"}))  # fmt: skip
    fold(conn, ev("Dispensed", {"drug_code": "potassium_chloride_inj", "lot": "K1",
                                "location_id": "PHARM", "quantity": doses, "unit": "amp",
                                "order_id": bag}, pid, at="2026-03-01T09:00:00.000Z"))  # fmt: skip
    picked = {x.drug_code: x.dispensed for x in
              ward_pick_list(conn, "W1", start=START, formulary=default_formulary())}  # fmt: skip
    assert picked == {"furosemide": 0, "piperacillin_tazobactam": 0,
                      "potassium_chloride_inj": doses, "sodium_chloride_09": 0}  # fmt: skip


def _oral_furosemide(conn: Connection, pid: str, dose_mg: int, placed_at: str) -> str:
    """A verified 呋塞米 <dose> mg po bid order, placed at the time given; its id."""
    medication = {"drug_code": "furosemide", "drug_name": "呋塞米", "dose_value": dose_mg,
                  "dose_unit": "mg", "route": "po", "frequency": "bid"}  # fmt: skip
    [placed] = fold(conn, ev("OrderPlaced", {"order_kind": "medication", "medication": medication,
                                             "description": f"呋塞米 {dose_mg}mg po bid"}, pid,
                             at=placed_at, author="doc-1"))  # fmt: skip
    fold(conn, ev("OrderVerified", {"order_id": placed.event_id}, pid))
    return placed.event_id


def test_oral_furosemide_is_picked_in_tablets(conn: Connection) -> None:
    _oral_furosemide(conn, admit(conn, "张三"), 40, "2026-03-01T07:00:00.000Z")
    [line] = ward_pick_list(conn, "W1", start=START, formulary=default_formulary())
    assert line.doses > 0 and (line.quantity, line.unit) == (2 * line.doses, "tab")  # 20 mg tablets


def test_morphine_taken_home_is_counted_in_tablets_or_refused_clearly() -> None:
    formulary = default_formulary()
    item = outpatient_item("morphine 30mg po q12h 3d", formulary, pain_patient=True)
    assert (item["quantity"], item["unit"]) == (6, "tab")
    item = outpatient_item("morphine 10mg po q12h 3d", formulary, pain_patient=True)
    assert (item["quantity"], item["unit"]) == (6, "tab")  # 10 mg immediate-release tablets
    # where a third of a 30 mg sustained-release tablet is the only oral form, it is refused
    morphine = formulary.by_code("morphine")
    assert morphine is not None
    sustained_only = Formulary([replace(morphine, forms=morphine.forms[:2])])
    with pytest.raises(ValueError, match=r"10 mg po is not a whole number of sustained-release"):
        outpatient_item("morphine 10mg po q12h 3d", sustained_only)
    with pytest.raises(ValueError, match=r"10 mg po is not a whole number"):
        discharge_supply(parse_order("morphine 10mg po q12h 3d", sustained_only))


@pytest.mark.parametrize(("lang", "words"), [
    ("zh_CN", ["病区摆药单", "呋塞米 40 mg", "片", "呋塞米 20 mg", "+ 哌拉西林他唑巴坦 4.5 g",
               "+ 氯化钾注射液 1 g", "+ 氯化钠注射液 100 mL", "袋", "摆药人"]),
    ("en_US", ["Ward pick list", "Furosemide 40 mg", "tab", "+ Piperacillin", "vial", "bag",
               "Picked by"]),
])  # fmt: skip
def test_the_printed_pick_list_has_every_drug_of_the_bag_in_its_form(
    conn: Connection, tmp_path: Path, lang: str, words: list[str]
) -> None:
    pid = admit(conn, "张三")
    fold(conn, ev("OrderVerified", {"order_id": place_bag(conn, pid)}, pid))
    oral = {"drug_code": "furosemide", "drug_name": "呋塞米", "dose_value": 40,
            "dose_unit": "mg", "route": "po", "frequency": "bid"}  # fmt: skip
    [placed] = fold(conn, ev("OrderPlaced", {"order_kind": "medication", "medication": oral,
                                             "description": "呋塞米 40mg po bid"}, pid,
                             at="2026-03-01T07:00:00.000Z", author="doc-1"))  # fmt: skip
    fold(conn, ev("OrderVerified", {"order_id": placed.event_id}, pid))
    lines = ward_pick_list(conn, "W1", start=START, formulary=default_formulary())
    path = tmp_path / f"pick-{lang}.pdf"
    path.write_bytes(pick_list_pdf(label_context(lang), lines, ward="W1", start=START))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout  # fmt: skip
    for word in words:
        assert word in text, (word, text)


def test_a_drug_without_a_form_for_its_route_shows_why_and_is_not_picked(
    conn: Connection,
) -> None:
    shipped = default_formulary()
    morphine = shipped.by_code("morphine")
    assert morphine is not None
    ampoules_only = Formulary([replace(morphine, forms=morphine.forms[:1])])
    pid = admit(conn, "张三")
    oral = {"drug_code": "morphine", "drug_name": "吗啡", "dose_value": 10, "dose_unit": "mg",
            "route": "po", "frequency": "q12h"}  # fmt: skip
    [placed] = fold(conn, ev("OrderPlaced", {"order_kind": "medication", "medication": oral,
                                             "description": "吗啡 10mg po q12h"}, pid,
                             at="2026-03-01T07:00:00.000Z", author="doc-1"))  # fmt: skip
    fold(conn, ev("OrderVerified", {"order_id": placed.event_id}, pid))
    [line] = ward_pick_list(conn, "W1", start=START, formulary=ampoules_only)
    assert "no oral form for route po" in line.problem and line.done and line.unit != "amp"
    sustained_only = Formulary([replace(morphine, forms=morphine.forms[:2])])
    [line] = ward_pick_list(conn, "W1", start=START, formulary=sustained_only)  # 1/3 of 30 mg SR
    assert "not a whole number of sustained-release tablet" in line.problem
    [line] = ward_pick_list(conn, "W1", start=START, formulary=shipped)  # a 10 mg tablet
    assert not line.problem and line.unit == "tab"


def test_a_pick_still_counts_when_the_list_is_read_again_and_not_for_the_next_day(
    conn: Connection,
) -> None:
    # the list counted only what was dispensed since the moment it was read: an hour after the
    # round every line was due again (a second pick of each dose), unless read in the same second
    from datetime import timedelta

    pid = admit(conn, "张三")
    order_id = _oral_furosemide(conn, pid, 20, "2026-02-28T23:00:00.000Z")
    receive(conn, "furosemide", "F1", "2027-01-01", 50, unit="tab")

    def line(at: datetime):  # noqa: ANN202
        [only] = ward_pick_list(conn, "W1", start=at, formulary=default_formulary())
        return only

    due = line(START + timedelta(minutes=10))
    assert due.doses == 2 and not due.done
    fold(conn, ev("Dispensed", {"drug_code": "furosemide", "lot": "F1", "location_id": "PHARM",
                                "quantity": due.quantity, "unit": "tab",
                                "order_id": order_id}, pid, at="2026-03-01T00:15:00.000Z"))  # fmt: skip
    assert line(START + timedelta(minutes=20)).done
    later = line(START + timedelta(hours=1))
    assert later.done and later.dispensed == later.quantity
    tomorrow = line(START + timedelta(hours=24, minutes=10))
    assert tomorrow.doses == 2 and tomorrow.dispensed == 0 and not tomorrow.done

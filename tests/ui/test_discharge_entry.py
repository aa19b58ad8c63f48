"""出院带药 chosen by the doctor on the order line (`dc ` or `带药 ` before the sentence): oral and
external forms only, each with its days and the quantity for them, checked against the other
discharge medicines (not the inpatient orders), shown on the basket line in the user's language
and printed with the dispensing unit in words (处方管理办法 2007 Art. 5-6, 19)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.test_orders import _events, _orders_tab, _sign
from tests.ui.test_stock_words import chinese
from ui.screens.orders.catalogue import default_catalogue
from ui.screens.orders.entry import OrderReader
from ui.screens.orders.render import basket_line
from workstation.clinical.checks import PatientContext, check_order
from workstation.clinical.checks.context import order_from_parsed, order_from_row
from workstation.clinical.formulary import default_formulary
from workstation.clinical.knowledge import default_knowledge
from workstation.clinical.order_sentence import parse_order
from workstation.clinical.schedule import AdministrationTimes
from workstation.events import Event, event_problems
from workstation.ids import uuid7
from workstation.reports.context import Hospital, PrintContext, _names
from workstation.reports.discharge import supply_text


def reader(inpatient: tuple[str, ...] = (), home: tuple[str, ...] = ()) -> OrderReader:
    """An order line for a patient on these inpatient orders and these 出院带药 already signed."""
    formulary = default_formulary()
    found = OrderReader(formulary, default_knowledge(), default_catalogue())

    def active(sentences: tuple[str, ...]) -> PatientContext:
        orders = tuple(order_from_parsed(parse_order(s, formulary), s) for s in sentences)
        return replace(PatientContext(), active_orders=orders)

    found.context, found.discharge_context = active(inpatient), active(home)
    return found


def test_a_discharge_line_carries_its_quantity_and_days_as_a_temporary_order() -> None:
    draft = reader().read("dc amoxicillin 500mg po tid 7d").draft
    assert draft is not None and draft.discharge == {"quantity": 21, "unit": "cap", "days": 7}
    payload = draft.payload()
    assert payload["discharge"] == draft.discharge and payload["term"] == "temporary"
    placed = Event(uuid7(), "OrderPlaced", uuid7(), uuid7(), "dev-1", 1,
                   "2026-03-01T09:00:00.000Z", payload)  # fmt: skip
    assert event_problems(placed) == []
    chinese_prefix = reader().read("带药 amlodipine 5mg po qd 14d").draft
    assert chinese_prefix is not None and chinese_prefix.discharge == {
        "quantity": 14, "unit": "tab", "days": 14
    }  # fmt: skip
    inpatient = reader().read("amoxicillin 500mg po tid 7d").draft
    assert inpatient is not None and inpatient.discharge is None
    assert "discharge" not in inpatient.payload()


@pytest.mark.parametrize(("line", "words"), [
    ("dc amlodipine 5mg po qd", "write the days"),
    ("dc ceftriaxone 2g ivgtt qd 7d", "oral or external only"),
    ("dc ns 100ml + ceftriaxone 2g ivgtt qd 7d", "not taken home"),
    ("dc zzz 5mg po qd 7d", "出院带药"),
])  # fmt: skip
def test_what_cannot_be_taken_home_is_refused_on_the_line(line: str, words: str) -> None:
    reading = reader().read(line)
    assert reading.draft is None and words in (reading.error or ""), reading.error


def test_a_discharge_drug_is_checked_against_the_other_discharge_drugs_only() -> None:
    line = reader(inpatient=("omeprazole 20mg po qd",))
    home = line.read("dc omeprazole 20mg po qd 14d").draft  # the same PPI, taken home
    assert home is not None and "therapeutic-duplication" not in {a.category for a in home.alerts}
    inpatient = line.read("pantoprazole 40mg po qd").draft  # a second PPI on the ward
    assert inpatient is not None
    assert "therapeutic-duplication" in {a.category for a in inpatient.alerts}
    # the basket counts the same way: a discharge line meets the discharge lines
    second = line.read("dc pantoprazole 40mg po qd 14d", [home]).draft
    assert second is not None
    assert "therapeutic-duplication" in {a.category for a in second.alerts}
    assert "therapeutic-duplication" not in {
        a.category for a in (line.read("dc pantoprazole 40mg po qd 14d", [inpatient]).draft
                             or home).alerts
    }  # fmt: skip
    signed = reader(home=("omeprazole 20mg po qd 14d",)).read("dc pantoprazole 40mg po qd 14d")
    assert signed.draft is not None
    assert "therapeutic-duplication" in {a.category for a in signed.draft.alerts}


def test_the_basket_line_says_what_is_handed_over(qapp: QApplication, tmp_path: Path) -> None:
    draft = reader().read("dc amoxicillin 500mg po tid 7d").draft
    assert draft is not None
    assert basket_line(draft, "en").startswith("[temporary]")
    assert "[discharge medication: 21 cap for 7 days]" in basket_line(draft, "en")
    with chinese(qapp, tmp_path):
        assert "[出院带药：21 粒，7 天]" in basket_line(draft, "zh_CN")


def test_the_printed_supply_names_the_unit_in_words() -> None:
    def context(lang: str) -> PrintContext:
        return PrintContext(lang=lang, printed_by="医师", printed_at=datetime(2026, 3, 1),
                            hospital=Hospital.load(), times=AdministrationTimes.load(),
                            drugs=_names(default_formulary()))  # fmt: skip

    supply = {"quantity": 21, "unit": "cap", "days": 7}
    assert supply_text(context("zh_CN"), supply) == "共 21 粒，7 天"
    assert supply_text(context("en_US"), supply) == "21 cap, 7 days"


def test_the_doctor_signs_a_discharge_medicine_by_keyboard(qtbot: QtBot, open_station) -> None:  # noqa: ANN001
    station = open_station()
    _orders_tab(qtbot, station, "ls")  # 李四
    orders = station.view.chart.orders
    qtbot.keyClicks(orders.line, "dc amlodipine 5mg po qd 14d")
    qtbot.keyClick(orders.line, Qt.Key.Key_Return)
    assert "[discharge medication: 14 tab for 14 days]" in orders.basket.item(0).text()
    [order_id] = _sign(qtbot, station)
    [event] = [e for e in _events(station, "OrderPlaced") if e["event_id"] == order_id]
    assert event["discharge"] == {"quantity": 14, "unit": "tab", "days": 14}
    assert event["term"] == "temporary" and event["medication"]["duration_days"] == 14


def test_a_controlled_drug_taken_home_keeps_to_the_outpatient_limits() -> None:
    # 处方管理办法 Art. 25's one day is the ward's rule; taken home, Art. 23's quantities hold
    home = reader().read("dc morphine 30mg po q12h 7d").draft  # controlled-release: 7 days
    assert home is not None and home.discharge == {"quantity": 14, "unit": "tab", "days": 7}
    assert "controlled-one-day" not in {a.rule_id for a in home.alerts}
    ward = reader().read("morphine 30mg po q12h 7d").draft
    assert ward is not None and "controlled-one-day" in {a.rule_id for a in ward.alerts}
    too_much = reader().read("dc diazepam 2.5mg po qn 14d")  # 精二: 7 days at most
    assert too_much.draft is None and "Art. 23" in (too_much.error or "")
    # the pharmacist's re-check reads the stored order as a discharge order too
    row = {"drug_code": "morphine", "dose_value": 30, "dose_unit": "mg", "route": "po",
           "frequency": "q12h", "duration_days": 7, "discharge": home.discharge}  # fmt: skip
    assert "controlled-one-day" not in {
        a.rule_id for a in check_order(order_from_row(row), PatientContext())
    }
    assert "controlled-one-day" in {
        a.rule_id for a in check_order(order_from_row(row | {"discharge": None}), PatientContext())
    }

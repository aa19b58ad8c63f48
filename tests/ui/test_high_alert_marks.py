"""The high-alert mark on the screens that name a drug, as its icon and its word (printouts keep
issue 11's ▲, through PrintContext.drug_name): the chart's orders, the pharmacist's verification
queue and the order basket (the MAR has its own)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from ui.screens.chart.columns import order_columns
from ui.screens.orders.entry import DraftOrder
from ui.screens.orders.render import basket_icon, basket_line
from ui.screens.pharmacy.verification_view import VerificationView
from workstation.clinical.formulary import default_formulary
from workstation.clinical.order_sentence import parse_order
from workstation.clinical.verification import WaitingOrder

PATIENT = {"bed": "3", "name": "张三"}


def _order(description: str) -> dict[str, object]:
    return {"urgent": False, "placed_at": "2026-12-07T08:00:00.000Z", "description": description}


def test_the_chart_orders_column_marks_a_high_alert_order() -> None:
    column = next(c for c in order_columns() if c.header == "Order")
    assert (
        column.text({"high_alert": True, "drug_name": "肝素", "description": "x"})
        == "High-alert: 肝素"
    )
    assert column.icon is not None and column.icon({"high_alert": True}) == "high_alert"
    assert column.icon({"high_alert": False}) is None
    assert (
        column.text({"high_alert": False, "drug_name": "阿莫西林", "description": "x"})
        == "阿莫西林"
    )


def test_the_verification_queue_marks_a_high_alert_order(qtbot: QtBot) -> None:
    view = VerificationView()
    qtbot.addWidget(view)
    view.show_queue([
        WaitingOrder(_order("insulin glargine 10u sc qn"), PATIENT, False, high_alert=True),
        WaitingOrder(_order("amoxicillin 500mg po tid"), PATIENT, False),
    ])  # fmt: skip
    texts = [view.table.item(row, 3).text() for row in range(2)]
    assert texts == ["High-alert: insulin glargine 10u sc qn", "amoxicillin 500mg po tid"]
    assert not view.table.item(0, 3).icon().isNull() and view.table.item(1, 3).icon().isNull()


def test_the_order_basket_marks_a_high_alert_line() -> None:
    formulary = default_formulary()
    insulin = parse_order("insulin glargine 10u sc qn", formulary)
    amoxicillin = parse_order("amoxicillin 500mg po tid", formulary)
    marked = basket_line(
        DraftOrder("medication", "insulin glargine 10u sc qn", "x", parsed=insulin), "en"
    )
    plain = basket_line(
        DraftOrder("medication", "amoxicillin 500mg po tid", "x", parsed=amoxicillin), "en"
    )
    assert "High-alert: insulin" in marked and "High-alert" not in plain
    assert basket_icon(DraftOrder("medication", "x", "x", parsed=insulin)) == "high_alert"
    assert basket_icon(DraftOrder("medication", "x", "x", parsed=amoxicillin)) is None

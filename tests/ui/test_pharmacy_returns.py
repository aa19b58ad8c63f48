"""Returns at the pharmacy by keyboard and scanner: a ward dose back into stock and onto its
order's closed loop; an outpatient's item refused for stock and quarantined; a foreign code."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.ui.helpers import LOGIN_SECONDS_MS
from tests.ui.test_pharmacy import pharmacy  # noqa: F401 - the pharmacist's station
from tests.ui.ward import WARD
from ui.screens.pharmacy import tasks
from workstation.clinical.barcodes import label_code
from workstation.clinical.closed_loop import closed_loop
from workstation.clinical.returns import QUARANTINE_LOCATION
from workstation.clinical.stock import lots_on_hand
from workstation.projections import tables as pt
from workstation.projections.nursing_queries import nursing_chart

WAIT = LOGIN_SECONDS_MS


def _returns_tab(qtbot: QtBot, station):  # noqa: ANN001, ANN202
    """Shift+F12: the returns tab with the keys in its label field."""
    controller = station.shell.pharmacy
    qtbot.waitUntil(lambda: controller.actions[4].isEnabled(), timeout=WAIT)
    qtbot.keyClick(station.view, Qt.Key.Key_F12, Qt.KeyboardModifier.ShiftModifier)
    view = controller.view.returns
    qtbot.waitUntil(view.scan.hasFocus)
    return controller.returns, view


def _scan(qtbot: QtBot, field, code: str) -> None:  # noqa: ANN001
    qtbot.keyClicks(field, code)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def _on_hand(station, location: str, lot: str) -> float:  # noqa: ANN001
    with station.workstation.store.reading() as conn:
        return sum(x.quantity for x in lots_on_hand(conn, location) if x.lot == lot)


def test_a_ward_dose_comes_back_into_stock_and_onto_its_closed_loop(
    qtbot: QtBot,
    pharmacy,  # noqa: ANN001, F811
    tmp_path: Path,
) -> None:
    station = pharmacy
    ws = station.workstation
    station.shell.pharmacy.label_dir = tmp_path / "labels"
    with ws.store.reading() as conn:
        o = pt.orders.c
        order = conn.execute(select(o.order_id, o.patient_id)
                             .where(o.description == "omeprazole 20mg po qd")).one()  # fmt: skip
    tasks.decide(ws, "verify", order.patient_id, order.order_id)
    qtbot.keyClick(station.view, Qt.Key.Key_F11, Qt.KeyboardModifier.ControlModifier)
    pick = station.view.findChild(object, "pickScan")
    qtbot.waitUntil(pick.hasFocus)
    [picked] = tasks.pick_list(ws, WARD)  # the ward's doses for the next 24 h
    with qtbot.waitSignal(station.shell.pharmacy.sig_labels_saved, timeout=WAIT):
        _scan(qtbot, pick, label_code(order.order_id))  # a scan, not sent to the nurse's MAR
    before = _on_hand(station, "PHARM", "OME-1")
    returns, view = _returns_tab(qtbot, station)
    with qtbot.waitSignal(returns.sig_found, timeout=WAIT) as found:
        _scan(qtbot, view.scan, label_code(order.order_id))  # the medication label
    assert found.args == [1]
    qtbot.waitUntil(view.quantity.hasFocus)
    assert view.quantity.text() == f"{picked.quantity:g}"  # all of what is still out
    qtbot.keyClicks(view.quantity, "1")  # typing replaces the offer
    qtbot.keyClick(view.quantity, Qt.Key.Key_Return)
    qtbot.waitUntil(view.reason.hasFocus)
    qtbot.keyClick(view.reason, Qt.Key.Key_Down)  # patient discharged
    assert view.reason_code() == "patient_discharged" and view.disposition_code() == "restock"
    with qtbot.waitSignal(returns.sig_returned, timeout=WAIT) as returned:
        qtbot.keyClick(view.reason, Qt.Key.Key_F8)
    assert returned.args[0]["order_id"] == order.order_id
    assert _on_hand(station, "PHARM", "OME-1") == before + 1
    assert view.message.text() == "Returned 1 of lot OME-1 back into stock at PHARM."
    assert view.scan.hasFocus()
    with ws.store.reading() as conn:
        loop = closed_loop(nursing_chart(conn, order.patient_id), order.order_id)
    back = [e for e in loop if e.kind == "returned"]
    assert len(back) == 1 and back[0].exception and "patient discharged" in back[0].detail


def test_an_outpatients_item_is_refused_for_stock_and_goes_to_quarantine(
    qtbot: QtBot,
    pharmacy,  # noqa: ANN001, F811
) -> None:
    station = pharmacy
    ws = station.workstation
    [waiting] = tasks.outpatients(ws)
    for code in ("amoxicillin", "omeprazole", "paracetamol"):  # amoxicillin: 15 caps of AMX-SOON
        tasks.counter_scan(ws, waiting.prescription_id, code)
    tasks.hand_over(ws, waiting.prescription_id, "")  # it has left the counter
    returns, view = _returns_tab(qtbot, station)
    with qtbot.waitSignal(returns.sig_found, timeout=WAIT):
        _scan(qtbot, view.scan, "amoxicillin/AMX-SOON")  # the dispensing label
    qtbot.waitUntil(view.quantity.hasFocus)
    assert "赵六" in view.items.item(0).text() and view.quantity.text() == "15"
    assert view.disposition_code() == "quarantine"  # it left the hospital: never restocked
    qtbot.keyClick(view.quantity, Qt.Key.Key_Return)
    qtbot.keyClick(view.reason, Qt.Key.Key_Tab)
    qtbot.waitUntil(view.disposition.hasFocus)
    qtbot.keyClick(view.disposition, Qt.Key.Key_Up)  # the pharmacist tries "back into stock"
    assert view.disposition_code() == "restock"
    with qtbot.waitSignal(returns.sig_refused, timeout=WAIT) as refused:
        qtbot.keyClick(view.disposition, Qt.Key.Key_F8)
    assert "never back into stock" in refused.args[0]
    qtbot.keyClick(view.disposition, Qt.Key.Key_Down)
    with qtbot.waitSignal(returns.sig_returned, timeout=WAIT):
        qtbot.keyClick(view.disposition, Qt.Key.Key_F8)
    assert _on_hand(station, QUARANTINE_LOCATION, "AMX-SOON") == 15
    assert view.message.text() == "Returned 15 of lot AMX-SOON to quarantine."


def test_a_wristband_is_not_a_pharmacy_label(qtbot: QtBot, pharmacy) -> None:  # noqa: ANN001, F811
    returns, view = _returns_tab(qtbot, pharmacy)
    with qtbot.waitSignal(returns.sig_refused, timeout=WAIT) as refused:
        _scan(qtbot, view.scan, "WBMRN0001")
    assert "not a pharmacy label" in refused.args[0]
    assert view.message.text() == refused.args[0]
    assert view.items.count() == 0

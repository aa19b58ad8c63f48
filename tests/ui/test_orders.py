"""Order entry by keyboard: sentence to basket to signature, a critical allergy alert that needs a
reason, an order set, stopping and modifying an order, and the same work offline then synced."""

from __future__ import annotations

import re

import orjson
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from offline_cache.tables import local_events
from tests.ui.flows import CTRL, open_patient
from tests.ui.helpers import LOGIN_SECONDS_MS
from ui.screens.orders.catalogue import default_catalogue
from ui.screens.orders.dialogs import ReasonDialog
from workstation.clinical.formulary import default_formulary
from workstation.clinical.order_sentence import parse_order
from workstation.projections import tables as pt

WAIT = LOGIN_SECONDS_MS


def _orders_tab(qtbot: QtBot, station, search: str) -> None:  # noqa: ANN001
    open_patient(qtbot, station, search)
    qtbot.keyClick(station.view, Qt.Key.Key_3, CTRL)
    line = station.view.chart.orders.line
    qtbot.waitUntil(line.hasFocus)
    qtbot.waitUntil(lambda: station.shell.chart.orders.context_ready, timeout=WAIT)


def _type(qtbot: QtBot, widget, text: str) -> None:  # noqa: ANN001
    """ASCII as key presses; Chinese as the input method delivers it (a committed string)."""
    for chunk in re.findall(r"[\x00-\x7f]+|[^\x00-\x7f]+", text):
        if chunk.isascii():
            qtbot.keyClicks(widget, chunk)
        else:
            event = QInputMethodEvent()
            event.setCommitString(chunk)
            QApplication.sendEvent(widget, event)


def _type_order(qtbot: QtBot, station, sentence: str) -> None:  # noqa: ANN001
    orders = station.view.chart.orders
    _type(qtbot, orders.line, sentence)
    qtbot.keyClick(orders.line, Qt.Key.Key_Return)


def _sign(qtbot: QtBot, station) -> list[str]:  # noqa: ANN001
    with qtbot.waitSignal(station.shell.chart.orders.sig_orders_signed, timeout=WAIT) as signed:
        qtbot.keyClick(station.view.chart.orders.line, Qt.Key.Key_F9)
    return signed.args[0]


def _events(station, event_type: str) -> list[dict]:  # noqa: ANN001
    e = local_events.c
    with station.workstation.store.reading() as conn:
        rows = conn.execute(
            select(e.event_id, e.payload, e.state).where(e.type == event_type)
        ).all()
    return [{"event_id": r.event_id, "state": r.state, **orjson.loads(r.payload)} for r in rows]


def _order_row(station, order_id: str) -> dict:  # noqa: ANN001
    with station.workstation.store.reading() as conn:
        row = conn.execute(select(pt.orders).where(pt.orders.c.order_id == order_id)).one()
    return dict(row._mapping)


def _reason_dialog(qtbot: QtBot, station) -> ReasonDialog:  # noqa: ANN001
    qtbot.waitUntil(lambda: any(d.isVisible() for d in station.view.findChildren(ReasonDialog)))
    dialog = next(d for d in station.view.findChildren(ReasonDialog) if d.isVisible())
    qtbot.waitUntil(dialog.reason.hasFocus)
    return dialog


def test_order_sentence_is_read_while_typing_then_signed(qtbot: QtBot, open_station) -> None:  # noqa: ANN001
    station = open_station()
    _orders_tab(qtbot, station, "ls")  # 李四, no allergy
    orders = station.view.chart.orders
    qtbot.keyClicks(orders.line, "amox 500mg po tid 7d")
    assert "Amoxicillin" in orders.preview.text() and "7 days" in orders.preview.text()
    qtbot.keyClick(orders.line, Qt.Key.Key_Return)
    assert orders.basket.count() == 1 and orders.line.text() == ""
    [order_id] = _sign(qtbot, station)
    event, skin_test = _events(station, "OrderPlaced")  # amoxicillin brings its 皮试 order
    assert (skin_test["order_kind"], skin_test["code"]) == ("nursing", "skin-test:penicillin")
    assert event["event_id"] == order_id and event["order_kind"] == "medication"
    assert event["medication"] == {
        "drug_code": "amoxicillin", "drug_name": "阿莫西林 (Amoxicillin)", "dose_value": 500.0,
        "dose_unit": "mg", "route": "po", "frequency": "tid", "duration_days": 7, "prn": False,
    }  # fmt: skip
    # only the skin-test note (info) was shown: nothing to override
    assert event["overrides"]["reasons"] == {}
    assert [a["category"] for a in event["overrides"]["alerts"]] == ["skin-test"]
    assert orders.basket.count() == 0
    qtbot.waitUntil(
        lambda: any(r["order_id"] == order_id for r in orders.active_model.rows), timeout=WAIT
    )


def test_allergy_alert_cannot_be_signed_without_a_reason(qtbot: QtBot, open_station) -> None:  # noqa: ANN001
    station = open_station()
    _orders_tab(qtbot, station, "zs")  # 张三, allergic to penicillin
    orders = station.view.chart.orders
    _type(qtbot, orders.line, "阿莫西林 0.5g 口服 tid 7天")
    assert "CRITICAL" in orders.alerts.text() and "penicillin" in orders.alerts.text()
    qtbot.keyClick(orders.line, Qt.Key.Key_Return)
    qtbot.keyClick(orders.line, Qt.Key.Key_F9)
    dialog = _reason_dialog(qtbot, station)
    assert not dialog.ok.isEnabled()
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)  # no reason: stays open
    assert dialog.isVisible()
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert _events(station, "OrderPlaced") == [] and orders.basket.count() == 1
    qtbot.waitUntil(orders.line.hasFocus)
    qtbot.keyClick(orders.line, Qt.Key.Key_F9)
    dialog = _reason_dialog(qtbot, station)
    qtbot.keyClicks(dialog.reason, "tolerated amoxicillin in 2023, rash was viral")
    with qtbot.waitSignal(station.shell.chart.orders.sig_orders_signed, timeout=WAIT):
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    [event] = [e for e in _events(station, "OrderPlaced") if e["order_kind"] == "medication"]
    reasons = event["overrides"]["reasons"]
    assert reasons == {"allergy-penicillin": "tolerated amoxicillin in 2023, rash was viral"}
    assert {
        "rule_id": "allergy-penicillin",
        "category": "drug-allergy",
        "severity": "critical",
    } in (event["overrides"]["alerts"])


def test_order_set_by_name_adds_every_line(qtbot: QtBot, open_station) -> None:  # noqa: ANN001
    station = open_station()
    _orders_tab(qtbot, station, "ls")
    orders = station.view.chart.orders
    _type_order(qtbot, station, "os pneumonia")
    cap = next(s for s in default_catalogue().order_sets if s.set_id == "cap")
    assert orders.basket.count() == len(cap.lines)
    _type_order(qtbot, station, "血常规")  # a catalogue test by its Chinese name
    _type_order(qtbot, station, "n sit up 30 degrees")
    ids = _sign(qtbot, station)
    assert len(ids) == len(cap.lines) + 2
    kinds = [e["order_kind"] for e in _events(station, "OrderPlaced")]
    assert kinds.count("medication") == 2 and kinds.count("imaging") == 1
    assert kinds.count("lab") == 9 and kinds.count("nursing") == 3
    codes = {e.get("code") for e in _events(station, "OrderPlaced")}
    assert {"CBC", "CXR", "BCX", "ceftriaxone", "azithromycin"} <= codes


def test_stop_and_modify_an_active_order_by_keyboard(qtbot: QtBot, open_station) -> None:  # noqa: ANN001
    station = open_station()
    _orders_tab(qtbot, station, "ls")
    orders, controller = station.view.chart.orders, station.shell.chart.orders
    _type_order(qtbot, station, "furosemide 40mg iv bid")
    _type_order(qtbot, station, "omeprazole 20mg po qd")
    furosemide, omeprazole = _sign(qtbot, station)
    qtbot.waitUntil(lambda: len(orders.active_model.rows) == 2, timeout=WAIT)
    rows = [r["order_id"] for r in orders.active_model.rows]
    qtbot.keyClick(orders.line, Qt.Key.Key_F6)
    qtbot.keyClick(orders.basket, Qt.Key.Key_F6)
    assert orders.active.hasFocus()
    for _ in range(rows.index(omeprazole)):
        qtbot.keyClick(orders.active, Qt.Key.Key_Down)
    qtbot.keyClick(orders.active, Qt.Key.Key_Delete)
    dialog = _reason_dialog(qtbot, station)
    qtbot.keyClicks(dialog.reason, "no longer needed")
    with qtbot.waitSignal(controller.sig_order_discontinued, timeout=WAIT):
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    row = _order_row(station, omeprazole)
    assert row["status"] == "discontinued" and row["end_reason"] == "no longer needed"
    qtbot.waitUntil(lambda: len(orders.active_model.rows) == 2 and orders.active_model.rows[
        [r["order_id"] for r in orders.active_model.rows].index(omeprazole)]["status"] == "discontinued",
        timeout=WAIT)  # fmt: skip
    orders.active.setFocus()
    orders.active.selectRow([r["order_id"] for r in orders.active_model.rows].index(furosemide))
    qtbot.keyClick(orders.active, Qt.Key.Key_Return)  # modify: the sentence comes back to the line
    assert orders.line.hasFocus() and orders.line.text() == "furosemide 40mg iv bid"
    orders.line.selectAll()
    _type_order(qtbot, station, "furosemide 20mg iv bid")
    [new_id] = _sign(qtbot, station)
    placed = next(e for e in _events(station, "OrderPlaced") if e["event_id"] == new_id)
    assert placed["replaces_order_id"] == furosemide
    assert _order_row(station, furosemide)["status"] == "discontinued"


def test_orders_signed_offline_are_synced_later(qtbot: QtBot, open_station, ward_server) -> None:  # noqa: ANN001
    server, ward = ward_server
    station = open_station()
    _orders_tab(qtbot, station, "ls")
    server.stop()
    _type_order(qtbot, station, "amox 500mg po tid 7d")
    _type_order(qtbot, station, "CXR")
    ids = _sign(qtbot, station)
    assert {e["state"] for e in _events(station, "OrderPlaced")} == {"pending"}
    with qtbot.waitSignal(station.shell.sig_synced, timeout=WAIT) as failed:
        station.shell.sync_now()
    assert failed.args[0].error is not None and station.workstation.status().waiting >= 2
    server.start()
    with qtbot.waitSignal(station.shell.sig_synced, timeout=WAIT) as synced:
        station.shell.sync_now()
    assert synced.args[0].error is None and station.workstation.status().waiting == 0
    assert {e["state"] for e in _events(station, "OrderPlaced")} == {"accepted"}
    from sqlalchemy import create_engine

    engine = create_engine(ward.database_url)
    try:
        with engine.connect() as conn:
            on_server = set(conn.execute(
                select(pt.orders.c.order_id).where(pt.orders.c.patient_id == ward.li_si)).scalars())  # fmt: skip
    finally:
        engine.dispose()
    assert set(ids) <= on_server


@pytest.mark.parametrize("order_set", default_catalogue().order_sets, ids=lambda s: s.set_id)
def test_every_order_set_line_is_orderable(order_set) -> None:  # noqa: ANN001
    catalogue, formulary = default_catalogue(), default_formulary()
    assert order_set.guideline and order_set.name_zh and order_set.name_en
    for line in order_set.lines:
        if line.kind == "medication":
            parse_order(line.sentence, formulary)
        elif line.kind == "nursing":
            assert line.text_en and line.text_zh
        else:
            item = catalogue.by_code(line.code)
            assert item is not None and item.kind == line.kind

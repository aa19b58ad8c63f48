"""A trainee's order waits for a co-signature (处方管理办法 2007 ch. 2), by keyboard: the trainee
signs it, it is listed as awaiting co-signature and cannot be co-signed by its author; a licensed
doctor selects it and co-signs with Ctrl+Shift+O, and it is placed."""

from __future__ import annotations

import orjson
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from offline_cache.tables import local_events
from tests.ui.flows import CTRL, SHIFT, log_in, open_by_search, open_patient
from tests.ui.helpers import LOGIN_SECONDS_MS
from tests.ui.ward import NURSE, TRAINEE
from ui.screens.orders.stewardship import StewardshipDialog
from workstation.projections import tables as pt

WAIT = LOGIN_SECONDS_MS


def _status(station, order_id: str) -> str:  # noqa: ANN001
    with station.workstation.store.reading() as conn:
        return conn.execute(
            select(pt.orders.c.status).where(pt.orders.c.order_id == order_id)
        ).scalar_one()


def _orders_tab(qtbot: QtBot, station) -> None:  # noqa: ANN001
    qtbot.keyClick(station.view, Qt.Key.Key_3, CTRL)
    qtbot.waitUntil(station.view.chart.orders.line.hasFocus)
    qtbot.waitUntil(lambda: station.shell.chart.orders.context_ready, timeout=WAIT)


def _select(qtbot: QtBot, station, order_id: str) -> None:  # noqa: ANN001
    orders = station.view.chart.orders
    qtbot.waitUntil(
        lambda: any(r["order_id"] == order_id for r in orders.active_model.rows), timeout=WAIT
    )
    orders.active.setFocus()
    orders.active.selectRow([r["order_id"] for r in orders.active_model.rows].index(order_id))


def test_a_trainees_order_waits_until_a_doctor_co_signs_it(qtbot: QtBot, open_station) -> None:  # noqa: ANN001
    station = open_station()
    open_patient(qtbot, station, "ls", username=TRAINEE)
    _orders_tab(qtbot, station)
    orders = station.view.chart.orders
    qtbot.keyClicks(orders.line, "amox 500mg po tid 7d")
    qtbot.keyClick(orders.line, Qt.Key.Key_Return)
    with qtbot.waitSignal(station.shell.chart.orders.sig_orders_signed, timeout=WAIT) as signed:
        qtbot.keyClick(orders.line, Qt.Key.Key_F9)  # the cosign alert asks no reason: it waits
    [order_id] = signed.args[0]
    with station.workstation.store.reading() as conn:
        payload = orjson.loads(conn.execute(select(local_events.c.payload)
                                            .where(local_events.c.event_id == order_id)).scalar_one())  # fmt: skip
    assert payload["signoff"] == {
        "missing": ["cosign", "antibiotic-tier"],
        "antibiotic_tier": "non_restricted",
    }
    assert _status(station, order_id) == "awaiting_cosign"
    _select(qtbot, station, order_id)
    with qtbot.waitSignal(station.shell.chart.orders.sig_message, timeout=WAIT) as refused:
        qtbot.keyClick(station.view, Qt.Key.Key_O, CTRL | SHIFT)
    assert "cannot co-sign" in refused.args[0]
    station.shell.lock()
    qtbot.keyClick(station.view.login.switch_user, Qt.Key.Key_Space)
    log_in(qtbot, station)
    open_by_search(qtbot, station, "ls")
    _orders_tab(qtbot, station)
    _select(qtbot, station, order_id)
    with qtbot.waitSignal(station.shell.chart.orders.sig_chart_changed, timeout=WAIT):
        qtbot.keyClick(station.view, Qt.Key.Key_O, CTRL | SHIFT)
    qtbot.waitUntil(lambda: _status(station, order_id) == "placed", timeout=WAIT)


def test_an_antibiotic_above_the_tier_asks_culture_and_allows_an_emergency_override(
    qtbot: QtBot, open_station
) -> None:  # noqa: ANN001
    station = open_station()
    open_patient(qtbot, station, "ls")  # the doctor: restricted tier (title not set yet)
    _orders_tab(qtbot, station)
    orders = station.view.chart.orders
    qtbot.keyClicks(orders.line, "meropenem 1g ivgtt q8h")
    qtbot.keyClick(orders.line, Qt.Key.Key_Return)
    qtbot.keyClick(orders.line, Qt.Key.Key_F9)
    qtbot.waitUntil(
        lambda: any(d.isVisible() for d in station.view.findChildren(StewardshipDialog))
    )
    dialog = next(d for d in station.view.findChildren(StewardshipDialog) if d.isVisible())
    qtbot.waitUntil(dialog.culture.hasFocus)
    qtbot.keyClick(dialog.culture, Qt.Key.Key_Space)
    qtbot.keyClick(dialog.culture, Qt.Key.Key_Tab)
    qtbot.keyClick(dialog.emergency, Qt.Key.Key_Space)
    qtbot.keyClick(dialog.emergency, Qt.Key.Key_Tab)
    qtbot.keyClick(dialog.indication, Qt.Key.Key_Return)  # no indication yet: stays open
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.indication, "septic shock")
    with qtbot.waitSignal(station.shell.chart.orders.sig_orders_signed, timeout=WAIT) as signed:
        qtbot.keyClick(dialog.indication, Qt.Key.Key_Return)
    [order_id] = signed.args[0]
    with station.workstation.store.reading() as conn:
        payload = orjson.loads(conn.execute(select(local_events.c.payload)
                                            .where(local_events.c.event_id == order_id)).scalar_one())  # fmt: skip
    assert payload["signoff"] == {
        "missing": ["antibiotic-tier"], "antibiotic_tier": "special", "needs_approval": True,
        "culture_sent": True, "emergency": {"indication": "septic shock", "purpose": "treatment"},
    }  # fmt: skip
    assert _status(station, order_id) == "placed"  # it goes ahead at once (Art. 28)


def test_the_doctor_signs_the_verbal_order_a_nurse_took_with_the_same_key(
    qtbot: QtBot, open_station
) -> None:  # noqa: ANN001
    """病历书写基本规范 Art. 26: a nurse takes a verbal order in a rescue; afterwards the doctor who
    gave it selects it and signs it with Ctrl+Shift+O (another doctor may not)."""
    station = open_station()
    patient_id = open_patient(qtbot, station, "ls")
    doctor_id = station.workstation.sessions.current.user_id
    station.shell.lock()
    qtbot.keyClick(station.view.login.switch_user, Qt.Key.Key_Space)
    log_in(qtbot, station, NURSE)
    verbal = station.workstation.record("OrderPlaced", patient_id=patient_id, payload={
        "order_kind": "medication", "description": "Adrenaline 1 mg iv st", "urgent": True,
        "term": "temporary", "verbal_from": doctor_id,
        "medication": {"drug_code": "epinephrine", "drug_name": "Adrenaline", "dose_value": 1.0,
                       "dose_unit": "mg", "route": "iv", "frequency": "st", "prn": False},
    })  # fmt: skip
    station.shell.lock()
    qtbot.keyClick(station.view.login.switch_user, Qt.Key.Key_Space)
    log_in(qtbot, station)
    open_by_search(qtbot, station, "ls")
    _orders_tab(qtbot, station)
    _select(qtbot, station, verbal.event_id)
    with qtbot.waitSignal(station.shell.chart.orders.sig_message, timeout=WAIT) as said:
        qtbot.keyClick(station.view, Qt.Key.Key_O, CTRL | SHIFT)
    assert said.args[0].startswith("Verbal order signed")
    with station.workstation.store.reading() as conn:
        signed = conn.execute(
            select(local_events.c.payload).where(local_events.c.type == "VerbalOrderSigned")
        ).scalar_one()
    assert orjson.loads(signed) == {"order_id": verbal.event_id}


def test_the_doctor_reorganises_the_order_sheet_from_the_palette(
    qtbot: QtBot, open_station
) -> None:  # noqa: ANN001
    """重整医嘱 (病历书写基本规范 Art. 26) by keyboard: Ctrl+K, its name, Enter, a digit for why."""
    from PySide6.QtWidgets import QApplication

    from ui.choice_dialog import DigitChoiceDialog

    station = open_station()
    open_patient(qtbot, station, "ls")
    qtbot.keyClick(station.view, Qt.Key.Key_K, CTRL)
    palette = station.shell.palette.view
    qtbot.waitUntil(lambda: palette is not None and palette.input.hasFocus())
    qtbot.keyClicks(palette.input, "reorganise the order sheet")
    qtbot.keyClick(palette.input, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: any(d.isVisible() for d in station.view.findChildren(DigitChoiceDialog))
    )
    dialog = next(d for d in station.view.findChildren(DigitChoiceDialog) if d.isVisible())
    qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget()))
    with qtbot.waitSignal(station.shell.chart.orders.sig_message, timeout=WAIT) as said:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_2)  # transferred in (转科)
    assert said.args[0].startswith("Order sheet reorganised")
    with station.workstation.store.reading() as conn:
        payload = conn.execute(
            select(local_events.c.payload).where(local_events.c.type == "OrderSheetReorganised")
        ).scalar_one()
    assert orjson.loads(payload) == {"reason": "transfer"}


def test_a_nurse_takes_a_verbal_order_in_a_rescue_from_the_palette(
    qtbot: QtBot, open_station
) -> None:  # noqa: ANN001
    """口头医嘱 (病历书写基本规范 Art. 26) by keyboard: Ctrl+K, its name, Enter, a digit for the doctor
    who gave it, the order, F9: recorded as that doctor's urgent verbal order."""
    from PySide6.QtWidgets import QApplication

    from offline_cache.ward_safety import ward_doctors
    from ui.choice_dialog import DigitChoiceDialog

    station = open_station()
    open_patient(qtbot, station, "ls", username=NURSE)
    _orders_tab(qtbot, station)
    qtbot.keyClick(station.view, Qt.Key.Key_K, CTRL)
    palette = station.shell.palette.view
    qtbot.waitUntil(lambda: palette is not None and palette.input.hasFocus())
    qtbot.keyClicks(palette.input, "verbal order in a rescue")
    qtbot.keyClick(palette.input, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: any(d.isVisible() for d in station.view.findChildren(DigitChoiceDialog))
    )
    dialog = next(d for d in station.view.findChildren(DigitChoiceDialog) if d.isVisible())
    qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget()))
    with qtbot.waitSignal(station.shell.chart.orders.sig_message, timeout=WAIT) as said:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_1)
    assert said.args[0].startswith("Verbal order from")
    orders = station.view.chart.orders
    qtbot.waitUntil(orders.line.hasFocus)  # the orders tab, ready for the order
    qtbot.keyClicks(orders.line, "furosemide 20mg iv st")
    qtbot.keyClick(orders.line, Qt.Key.Key_Return)
    with qtbot.waitSignal(station.shell.chart.orders.sig_orders_signed, timeout=WAIT) as signed:
        qtbot.keyClick(orders.line, Qt.Key.Key_F9)
    [order_id] = signed.args[0]
    with station.workstation.store.reading() as conn:
        payload = orjson.loads(conn.execute(select(local_events.c.payload)
                                            .where(local_events.c.event_id == order_id)).scalar_one())  # fmt: skip
    first_doctor = ward_doctors(station.workstation, station.workstation.config.get("ward_id"))[0]
    assert (payload["verbal_from"], payload["urgent"]) == (first_doctor[0], True)

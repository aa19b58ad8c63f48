"""Help → Demo barcodes lists the core's demo codes, and a code copied from it works when typed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.flows import log_in_to_worklist
from tests.ui.helpers import LOGIN_SECONDS_MS
from tests.ui.nurse_ward import add_staff, record_number, seed_orders
from tests.ui.ward import WARD
from ui.screens.worklist.barcodes import DemoBarcodesDialog, demo_barcodes
from workstation.clinical.barcodes import label_code, wristband_code

WAIT = LOGIN_SECONDS_MS


def test_demo_codes_are_listed_and_a_typed_product_code_is_checked(
    qtbot: QtBot, open_station, tmp_path, ward_server
) -> None:  # noqa: ANN001
    server, ward = ward_server
    add_staff(ward.database_url)
    orders = seed_orders(tmp_path, server.url, ward.zhang_san, ward.li_si)
    station = open_station()
    log_in_to_worklist(qtbot, station)
    nurse = station.shell.nurse
    zhang = next(p for p in demo_barcodes(station.workstation, WARD) if p["name"] == "张三")
    codes = [code for _caption, code in zhang["codes"]]
    wristband = wristband_code(record_number(station, ward.zhang_san))
    assert codes[0] == wristband
    assert label_code(orders.metoprolol) in codes and "RX:metoprolol:25:mg:po" in codes
    dialog = DemoBarcodesDialog(station.workstation, station.shell.workers, WARD, station.view)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: wristband in dialog.text.toPlainText(), timeout=WAIT)
    dialog.close()
    box = nurse.worklist_view.scan_input
    with qtbot.waitSignal(station.shell.chart.sig_chart_opened, timeout=WAIT):
        qtbot.keyClick(station.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
        box.setText(wristband)  # pasted: not a scanner burst
        qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: nurse.mar.patient is not None, timeout=WAIT)
    qtbot.waitUntil(lambda: nurse.mar_view.model.rowCount() > 0, timeout=WAIT)
    nurse.mar_view.scan_input.setText("RX:metoprolol:25:mg:po")
    with qtbot.waitSignal(nurse.mar.sig_scan_checked, timeout=WAIT) as checked:
        qtbot.keyClick(nurse.mar_view.scan_input, Qt.Key.Key_Return)
    check = checked.args[0]
    assert not check.blocked and check.dose.order_id == orders.metoprolol
    assert "Right patient" in nurse.mar_view.message.text()

"""A penicillin cannot be scanned before a negative skin test; the nurse records it on the MAR
(Ctrl+Shift+T) with the second nurse's password, and the same scan then matches."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.helpers import LOGIN_SECONDS_MS
from tests.ui.nurse_ward import NURSE2, add_staff, place_unverified
from tests.ui.test_nurse_scanning import _nurse_at_worklist, _scan_drug, _scan_wristband
from tests.ui.ward import PASSWORD
from ui.screens.mar.skin_test_dialog import SkinTestDialog

WAIT = LOGIN_SECONDS_MS


def test_penicillin_is_blocked_until_the_nurse_pair_records_a_negative_skin_test(
    qtbot: QtBot,
    open_station,
    ward_server,
    tmp_path,  # noqa: ANN001
) -> None:
    server, ward = ward_server
    add_staff(ward.database_url)
    order_id = place_unverified(tmp_path, server.url, ward.zhang_san, drug="amoxicillin",
                                name="Amoxicillin", dose=500, unit="mg", route="po",
                                frequency="st")  # fmt: skip
    station = _nurse_at_worklist(qtbot, open_station, witness_logged_in_before=True)
    _scan_wristband(qtbot, station, ward.zhang_san)
    view, mar = station.shell.nurse.mar_view, station.shell.nurse.mar
    assert "skin test pending" in view.model.index(0, 1).data()
    check = _scan_drug(qtbot, station, order_id)
    assert (
        check.blocked
        and "Skin test needed" in view.message.text()
        and "Ctrl+Shift+T" in view.message.text()
    )

    view.table.setFocus()
    view.table.selectRow(0)
    qtbot.keyClick(
        view.table,
        Qt.Key.Key_T,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(
        lambda: isinstance(QApplication.activeModalWidget(), SkinTestDialog), timeout=WAIT
    )
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, SkinTestDialog) and dialog.substance.text() == "penicillin"
    qtbot.keyClicks(dialog.witness_user, NURSE2)
    qtbot.keyClicks(dialog.witness_password, PASSWORD)
    with qtbot.waitSignal(mar.sig_skin_test_saved, timeout=WAIT):
        qtbot.keyClick(dialog.witness_password, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: "skin test negative" in (view.model.index(0, 1).data() or ""), timeout=WAIT
    )
    station.view.activateWindow()
    qtbot.waitUntil(view.table.hasFocus, timeout=WAIT)
    assert not _scan_drug(qtbot, station, order_id).blocked

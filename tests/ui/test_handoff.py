"""The shift handoff: I-PASS or SBAR text filled from the chart by the core, edited by keys,
saved as HandoffRecorded; offline too, since it reads and writes the local replica."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.ui.flows import log_in
from tests.ui.helpers import LOGIN_SECONDS_MS
from tests.ui.nursing_forms import open_chart
from tests.ui.ward import NURSE
from ui.i18n import install_language
from ui.screens.handoff.dialog import HandoffDialog
from ui.screens.handoff.ward import WardHandoffDialog
from workstation.clinical.schedule import AdministrationTimes
from workstation.clock import parse_iso
from workstation.projections import tables as pt

WAIT = LOGIN_SECONDS_MS
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def _shown(station) -> HandoffDialog | None:  # noqa: ANN001
    return next((d for d in station.view.findChildren(HandoffDialog) if d.isVisible()), None)


def _open_handoff(qtbot: QtBot, station, *, focused: bool = True) -> HandoffDialog:  # noqa: ANN001
    qtbot.keyClick(station.view, Qt.Key.Key_H, CTRL | SHIFT)
    qtbot.waitUntil(lambda: _shown(station) is not None, timeout=WAIT)
    dialog = _shown(station)
    if focused:  # the text takes the keyboard once the summary is in
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.text, timeout=WAIT)
    return dialog


def test_handoff_filled_from_chart_edited_and_saved_offline(
    qtbot: QtBot, open_station, ward_server
) -> None:  # noqa: ANN001
    server, ward = ward_server
    station = open_station()
    log_in(qtbot, station, NURSE)
    open_chart(qtbot, station, ward.zhang_san)
    server.stop()  # the outage: the handoff still reads and writes the replica
    dialog = _open_handoff(qtbot, station)
    text = dialog.text.toPlainText()
    assert text.startswith("I (illness severity):")
    assert "张三" in text and "Allergies:" in text and "NEWS2" in text
    qtbot.keyClick(dialog.style_box, Qt.Key.Key_Down)  # SBAR, filled again from the summary
    assert dialog.text.toPlainText().startswith("S (situation): 张三")
    dialog.text.setFocus()
    qtbot.keyClick(dialog.text, Qt.Key.Key_End, CTRL)
    qtbot.keyClicks(dialog.text, " Watch potassium.")
    with qtbot.waitSignals([dialog.sig_saved, station.shell.chart.sig_chart_opened], timeout=WAIT):
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return, CTRL)  # saved, and the chart reloads
    h = pt.handoffs.c
    with station.workstation.store.reading() as conn:
        rows = conn.execute(select(h.style, h.text).where(h.patient_id == ward.zhang_san)).all()
    [(style, saved)] = rows
    assert style == "sbar" and saved.endswith("Watch potassium.")
    # the next handoff shows the last one's first line
    qtbot.waitUntil(lambda: _shown(station) is None and QApplication.activeWindow() is station.view)
    dialog = _open_handoff(qtbot, station, focused=False)
    qtbot.waitUntil(lambda: dialog.last.text().startswith("Last handoff: S (situation)"))


def test_handoff_reads_in_chinese_on_a_chinese_station(
    qtbot: QtBot, qapp, open_station, ward_server, tmp_path
) -> None:  # noqa: ANN001
    _server, ward = ward_server
    station = open_station()
    log_in(qtbot, station, NURSE)
    open_chart(qtbot, station, ward.zhang_san)
    before = QLocale()
    install_language(qapp, "zh_CN", tmp_path / "i18n")
    try:
        dialog = _open_handoff(qtbot, station)
        ipass = dialog.text.toPlainText()
        qtbot.keyClick(dialog.style_box, Qt.Key.Key_Down)
        sbar = dialog.text.toPlainText()
        cancel = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel)
        assert cancel.text() == "取消"  # Qt's own words, from its qtbase catalogue
        dialog.reject()
    finally:
        install_language(qapp, "en", tmp_path / "i18n")
        QLocale.setDefault(before)
    assert ipass.startswith("I 病情严重程度：") and "过敏：青霉素类（重度）" in ipass
    assert sbar.startswith("S 现状：张三，") and "R 建议：" in sbar
    assert not any(word in ipass + sbar for word in ("bed ", "Problems", "Allergies", "none"))


def test_empty_handoff_is_not_saved(qtbot: QtBot, open_station, ward_server) -> None:  # noqa: ANN001
    _server, ward = ward_server
    station = open_station()
    log_in(qtbot, station, NURSE)
    open_chart(qtbot, station, ward.li_si)
    dialog = _open_handoff(qtbot, station)
    qtbot.keyClick(dialog.text, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(dialog.text, Qt.Key.Key_Delete)
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, CTRL)
    assert dialog.message.text() == "Nothing to save yet." and dialog.isVisible()
    with station.workstation.store.reading() as conn:
        assert conn.execute(select(pt.handoffs.c.handoff_id)).all() == []


def test_ward_handoff_list_by_keys_opens_a_patients_handoff(
    qtbot: QtBot, open_station, ward_server
) -> None:  # noqa: ANN001
    _server, ward = ward_server
    station = open_station()
    log_in(qtbot, station, NURSE)
    open_chart(qtbot, station, ward.li_si)  # the first sync has brought the ward
    station.workstation.record("HandoffRecorded", patient_id=ward.zhang_san,
                               payload={"style": "ipass", "text": "I: stable\nP: ..."})  # fmt: skip
    qtbot.keyClick(station.view, Qt.Key.Key_W, CTRL | SHIFT)
    qtbot.waitUntil(lambda: station.view.findChild(WardHandoffDialog) is not None, timeout=WAIT)
    ward_list = station.view.findChild(WardHandoffDialog)
    table = ward_list.table
    qtbot.waitUntil(lambda: table.rowCount() == 2 and table.hasFocus(), timeout=WAIT)
    rows = [[table.item(r, c).text() for c in range(5)] for r in range(2)]
    assert [r[:2] for r in rows] == [["1", "张三"], ["2", "李四"]]
    assert rows[0][4] == "I: stable" and rows[1][3:] == ["—", ""]
    with station.workstation.store.reading() as conn:
        recorded = conn.execute(select(pt.handoffs.c.recorded_at)).scalar_one()
    zone = AdministrationTimes.load().zone  # the ward's clock, as the MAR's, not the PC's
    assert rows[0][3] == parse_iso(recorded).astimezone(zone).strftime("%Y-%m-%d %H:%M")
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    dialog = _open_handoff_shown(qtbot, station)
    assert dialog.patient_id == ward.li_si and "李四" in dialog.text.toPlainText()


def _open_handoff_shown(qtbot: QtBot, station) -> HandoffDialog:  # noqa: ANN001
    qtbot.waitUntil(lambda: _shown(station) is not None, timeout=WAIT)
    dialog = _shown(station)
    qtbot.waitUntil(lambda: dialog.text.toPlainText() != "", timeout=WAIT)
    return dialog

"""Command palette (Ctrl+K) and the needs-attention list, driven by real keys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.flows import CTRL, SHIFT, log_in, open_patient, wait_for_census
from tests.ui.helpers import LOGIN_SECONDS_MS, all_texts
from ui.screens.attention.view import AttentionView
from ui.screens.palette.view import PaletteView


def open_palette(qtbot: QtBot, station) -> PaletteView:  # noqa: ANN001
    qtbot.keyClick(station.view, Qt.Key.Key_K, CTRL)
    qtbot.waitUntil(lambda: any(p.isVisible() for p in station.view.findChildren(PaletteView)))
    palette = next(p for p in station.view.findChildren(PaletteView) if p.isVisible())
    qtbot.waitUntil(palette.input.hasFocus)
    return palette


def test_palette_opens_a_patient_by_pinyin_initials_or_bed_and_runs_an_action(
    qtbot: QtBot, open_station
) -> None:  # noqa: ANN001
    station = open_station()
    log_in(qtbot, station)
    wait_for_census(qtbot, station)
    palette = open_palette(qtbot, station)
    qtbot.keyClicks(palette.input, "ls")
    qtbot.waitUntil(lambda: "李四" in palette.lines()[0], timeout=LOGIN_SECONDS_MS)
    with qtbot.waitSignal(station.shell.chart.sig_chart_opened, timeout=LOGIN_SECONDS_MS):
        qtbot.keyClick(palette.input, Qt.Key.Key_Return)
    assert station.view.chart.banner.name.text() == "李四"
    palette = open_palette(qtbot, station)
    qtbot.keyClicks(palette.input, "1")
    qtbot.waitUntil(lambda: "Bed 1" in palette.lines()[0] and "张三" in palette.lines()[0])
    with qtbot.waitSignal(station.shell.chart.sig_chart_opened, timeout=LOGIN_SECONDS_MS):
        qtbot.keyClick(palette.input, Qt.Key.Key_Return)
    assert station.view.chart.banner.name.text() == "张三"
    palette = open_palette(qtbot, station)
    assert any("Lock    Ctrl+L" in line for line in palette.lines())  # every action, with its keys
    assert any("New note    Ctrl+N" in line for line in palette.lines())
    qtbot.keyClicks(palette.input, "lock")
    assert palette.lines()[0].startswith("Lock")
    with qtbot.waitSignal(station.shell.sig_locked):
        qtbot.keyClick(palette.input, Qt.Key.Key_Return)


def test_a_refused_change_is_listed_shows_the_server_record_and_is_voided_with_a_reason(
    qtbot: QtBot, open_station
) -> None:  # noqa: ANN001
    station = open_station()
    zhang = open_patient(qtbot, station)
    station.workstation.record("DemographicsUpdated", patient_id=zhang,  # a stale version
                               payload={"base_version": 7, "weight_kg": 70.0})  # fmt: skip
    with qtbot.waitSignal(station.shell.sig_synced, timeout=LOGIN_SECONDS_MS):
        qtbot.keyClick(station.view, Qt.Key.Key_S, CTRL | SHIFT)
    status = station.view.status
    qtbot.waitUntil(
        lambda: status.attention.text() == "Needs attention: 1", timeout=LOGIN_SECONDS_MS
    )
    station.shell.chart.reload()
    banner = station.view.chart.banner.attention
    qtbot.waitUntil(lambda: banner.isVisible() and "1 unsent change" in banner.text())
    qtbot.keyClick(station.view, Qt.Key.Key_A, CTRL | SHIFT)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in station.view.findChildren(AttentionView)))
    dialog = next(d for d in station.view.findChildren(AttentionView) if d.isVisible())
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1 and dialog.table.hasFocus())
    details = dialog.details.toPlainText()
    assert (
        "changed by someone else" in details
        and "The server has now" in details
        and "68.5" in details
    )
    assert "张三" in all_texts(dialog)
    qtbot.keyClick(dialog.table, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    assert dialog.reason.hasFocus()
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)  # no reason: refused
    assert "Write why" in dialog.message.text()
    qtbot.keyClicks(dialog.reason, "weight was already corrected")
    with qtbot.waitSignal(station.shell.attention.sig_resolved, timeout=LOGIN_SECONDS_MS):
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0)
    assert status.attention.text() == "Needs attention: 0"
    assert station.workstation.needs_attention() == []
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=LOGIN_SECONDS_MS)


def test_a_conflict_is_amended_on_top_of_the_servers_version(qtbot: QtBot, open_station) -> None:  # noqa: ANN001
    station = open_station()
    zhang = open_patient(qtbot, station)
    station.workstation.record("DemographicsUpdated", patient_id=zhang,
                               payload={"base_version": 7, "weight_kg": 70.0})  # fmt: skip
    with qtbot.waitSignal(station.shell.sig_synced, timeout=LOGIN_SECONDS_MS):
        qtbot.keyClick(station.view, Qt.Key.Key_S, CTRL | SHIFT)
    qtbot.waitUntil(lambda: station.view.status.attention.text() == "Needs attention: 1")
    qtbot.mouseClick(station.view.status.attention, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in station.view.findChildren(AttentionView)))
    dialog = next(d for d in station.view.findChildren(AttentionView) if d.isVisible())
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1 and dialog.table.hasFocus())
    qtbot.keyClick(dialog.table, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.payload.hasFocus)  # a mnemonic clicks its button after a short flash
    assert '"base_version": 0' in dialog.payload.toPlainText()
    with qtbot.waitSignal(station.shell.attention.sig_resolved, timeout=LOGIN_SECONDS_MS):
        qtbot.keyClick(dialog.payload, Qt.Key.Key_Return, CTRL)
    assert station.workstation.needs_attention() == []
    qtbot.keyClick(dialog.payload, Qt.Key.Key_Escape)
    qtbot.waitUntil(station.view.isActiveWindow)  # the keyboard is back on the main window
    with qtbot.waitSignal(station.shell.sig_synced, timeout=LOGIN_SECONDS_MS):
        qtbot.keyClick(station.view, Qt.Key.Key_S, CTRL | SHIFT)
    assert station.workstation.needs_attention() == []  # the amended change was accepted
    station.shell.chart.reload()
    qtbot.waitUntil(lambda: "70 kg" in station.view.chart.banner.details.text(),
                    timeout=LOGIN_SECONDS_MS)  # fmt: skip

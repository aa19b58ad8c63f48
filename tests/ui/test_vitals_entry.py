"""The flowsheet entry: a set typed by keyboard and saved, plausibility, NEWS2 escalation, I/O."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from offline_cache.session import Session
from offline_cache.workstation import Workstation
from tests.ui.helpers import chart_screen, offline_station
from ui.screens.chart.controller import ChartController
from ui.screens.chart.view import ChartView
from ui.screens.worklist.model import task_text
from ui.screens.worklist.tasks import worklist
from workstation.projections import tables as pt

VITALS_TAB = 4


@pytest.fixture
def station(tmp_path: Path, test_keyring: object) -> Iterator[Workstation]:
    session = Session("rn", "rn", "RN Nurse", "nurse", ("W1",), True, False)
    ws = offline_station(tmp_path / "station", session)
    yield ws
    ws.close()


@pytest.fixture
def chart(qtbot: QtBot, station: Workstation) -> Iterator[tuple[ChartView, ChartController]]:
    view, controller, workers = chart_screen(qtbot, station)
    view.tabs.setCurrentIndex(VITALS_TAB)
    view.vitals.form.first_field().setFocus()
    qtbot.waitUntil(lambda: view.vitals.form.first_field().hasFocus())
    yield view, controller
    workers.wait()


def type_set(qtbot: QtBot, values: list[str]) -> None:
    """Type each value into the focused field and Tab to the next (keys only)."""
    for text in values:
        focused = QApplication.focusWidget()
        assert focused is not None
        if text:
            qtbot.keyClicks(focused, text)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)


def press_enter(qtbot: QtBot) -> None:
    focused = QApplication.focusWidget()
    assert isinstance(focused, QWidget)
    qtbot.keyClick(focused, Qt.Key.Key_Return)


def saved_vitals(ws: Workstation) -> list[dict]:
    with ws.store.reading() as conn:
        return [dict(r._mapping) for r in conn.execute(select(pt.vitals))]


def test_a_full_set_typed_by_keyboard_is_saved_with_its_news2(qtbot: QtBot, chart, station) -> None:  # noqa: ANN001
    view, controller = chart
    form = view.vitals.form
    # temp, pulse, resp, systolic, diastolic, SpO2, weight, pain; then on O2 (space), ACVPU
    type_set(qtbot, ["36.8", "78", "16", "124", "76", "97", "61.5", "2"])
    assert QApplication.focusWidget() is form.oxygen
    qtbot.keyClick(form.oxygen, Qt.Key.Key_Tab)
    qtbot.keyClick(form.consciousness, Qt.Key.Key_A)
    assert form.consciousness.currentData() == "A"
    assert "NEWS2 0" in form.score.text()
    qtbot.keyClick(form.consciousness, Qt.Key.Key_Tab)  # the occasional height comes last
    assert QApplication.focusWidget() is form.edits["height_cm"]
    qtbot.keyClicks(form.edits["height_cm"], "172")
    with qtbot.waitSignal(controller.sig_chart_opened, timeout=10_000):
        press_enter(qtbot)
    [row] = saved_vitals(station)
    assert (row["temperature_c"], row["pulse_bpm"], row["systolic_mmhg"], row["diastolic_mmhg"],
            row["spo2_pct"], row["on_oxygen"], row["consciousness"], row["weight_kg"],
            row["pain_score"], row["height_cm"]) == (36.8, 78, 124, 76, 97, False, "A", 61.5, 2,
                                                     172.0)  # fmt: skip
    assert view.models["vitals"].rowCount() == 1
    assert form.first_field().text() == "" and form.first_field().hasFocus()
    assert "urgent review" not in view.banner.alerts.text()


def test_an_impossible_temperature_is_refused(qtbot: QtBot, chart, station) -> None:  # noqa: ANN001
    view, _controller = chart
    form = view.vitals.form
    type_set(qtbot, ["370", "80"])
    press_enter(qtbot)
    assert "Temp 370 is not possible" in form.message.text()
    assert form.first_field().hasFocus()
    press_enter(qtbot)  # Enter again does not save it either
    assert saved_vitals(station) == []


def test_an_unlikely_value_asks_then_enter_confirms(qtbot: QtBot, chart, station) -> None:  # noqa: ANN001
    view, controller = chart
    form = view.vitals.form
    type_set(qtbot, ["", "140"])  # pulse 140 /min: in NEWS2's 3-point band
    press_enter(qtbot)
    assert "Unusual value: Pulse 140 /min" in form.message.text()
    assert saved_vitals(station) == []
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)  # Esc goes back
    assert form.edits["pulse_bpm"].hasFocus() and "correct" in form.message.text()
    press_enter(qtbot)  # asks again
    assert "Unusual value" in form.message.text()
    with qtbot.waitSignal(controller.sig_chart_opened, timeout=10_000):
        press_enter(qtbot)  # confirms
    assert [r["pulse_bpm"] for r in saved_vitals(station)] == [140]


def test_news2_of_five_raises_the_doctors_alert(qtbot: QtBot, chart, station) -> None:  # noqa: ANN001
    view, controller = chart
    form = view.vitals.form
    # temp 38.5 (1), pulse 115 (2), resp 22 (2), systolic 120, SpO2 96: aggregate 5, none at 3
    type_set(qtbot, ["38.5", "115", "22", "120", "80", "96"])
    assert "NEWS2 5" in form.score.text() and "Escalate" in form.score.text()
    with qtbot.waitSignal(controller.sig_chart_opened, timeout=10_000):
        press_enter(qtbot)
    assert view.banner.alerts.isVisible()
    assert "NEWS2 5 at the last vitals: urgent review" in view.banner.alerts.text()
    [line] = [i for i in worklist(station, "W1") if i.kind == "vitals"]  # the ward's worklist
    assert line.what == {"news2": 5, "escalate": True}
    assert "escalated to the doctor" in task_text(line)


def test_ctrl_5_lands_in_the_entry_row(qtbot: QtBot, chart) -> None:  # noqa: ANN001
    view, controller = chart
    controller.show_tab(0)
    controller.show_tab(VITALS_TAB)
    assert view.vitals.form.first_field().hasFocus()
    controller.show_tab(3)
    assert view.results.table.hasFocus()
    search = QLineEdit(view)  # as the census search beside the chart: the keyboard was there
    search.show()
    for index, page in ((0, view.summary), (5, view.tables["problems"]), (1, view.notes.note_list)):
        search.setFocus()
        qtbot.waitUntil(search.hasFocus)
        controller.show_tab(index)
        assert page.hasFocus(), index


def test_intake_and_output_show_the_days_balance(qtbot: QtBot, chart, station) -> None:  # noqa: ANN001
    view, controller = chart
    io = view.vitals.intake_output
    io.category.setFocus()
    qtbot.keyClick(io.category, Qt.Key.Key_Tab)
    qtbot.keyClicks(io.volume, "500")
    with qtbot.waitSignal(controller.sig_chart_opened, timeout=10_000):
        qtbot.keyClick(io.volume, Qt.Key.Key_Return)  # oral intake 500 mL
    qtbot.waitUntil(lambda: "in 500 mL" in io.balance.text(), timeout=10_000)
    io.category.setCurrentIndex(io.category.findData("urine"))
    qtbot.keyClicks(io.volume, "200")
    with qtbot.waitSignal(controller.sig_chart_opened, timeout=10_000):
        qtbot.keyClick(io.volume, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "out 200 mL" in io.balance.text(), timeout=10_000)
    assert "balance +300 mL" in io.balance.text()
    qtbot.keyClicks(io.volume, "20000")
    qtbot.keyClick(io.volume, Qt.Key.Key_Return)
    assert "0 to 10000" in io.message.text()

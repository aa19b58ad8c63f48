"""Real-key helpers for the UI tests, a reader of every text a widget tree holds, and a station
with one patient and no server for the tests of a single screen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import insert

from offline_cache.session import Session
from offline_cache.workstation import Workstation
from ui.screens.chart.controller import ChartController
from ui.screens.chart.view import ChartView
from ui.workers import Workers
from workstation.projections import tables as pt

LOGIN_SECONDS_MS = 20_000
OFFLINE_PATIENT = "0190b8e2-7c3a-7d1e-9f00-000000000001"


def type_login(qtbot: QtBot, window: QWidget, username: str | None, password: str) -> None:
    """Type the user name (unless locked), Tab, the password and Enter, as the focus moves."""
    login = window.findChild(QWidget, "loginPage")
    user_field, password_field = (
        login.findChild(QLineEdit, "username"),
        login.findChild(QLineEdit, "password"),
    )
    window.activateWindow()
    if username is not None:
        qtbot.waitUntil(user_field.hasFocus)
        qtbot.keyClicks(user_field, username)
        qtbot.keyClick(user_field, Qt.Key.Key_Tab)
    qtbot.waitUntil(password_field.hasFocus)
    qtbot.keyClicks(password_field, password)
    qtbot.keyClick(password_field, Qt.Key.Key_Return)


def _model_texts(model: QAbstractItemModel | None) -> list[str]:
    if model is None:
        return []
    texts = []
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(QModelIndex())
    for row in range(model.rowCount(QModelIndex())):
        for column in range(columns):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(model.index(row, column), role)
                if isinstance(value, str):
                    texts.append(value)
    return texts


def all_texts(root: QWidget, *, visible_only: bool = False) -> str:
    """Every string the widget tree holds: labels, fields, buttons, tabs, documents, table cells, titles."""
    texts = [root.windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        if visible_only and not widget.isVisible():
            continue
        texts += [widget.windowTitle(), widget.toolTip()]
        if isinstance(widget, (QLabel, QLineEdit, QAbstractButton)):
            texts.append(widget.text())
        if isinstance(widget, QTextEdit):
            texts.append(widget.toPlainText())
        if isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        if isinstance(widget, QAbstractItemView):
            texts += _model_texts(widget.model())
    return "\n".join(texts)


def offline_station(folder: Path, session: Session) -> Workstation:
    """A ward W1 station with no server, `session` logged in and 张三 (OFFLINE_PATIENT) admitted."""
    ws = Workstation.open(folder, ward_id="W1")
    ws.sessions.current = session
    with ws.store.writing() as conn:
        conn.execute(insert(pt.patients), [{
            "patient_id": OFFLINE_PATIENT, "record_number": "H0000001", "temporary_number": False,
            "name": "张三", "name_initials": "zs", "name_pinyin": "zhangsan", "sex": "female",
            "birth_date": "1950-05-17", "ward_id": "W1", "bed": "7", "status": "admitted",
            "admitted_at": "2024-01-01T00:00:00.000Z", "version": 0}])  # fmt: skip
    return ws


def chart_screen(qtbot: QtBot, station: Workstation) -> tuple[ChartView, ChartController, Workers]:
    """The chart screen alone over the station, shown and open on OFFLINE_PATIENT."""
    view = ChartView()
    qtbot.addWidget(view)
    workers = Workers("work", view)
    chart = ChartController(view, station, workers, view)
    view.show()
    with qtbot.waitSignal(chart.sig_chart_opened, timeout=10_000):
        chart.open(OFFLINE_PATIENT)
    return view, chart, workers

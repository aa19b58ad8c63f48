"""Real-key helpers for the UI tests, and a reader of every text a widget tree holds."""

from __future__ import annotations

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

LOGIN_SECONDS_MS = 20_000


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

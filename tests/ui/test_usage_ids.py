"""Action ids and screen names are language-independent identifiers chosen by the code."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QLineEdit, QMainWindow
from pytestqt.qtbot import QtBot

from ui.screens.feedback.view import FeedbackBoard, FeedbackBox
from ui.usage_recorder import action_id, screen_name


def test_an_action_is_named_by_its_object_name_shortcut_or_menu_place(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    menu = window.menuBar().addMenu("病人")  # the menu's words never enter the id
    named, keyed, plain = (
        QAction("甲", window, objectName="dashboardExport"),
        QAction("乙", window),
        QAction("丙", window),
    )
    keyed.setShortcuts([QKeySequence("Ctrl+Shift+K"), QKeySequence("F3")])
    for action in (named, keyed, plain):
        menu.addAction(action)
    assert [action_id(a, window) for a in (named, keyed, plain)] == [
        "dashboardExport",
        "Ctrl+Shift+K",
        "menu0.2",
    ]


def test_a_screen_is_named_by_its_classes_never_its_text(qtbot: QtBot) -> None:
    board = FeedbackBoard()
    qtbot.addWidget(board)
    board.tags.setText("张三")
    assert screen_name(board.tags) == "FeedbackBoard"
    box = FeedbackBox()
    qtbot.addWidget(box)
    assert screen_name(box.text) == "FeedbackBox"
    plain = QDialog()
    qtbot.addWidget(plain)
    assert screen_name(QLineEdit(plain)) == "QDialog" and screen_name(None) == "none"

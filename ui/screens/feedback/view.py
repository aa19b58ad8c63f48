"""The anonymous feedback box (F4 from any screen) and the board every user reads (Shift+F4);
the quality office tags and answers an item on the board. Layout only."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs import ReturningDialog
from workstation.telemetry.feedback import CATEGORIES, MAX_TEXT

CATEGORY_WORDS = {
    "hard_to_use": QT_TRANSLATE_NOOP("FeedbackView", "Hard to use"),
    "slow": QT_TRANSLATE_NOOP("FeedbackView", "Slow"),
    "error": QT_TRANSLATE_NOOP("FeedbackView", "An error or a wrong result"),
    "missing": QT_TRANSLATE_NOOP("FeedbackView", "Something missing"),
    "safety": QT_TRANSLATE_NOOP("FeedbackView", "A safety concern"),
    "other": QT_TRANSLATE_NOOP("FeedbackView", "Other"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("FeedbackView", text)


def category_name(category: str) -> str:
    """A feedback category in the user's language."""
    return _tr(CATEGORY_WORDS.get(category, "Other"))


class FeedbackBox(ReturningDialog):
    """Category and text; Ctrl+Enter sends, Esc leaves. Says what anonymous means here."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("feedbackBox")
        self.setWindowTitle(_tr("Anonymous feedback"))
        self.category = QComboBox(objectName="feedbackCategory")
        for category in CATEGORIES:
            self.category.addItem(category_name(category), category)
        self.text = QPlainTextEdit(objectName="feedbackText")
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText(
            _tr("What does not work, or what would help? No patient names, please.")
        )
        note = QLabel(_tr("Sent without your name, this computer or the time: only the day, and "
                          "your ward where at least five people work there. It leaves this "
                          "computer at a random moment within the hour, also after a loss of the "
                          "network. Ctrl+Enter sends, Esc cancels."), wordWrap=True)  # fmt: skip
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_tr("Send"))
        self.buttons.accepted.connect(self._send)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self._send)
        form = QFormLayout(self)
        form.addRow(_tr("Category"), self.category)
        form.addRow(_tr("Feedback"), self.text)
        form.addRow(note)
        form.addRow(self.buttons)
        self.resize(520, 320)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        QTimer.singleShot(0, self, self._take_keys)  # after the palette, if it opened the box

    def _take_keys(self) -> None:
        self.activateWindow()
        self.text.setFocus()

    def _send(self) -> None:
        if self.text.toPlainText().strip() and len(self.text.toPlainText()) <= MAX_TEXT:
            self.accept()

    def item(self) -> tuple[str, str]:
        """The category and text written."""
        return str(self.category.currentData()), self.text.toPlainText().strip()


class FeedbackBoard(QWidget):
    """Every item with its tags and answer; the office's form below (hidden for others)."""

    sig_answer_requested = Signal(str, list, str)  # feedback_id, tags, answer
    sig_reload_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("feedbackBoard")
        self.items: list[dict[str, Any]] = []
        self.message = QLabel(objectName="feedbackMessage")
        self.table = QTableWidget(0, 6, objectName="feedbackTable")
        self.table.setHorizontalHeaderLabels([_tr("Day"), _tr("Category"), _tr("Ward"), _tr("Feedback"),
                                              _tr("Tags"), _tr("Answer")])  # fmt: skip
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.currentCellChanged.connect(lambda row, *_: self._chosen(row))
        self.tags = QLineEdit(objectName="feedbackTags")
        self.tags.setPlaceholderText(_tr("tags, separated by commas"))
        self.answer = QPlainTextEdit(objectName="feedbackAnswer")
        self.answer.setTabChangesFocus(True)
        self.answer.setMaximumHeight(90)
        self.save = QPushButton(_tr("&Save the answer (Ctrl+Enter)"), objectName="feedbackSave")
        self.save.clicked.connect(self._save)
        for field in (self.tags, self.answer):  # Ctrl+Enter here saves (not the window's sign key)
            field.installEventFilter(self)
        QShortcut(QKeySequence("F5"), self, activated=self.sig_reload_requested.emit,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)  # fmt: skip
        self.office = QWidget(objectName="feedbackOffice")
        form = QFormLayout(self.office)
        form.addRow(_tr("Tags"), self.tags)
        form.addRow(_tr("Answer"), self.answer)
        form.addRow(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_tr("Anonymous feedback board: what staff said and what the quality "
                                    "office answered (F5 reloads, F4 writes one)")))  # fmt: skip
        layout.addWidget(self.table, 1)
        layout.addWidget(self.office)
        layout.addWidget(self.message)

    def show_items(self, items: list[dict[str, Any]], *, office: bool) -> None:
        """One row per item; the answer form only for the quality office."""
        self.items = items
        self.office.setVisible(office)
        self.table.setRowCount(len(items))
        for row, item in enumerate(items):
            cells = [item["day"], category_name(item["category"]), item["ward_id"] or "—", item["text"],
                     ", ".join(item["tags"]), item["answer"] or ""]  # fmt: skip
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(str(text)))
        self.table.resizeRowsToContents()
        if items:
            self.table.setCurrentCell(0, 0)
        self.message.setText(_tr("%1 item(s).").replace("%1", str(len(items))))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Ctrl+Enter in the answer form saves the answer."""
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and isinstance(
            event, QKeyEvent
        ):
            ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
            if ctrl and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                event.accept()
                if event.type() == QEvent.Type.KeyPress:
                    self._save()
                return True
        return super().eventFilter(watched, event)

    def _chosen(self, row: int) -> None:
        if 0 <= row < len(self.items):
            self.tags.setText(", ".join(self.items[row]["tags"]))
            self.answer.setPlainText(self.items[row]["answer"] or "")

    def _save(self) -> None:
        row = self.table.currentRow()
        if self.office.isVisible() and 0 <= row < len(self.items):
            tags = [t.strip() for t in self.tags.text().split(",") if t.strip()]
            self.sig_answer_requested.emit(
                self.items[row]["feedback_id"], tags, self.answer.toPlainText()
            )

    def clear(self) -> None:
        """Nothing shown (the screen is locked)."""
        self.items = []
        self.table.setRowCount(0)
        self.tags.clear()
        self.answer.clear()
        self.message.clear()

"""The verification queue: waiting orders on the left, the patient's context on the right, and
a line for the reason of a rejection or the change asked of the prescriber."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ui.icons import high_alert_word, icon
from ui.terms import local_time, order_text
from workstation.clinical.verification import WaitingOrder


class VerificationView(QWidget):
    """Layout only; V verifies, R asks for a reason and rejects, C asks the prescriber."""

    sig_verify_requested = Signal()
    sig_words_requested = Signal(str)  # "reject" or "change"
    sig_words_entered = Signal(str, str)  # kind, words
    sig_row_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("verificationPage")
        self.table = QTableWidget(0, 5, objectName="verificationQueue")
        self.table.setHorizontalHeaderLabels([self.tr("Urgent"), self.tr("Placed"),
                                              self.tr("Patient"), self.tr("Order"), self.tr("Checks")])  # fmt: skip
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()  # row numbers name nothing the pharmacist looks for
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.Stretch,
                                       QHeaderView.ResizeMode.ResizeToContents)):  # fmt: skip
            header.setSectionResizeMode(column, mode)
        self.table.setWordWrap(False)
        self.detail = QTextBrowser(objectName="verificationDetail")
        self.prompt = QLabel(objectName="wordsPrompt")
        self.words = QLineEdit(objectName="wordsField")
        self.hint = QLabel(self.tr("V verify · R reject with a reason · C ask the prescriber to "
                                   "change · Esc cancel"))  # fmt: skip
        self.message = QLabel(objectName="verificationMessage")
        side = QVBoxLayout()
        side.addWidget(self.detail, 1)
        side.addWidget(self.prompt)
        side.addWidget(self.words)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(self.table, 3)
        row.addLayout(side, 2)
        layout.addLayout(row, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.message)
        self._keys()
        self.hide_words()

    def _keys(self) -> None:
        for key, act in (("V", self.sig_verify_requested.emit),
                         ("R", lambda: self.sig_words_requested.emit("reject")),
                         ("C", lambda: self.sig_words_requested.emit("change"))):  # fmt: skip
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(act)
        self.table.currentCellChanged.connect(lambda row, *_: self.sig_row_changed.emit(row))
        self.words.returnPressed.connect(
            lambda: self.sig_words_entered.emit(self.words.property("kind"), self.words.text())
        )
        cancel = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.words)
        cancel.setContext(Qt.ShortcutContext.WidgetShortcut)
        cancel.activated.connect(self.hide_words)

    def show_queue(self, waiting: list[WaitingOrder], keep_row: int = 0) -> None:
        """Fill the queue and select a row (the first by default)."""
        self.table.setRowCount(len(waiting))
        for row, entry in enumerate(waiting):
            patient, order = entry.patient, entry.order
            cells = ("!" if order["urgent"] else "", local_time(order["placed_at"]),
                     f"{patient['bed']} {patient['name']}",
                     (high_alert_word() + ": " if entry.high_alert else "") + order_text(order)
                     + (self.tr(" (changed)") if entry.changed else ""),
                     str(len(entry.alerts)))  # fmt: skip
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
            if entry.high_alert:
                self.table.item(row, 3).setIcon(icon("high_alert"))
        if waiting:
            self.table.selectRow(min(keep_row, len(waiting) - 1))
        else:
            self.detail.setPlainText(self.tr("No order is waiting for verification."))

    def ask_words(self, kind: str) -> None:
        """Show the reason line and give it the keyboard."""
        self.words.setProperty("kind", kind)
        prompts = {
            "reject": self.tr("Reason for rejecting, then Enter:"),
            "verify_override": self.tr(
                "Allergies not yet documented. Reason to verify all the same, then Enter:"
            ),
        }
        self.prompt.setText(
            prompts.get(kind) or self.tr("What should the prescriber change? Then Enter:")
        )
        self.words.clear()
        self.prompt.show()
        self.words.show()
        self.words.setFocus()

    def hide_words(self) -> None:
        """Back to the queue."""
        self.prompt.hide()
        self.words.hide()
        self.table.setFocus()

"""Needs attention: events the server refused, with their reason, and a form to void or amend."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs import ReturningDialog


class AttentionView(ReturningDialog):
    """Layout only; the AttentionController fills the table and acts on the buttons."""

    sig_void_requested = Signal(str)  # reason
    sig_amend_started = Signal()
    sig_amend_requested = Signal(str)  # payload as JSON text
    sig_row_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("attentionDialog")
        self.setWindowTitle(self.tr("Needs attention"))
        self.intro = QLabel(wordWrap=True, objectName="attentionIntro")
        self.table = QTableWidget(0, 4, self, objectName="attentionTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Patient"), self.tr("What"), self.tr("Recorded"), self.tr("Refused because")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.details = QTextBrowser(objectName="attentionDetails")
        self.reason = QLineEdit(objectName="voidReason")
        self.void_button = QPushButton(self.tr("&Void with this reason"), objectName="voidButton")
        self.amend_button = QPushButton(self.tr("&Amend…"), objectName="amendButton")
        self.payload = QPlainTextEdit(objectName="amendPayload")
        self.send_button = QPushButton(
            self.tr("Send amended (Ctrl+Enter)"), objectName="sendAmendedButton"
        )
        self.message = QLabel(wordWrap=True, objectName="attentionMessage")
        self._layout()
        self.table.currentCellChanged.connect(lambda row, *_: self.sig_row_changed.emit(row))
        self.reason.returnPressed.connect(self._void)
        self.void_button.clicked.connect(self._void)
        self.amend_button.clicked.connect(self.sig_amend_started)
        self.send_button.clicked.connect(self._amend)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self.payload, activated=self._amend)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.show_amend(False)
        self.resize(900, 560)

    def _layout(self) -> None:
        form = QFormLayout()
        reason_label = QLabel(self.tr("&Reason to void"))
        reason_label.setBuddy(self.reason)
        form.addRow(reason_label, self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.void_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.amend_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.intro, self.table, self.details):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(self.payload)
        layout.addWidget(self.send_button)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def set_rows(self, rows: list[tuple[str, str, str, str]]) -> None:
        """Fill the table; the first row is highlighted and the table takes the focus."""
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.intro.setText(
            self.tr("%1 change(s) were refused by the server. Each stays here until its author voids "
                    "it with a reason or sends an amended version.").replace("%1", str(len(rows)))
            if rows else self.tr("Nothing needs attention.")
        )  # fmt: skip
        for widget in (self.void_button, self.amend_button, self.reason):
            widget.setEnabled(bool(rows))
        if rows:
            self.table.setCurrentCell(0, 0)
            self.sig_row_changed.emit(0)
            self.table.setFocus()
        else:
            self.details.clear()

    def show_amend(self, shown: bool, payload: str = "") -> None:
        """The payload editor for an amendment (JSON), focused when shown."""
        self.payload.setVisible(shown)
        self.send_button.setVisible(shown)
        if shown:
            self.payload.setPlainText(payload)
            self.payload.setFocus()

    def show_message(self, text: str) -> None:
        """A line under the form (errors, what was done)."""
        self.message.setText(text)

    def _void(self) -> None:
        self.sig_void_requested.emit(self.reason.text().strip())

    def _amend(self) -> None:
        if self.payload.isVisible():
            self.sig_amend_requested.emit(self.payload.toPlainText())

"""The medical-records office's list of unlock requests: approve for some hours, or deny with a
reason, from the keyboard (arrows choose, Alt+A approves, Alt+D denies, Esc closes)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs import ReturningDialog
from ui.terms import local_time
from workstation.events.archive_events import MAX_UNLOCK_HOURS

DEFAULT_UNLOCK_HOURS = 24  # what the spin box starts at; the office sets each unlock's length


class UnlockRequestsDialog(ReturningDialog):
    """Pending unlock requests; sig_approve_requested(row, hours) and sig_deny_requested(row)."""

    sig_approve_requested = Signal(object, int)
    sig_deny_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("unlockRequestsDialog")
        self.setWindowTitle(self.tr("Unlock requests"))
        self.rows: list[dict[str, Any]] = []
        headers = [self.tr("MRN"), self.tr("Patient"), self.tr("Ward"),
                   self.tr("Asked by"), self.tr("Asked at"), self.tr("Reason")]  # fmt: skip
        self.table = QTableWidget(0, len(headers), objectName="unlockRequests")
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.message = QLabel(objectName="unlockMessage", wordWrap=True)
        self.hours = QSpinBox(objectName="unlockHours", minimum=1, maximum=MAX_UNLOCK_HOURS,
                              value=DEFAULT_UNLOCK_HOURS)  # fmt: skip
        self.hours.setSuffix(self.tr(" h"))
        hours_label = QLabel(self.tr("Unlock for (&hours):"))
        hours_label.setBuddy(self.hours)
        self.approve = QPushButton(self.tr("&Approve"), objectName="approveUnlock")
        self.deny = QPushButton(self.tr("&Deny…"), objectName="denyUnlock")
        self.approve.clicked.connect(self._approve)
        self.deny.clicked.connect(self._deny)
        decide = QHBoxLayout()
        for widget in (hours_label, self.hours, self.approve, self.deny):
            decide.addWidget(widget)
        decide.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(decide)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.resize(900, 420)

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        super().showEvent(event)
        # opened from the command palette, whose closing hands the keys back to the main window
        QTimer.singleShot(0, self, self._take_keys)

    def _take_keys(self) -> None:
        self.activateWindow()
        self.table.setFocus()

    def show_rows(self, rows: list[dict[str, Any]]) -> None:
        """List the requests (oldest first) and put the keyboard on the first."""
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            cells = (row["record_number"], row["name"], row["ward_id"], row["requested_by_name"],
                     local_time(row["requested_at"]), row["reason"])  # fmt: skip
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        for button in (self.approve, self.deny):
            button.setEnabled(bool(rows))
        if rows:
            self.table.selectRow(0)
        self.show_message(self.tr("No unlock request is waiting.") if not rows else "")
        self.table.setFocus()

    def show_message(self, text: str) -> None:
        """A line under the list (what happened, or why not)."""
        self.message.setText(text)

    def chosen(self) -> dict[str, Any] | None:
        """The highlighted request."""
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _approve(self) -> None:
        if (row := self.chosen()) is not None:
            self.sig_approve_requested.emit(row, self.hours.value())

    def _deny(self) -> None:
        if (row := self.chosen()) is not None:
            self.sig_deny_requested.emit(row)

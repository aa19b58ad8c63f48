"""The alerts page: one row per break-the-glass alert, unread first; Enter marks the row read."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.terms import local_time


class AlertsTable(QTableWidget):
    """Enter on a row asks for it to be marked read; F5 asks for a reload."""

    sig_acknowledge_requested = Signal(int)
    sig_reload_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentRow() >= 0:
            self.sig_acknowledge_requested.emit(self.currentRow())
        elif event.key() == Qt.Key.Key_F5:
            self.sig_reload_requested.emit()
        else:
            super().keyPressEvent(event)


class AlertsView(QWidget):
    """Layout only; the AlertsController fills it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("alertsPage")
        self.title = QLabel(self.tr("<b>Break-the-glass alerts</b> — Enter marks the chosen alert read, "
                                    "F5 reloads"), objectName="alertsTitle")  # fmt: skip
        self.table = AlertsTable(0, 8, objectName="alertsTable")
        self.table.setHorizontalHeaderLabels([
            self.tr("When"), self.tr("Who"), self.tr("MRN"), self.tr("Patient"), self.tr("Reason"),
            self.tr("Minutes"), self.tr("Read by"), self.tr("Read at"),
        ])  # fmt: skip
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.message = QLabel(objectName="alertsMessage", wordWrap=True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)

    def show_alerts(self, alerts: list[dict[str, Any]]) -> None:
        """One row per alert (unread ones in bold), the keyboard on the first unread."""
        row_now = max(self.table.currentRow(), 0)
        self.table.setRowCount(len(alerts))
        for r, alert in enumerate(alerts):
            cells = (local_time(alert["raised_at"]), alert["user_name"] or "", alert["record_number"] or "",
                     alert["patient_name"] or "", alert["reason"] or "",
                     "" if alert["minutes"] is None else str(alert["minutes"]),
                     alert["acknowledged_by"] or "", local_time(alert["acknowledged_at"]))  # fmt: skip
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                font = item.font()
                font.setBold(alert["acknowledged_at"] is None)
                item.setFont(font)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        if alerts:
            self.table.setCurrentCell(min(row_now, len(alerts) - 1), 0)

    def clear(self) -> None:
        """No alert shown (the lock)."""
        self.table.setRowCount(0)
        self.message.clear()

"""Keyboard dialogs of the Orders tab: a reason (override, stop), the rule statistics."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs import ReturningDialog
from ui.terms import check_term


class ReasonDialog(ReturningDialog):
    """Asks for a reason; Enter accepts only once one is typed, Esc cancels."""

    def __init__(self, title: str, message_html: str, prompt: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("orderReasonDialog")
        self.setWindowTitle(title)
        self.message = QLabel(message_html, objectName="reasonMessage", wordWrap=True)
        self.reason = QLineEdit(objectName="reasonText")
        self.reason.setPlaceholderText(prompt)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        self.reason.textChanged.connect(lambda text: self.ok.setEnabled(bool(text.strip())))
        self.reason.returnPressed.connect(self._accept_if_given)
        self.buttons.accepted.connect(self._accept_if_given)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(QLabel(prompt))
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.resize(560, 220)
        self.reason.setFocus()

    def given(self) -> str:
        """The reason, trimmed."""
        return self.reason.text().strip()

    def _accept_if_given(self) -> None:
        if self.given():
            self.accept()


class RuleStatisticsDialog(ReturningDialog):
    """How often each order-check rule fired on this ward's orders and how often it was overridden."""

    def __init__(self, rows: list[dict[str, Any]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ruleStatisticsDialog")
        self.setWindowTitle(self.tr("Order-check statistics"))
        headers = [self.tr("Rule"), self.tr("Category"), self.tr("Severity"), self.tr("Fired"),
                   self.tr("Overridden"), self.tr("Override rate")]  # fmt: skip
        self.table = QTableWidget(len(rows), len(headers), objectName="ruleStatistics")
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for r, row in enumerate(rows):
            cells = (row["rule_id"], check_term(row["category"]), check_term(row["severity"]), str(row["fired"]),
                     str(row["overridden"]), f"{row['override_rate']:.0%}")  # fmt: skip
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if not rows:
            layout.addWidget(QLabel(self.tr("No order on this ward has raised an alert yet.")))
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(720, 420)
        self.table.setFocus()

"""The prescribing-rights page (医务科): one row per user; Enter edits the row's title and rights in
a small dialog (Tab moves, Space ticks, Enter saves, Esc leaves it), F5 reloads."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs import ReturningDialog
from ui.icons import icon
from ui.terms import term, user_language
from workstation.clinical.checks.model import ANTIBIOTIC_TIERS
from workstation.clinical.checks.prescribing import TIER_ZH, TITLE_ZH, TITLES
from workstation.clinical.order_words import chinese

TITLE_EN = {
    "trainee": "trainee doctor", "resident": "resident", "attending": "attending",
    "associate_chief": "associate chief physician", "chief": "chief physician", "nurse": "nurse",
    "senior_nurse": "senior nurse", "supervisor_nurse": "supervisor nurse",
    "associate_chief_nurse": "associate chief nurse", "chief_nurse": "chief nurse",
}  # fmt: skip
TIER_EN = {"non_restricted": "non-restricted", "restricted": "restricted", "special": "special"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("RightsView", text)


def title_name(title: str | None) -> str:
    """A professional title in the user's language (职称), '—' when none."""
    names = TITLE_ZH if chinese(user_language()) else TITLE_EN
    return names.get(title or "", "—")


def tier_name(tier: str | None) -> str:
    """An antibiotic tier right in the user's language (抗菌药物分级), '—' when none."""
    names = TIER_ZH if chinese(user_language()) else TIER_EN
    return names.get(tier or "", "—")


class RightsTable(QTableWidget):
    """Enter on a row asks to edit it; F5 asks for a reload."""

    sig_edit_requested = Signal(int)
    sig_reload_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentRow() >= 0:
            self.sig_edit_requested.emit(self.currentRow())
        elif event.key() == Qt.Key.Key_F5:
            self.sig_reload_requested.emit()
        else:
            super().keyPressEvent(event)


class RightsView(QWidget):
    """Layout only; the RightsController fills it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("rightsPage")
        self.message = QLabel(objectName="rightsMessage")
        self.table = RightsTable(0, 6, objectName="rightsTable")
        self.table.setHorizontalHeaderLabels([
            _tr("User"), _tr("Role"), _tr("Title"), _tr("Antibiotic tier"),
            _tr("Narcotic right"), _tr("Antibiotic approver"),
        ])  # fmt: skip
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(_tr("Prescribing rights (medical affairs office): Enter edits, F5 reloads"))
        )
        layout.addWidget(self.table)
        layout.addWidget(self.message)

    def show_users(self, rows: list[dict[str, Any]]) -> None:
        """One row per user."""
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            cells = [f"{row['display_name']} ({row['username']})", term(row["role"]),
                     title_name(row.get("title")), tier_name(row.get("antibiotic_tier")),
                     self.tr("yes") if row.get("narcotic_right") else "",
                     self.tr("yes") if row.get("antibiotic_approver") else ""]  # fmt: skip
            for column, text in enumerate(cells):
                item = QTableWidgetItem(str(text))
                if column >= 4 and text:  # a right held: the tick icon and the word
                    item.setIcon(icon("success"))
                self.table.setItem(index, column, item)
        if rows and self.table.currentRow() < 0:
            self.table.setCurrentCell(0, 0)

    def clear(self) -> None:
        """Nothing shown (the screen is locked)."""
        self.table.setRowCount(0)
        self.message.clear()


class RightsDialog(ReturningDialog):
    """Edit one user's title and rights; Enter saves."""

    def __init__(self, row: dict[str, Any], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("rightsDialog")
        self.setWindowTitle(_tr("Title and prescribing rights"))
        self.title = QComboBox(objectName="rightsTitle")
        self.title.addItem("—", None)
        for title in TITLES:
            self.title.addItem(title_name(title), title)
        self.title.setCurrentIndex(max(0, self.title.findData(row.get("title"))))
        self.tier = QComboBox(objectName="rightsTier")
        self.tier.addItem("—", None)
        for tier in ANTIBIOTIC_TIERS:
            self.tier.addItem(tier_name(tier), tier)
        self.tier.setCurrentIndex(max(0, self.tier.findData(row.get("antibiotic_tier"))))
        self.narcotic = QCheckBox(_tr("&Narcotic and class I psychotropic right (Art. 11)"))
        self.narcotic.setChecked(bool(row.get("narcotic_right")))
        self.approver = QCheckBox(_tr("Designated antibiotic &consultant (Art. 27)"))
        self.approver.setChecked(bool(row.get("antibiotic_approver")))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)  # fmt: skip
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(QLabel(f"<b>{row['display_name']}</b> ({term(row['role'])})"))
        form.addRow(_tr("Title"), self.title)
        form.addRow(_tr("Antibiotic tier"), self.tier)
        form.addRow(self.narcotic)
        form.addRow(self.approver)
        form.addRow(buttons)
        self.title.setFocus()

    def rights(self) -> dict[str, Any]:
        """The rights as chosen."""
        return {"title": self.title.currentData(), "antibiotic_tier": self.tier.currentData(),
                "narcotic_right": self.narcotic.isChecked(),
                "antibiotic_approver": self.approver.isChecked()}  # fmt: skip

"""The returns tab: scan the label of an item brought back, choose the dispense it came from,
type the quantity, pick a reason and where the units go; F8 records the return."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QDoubleValidator, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.scanner import SCAN_FIELD
from ui.terms import local_time
from workstation.clinical.returns import DispensedItem

REASON_WORDS = {
    "order_stopped": QT_TRANSLATE_NOOP("ReturnsView", "Order stopped or changed"),
    "patient_discharged": QT_TRANSLATE_NOOP("ReturnsView", "Patient discharged or transferred"),
    "not_needed": QT_TRANSLATE_NOOP("ReturnsView", "Not needed (surplus, as-needed doses unused)"),
    "dispensing_error": QT_TRANSLATE_NOOP(
        "ReturnsView", "Dispensing error (wrong item or quantity)"
    ),
    "damaged": QT_TRANSLATE_NOOP("ReturnsView", "Damaged or opened pack"),
    "expired": QT_TRANSLATE_NOOP("ReturnsView", "Expired"),
}
DISPOSITION_WORDS = {
    "restock": QT_TRANSLATE_NOOP("ReturnsView", "Back into stock"),
    "quarantine": QT_TRANSLATE_NOOP("ReturnsView", "Quarantine (inspect before any use)"),
    "destroy": QT_TRANSLATE_NOOP("ReturnsView", "Destruction bin (awaiting destruction)"),
}


def tr(text: str) -> str:
    """Translate a returns text."""
    return QCoreApplication.translate("ReturnsView", text)


class ReturnsView(QWidget):
    """Layout only; the ReturnsController decides what a scan and F8 do."""

    sig_scanned = Signal(str)
    sig_reason_changed = Signal(str)  # the reason's code
    sig_record_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("returnsPage")
        self.scan = QLineEdit(objectName="returnScan",
                              placeholderText=tr("Scan the label of the item brought back"))  # fmt: skip
        self.scan.setProperty(SCAN_FIELD, True)  # a label scanned here is a return, not a dose
        self.items = QListWidget(objectName="returnItems")
        self.quantity = QLineEdit(objectName="returnQuantity")
        self.quantity.setValidator(QDoubleValidator(0.0, 1_000_000.0, 2, self.quantity))
        self.reason = QComboBox(objectName="returnReason")
        for code, words in REASON_WORDS.items():
            self.reason.addItem(tr(words), code)
        self.disposition = QComboBox(objectName="returnDisposition")
        for code, words in DISPOSITION_WORDS.items():
            self.disposition.addItem(tr(words), code)
        self.message = QLabel(objectName="returnMessage", wordWrap=True)
        record = QPushButton(tr("Record the return (F8)"), focusPolicy=Qt.FocusPolicy.NoFocus)
        record.clicked.connect(self.sig_record_requested.emit)
        form = QFormLayout()
        form.addRow(tr("Label"), self.scan)
        form.addRow(tr("Dispensed"), self.items)
        form.addRow(tr("Quantity back"), self.quantity)
        form.addRow(tr("Reason"), self.reason)
        form.addRow(tr("Goes to"), self.disposition)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(record)
        layout.addWidget(self.message)
        self.scan.returnPressed.connect(self._scanned)
        self.items.itemActivated.connect(lambda _item: self._to_quantity())
        self.quantity.returnPressed.connect(self.reason.setFocus)
        self.reason.currentIndexChanged.connect(
            lambda _i: self.sig_reason_changed.emit(self.reason_code())
        )
        shortcut = QShortcut(QKeySequence(Qt.Key.Key_F8), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.sig_record_requested.emit)

    def _scanned(self) -> None:
        code = self.scan.text().strip()
        self.scan.clear()
        if code:
            self.sig_scanned.emit(code)

    def _to_quantity(self) -> None:
        self.quantity.setFocus()
        self.quantity.selectAll()

    def show_items(self, items: list[DispensedItem]) -> None:
        """The dispenses the label names; one alone is chosen and the quantity gets the keys."""
        self.items.clear()
        for item in items:
            self.items.addItem(
                tr("%1 · %2, lot %3 · %4 %5 dispensed %6 · %7 still out")
                .replace("%1", item.holder).replace("%2", item.drug_code).replace("%3", item.lot)
                .replace("%4", f"{item.dispensed:g}").replace("%5", item.unit)
                .replace("%6", local_time(item.dispensed_at)).replace("%7", f"{item.returnable:g}")
            )  # fmt: skip
        self.items.setCurrentRow(0 if items else -1)
        if len(items) == 1:
            self._to_quantity()
        elif items:
            self.items.setFocus()

    def show_quantity(self, quantity: float) -> None:
        """Offer a quantity (what is still out), selected so that typing replaces it."""
        self.quantity.setText(f"{quantity:g}")
        self.quantity.selectAll()

    def reason_code(self) -> str:
        """The chosen reason's code."""
        return str(self.reason.currentData())

    def disposition_code(self) -> str:
        """Where the chosen units go: restock, quarantine or destroy."""
        return str(self.disposition.currentData())

    def set_disposition(self, code: str) -> None:
        """Choose where the units go (the pharmacist may change it)."""
        self.disposition.setCurrentIndex(self.disposition.findData(code))

    def quantity_value(self) -> float | None:
        """The quantity typed, or None when it is not a number."""
        try:
            return float(self.quantity.text().replace(",", "."))
        except ValueError:
            return None

    def clear_return(self) -> None:
        """Ready for the next label."""
        self.items.clear()
        self.quantity.clear()
        self.reason.setCurrentIndex(0)
        self.scan.setFocus()

"""The pharmacy page: verification, ward dispensing, the outpatient counter, stock, the
formulary import and returns."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ui.screens.pharmacy.counter_view import CounterView
from ui.screens.pharmacy.formulary_view import FormularyImportView
from ui.screens.pharmacy.returns_view import ReturnsView
from ui.screens.pharmacy.stock_view import StockView, WardPickView
from ui.screens.pharmacy.verification_view import VerificationView

VERIFY, WARD, COUNTER, STOCK, FORMULARY, RETURNS = range(6)


class PharmacyView(QWidget):
    """Layout only: six tabs."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("pharmacyPage")
        self.verification = VerificationView()
        self.ward = WardPickView()
        self.counter = CounterView()
        self.stock = StockView()
        self.formulary = FormularyImportView()
        self.returns = ReturnsView()
        self.tabs = QTabWidget(objectName="pharmacyTabs")
        for page, title in ((self.verification, self.tr("Verification")),
                            (self.ward, self.tr("Ward dispensing")),
                            (self.counter, self.tr("Outpatient counter")),
                            (self.stock, self.tr("Stock")),
                            (self.formulary, self.tr("Formulary import")),
                            (self.returns, self.tr("Returns"))):  # fmt: skip
            self.tabs.addTab(page, title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

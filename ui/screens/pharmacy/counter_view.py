"""The outpatient counter: the waiting queue, the prescription being served, a scan field,
the counselling note; F5 calls the next number, F8 hands over."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.icons import icon
from ui.terms import term
from workstation.clinical.dispensing import Prescription

ITEM_DRUG = 0  # the counter table's drug column


class CounterView(QWidget):
    """Layout only; the PharmacyController decides what the keys do."""

    sig_call_next_requested = Signal()
    sig_scanned = Signal(str)
    sig_hand_over_requested = Signal(str)  # the counselling note

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("counterPage")
        self.waiting = QListWidget(objectName="counterQueue")
        self.serving = QLabel(objectName="nowServing")
        self.items = QTableWidget(0, 5, objectName="counterItems")
        self.items.setHorizontalHeaderLabels([self.tr("Drug"), self.tr("Quantity"), self.tr("Unit"),
                                              self.tr("Lot"), self.tr("Done")])  # fmt: skip
        self.items.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.items.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # the drug takes the room and the figures fit theirs: at Qt's fixed 100 pixels a
        # prescription read "阿莫西林 …" beside an empty half of the table
        self.items.verticalHeader().hide()
        header = self.items.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ITEM_DRUG, QHeaderView.ResizeMode.Stretch)
        self.scan = QLineEdit(objectName="counterScan", placeholderText=self.tr("Scan an item"))
        self.note = QLineEdit(objectName="counsellingNote")
        self.message = QLabel(objectName="counterMessage")
        call = QPushButton(self.tr("Call next (F5)"), focusPolicy=Qt.FocusPolicy.NoFocus)
        hand = QPushButton(self.tr("Hand over (F8)"), focusPolicy=Qt.FocusPolicy.NoFocus)
        call.clicked.connect(self.sig_call_next_requested.emit)
        hand.clicked.connect(lambda: self.sig_hand_over_requested.emit(self.note.text()))
        form = QFormLayout()
        form.addRow(self.tr("Scan"), self.scan)
        form.addRow(self.tr("Counselling"), self.note)
        main = QVBoxLayout()
        main.addWidget(self.serving)
        main.addWidget(self.items, 1)
        main.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addWidget(call)
        buttons.addWidget(hand)
        main.addLayout(buttons)
        main.addWidget(self.message)
        layout = QHBoxLayout(self)
        layout.addWidget(self.waiting, 1)
        layout.addLayout(main, 3)
        self.scan.returnPressed.connect(self._scanned)
        for key, act in ((Qt.Key.Key_F5, self.sig_call_next_requested.emit),
                         (Qt.Key.Key_F8, lambda: self.sig_hand_over_requested.emit(self.note.text()))):  # fmt: skip
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(act)
        self.show_serving(None)

    def _scanned(self) -> None:
        code = self.scan.text().strip()
        self.scan.clear()
        if code:
            self.sig_scanned.emit(code)

    def show_waiting(self, queue: list[Prescription]) -> None:
        """The numbers waiting."""
        self.waiting.clear()
        for p in queue:
            self.waiting.addItem(f"{p.queue_number:>3}  {p.patient_name}")

    def show_serving(self, prescription: Prescription | None) -> None:
        """The prescription being served, item by item with its lots."""
        if prescription is None:
            self.serving.setText(self.tr("Nobody called. F5 calls the next number."))
            self.items.setRowCount(0)
            return
        self.serving.setText(self.tr("No. %1 · %2 (%3)").replace("%1", str(prescription.queue_number))
                             .replace("%2", prescription.patient_name)
                             .replace("%3", prescription.patient_ref))  # fmt: skip
        self.items.setRowCount(len(prescription.items))
        for row, item in enumerate(prescription.items):
            lots = ", ".join(d["lot"] for d in prescription.dispensed.get(row, []))
            done = self.tr("done") if prescription.item_done(row) else ""
            cells = (item["drug_name"], f"{item['quantity']:g}", term(item["unit"]), lots, done)
            for column, text in enumerate(cells):
                self.items.setItem(row, column, QTableWidgetItem(text))
            if done:
                self.items.item(row, 4).setIcon(icon("success"))
        self.scan.setFocus()

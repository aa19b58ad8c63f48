"""Receive a pharmacy delivery on the ward: the nurse scans each item's label; the screen matches
it to what the pharmacy dispensed for this ward, records WardReceived, and lists what is still
expected and what has arrived. A label that is not this ward's, already received or unknown gets
a plain message and records nothing."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, Qt
from PySide6.QtGui import QFont, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from offline_cache.workstation import Workstation
from ui.dialogs import ReturningDialog
from ui.icons import icon_px, pixmap
from ui.screens.ward_receipt.tasks import ReceiptBoard, board, receive_scan
from ui.terms import local_time
from ui.workers import Workers
from workstation.clinical.barcodes import Scan
from workstation.clinical.ward_receipt import Delivery, LabelMatch

translate = QCoreApplication.translate

REFUSALS = {
    "not_dispensed": QT_TRANSLATE_NOOP(
        "WardReceipt", "This ward's order has not been dispensed yet: nothing recorded; ask pharmacy."
    ),
    "other_ward": QT_TRANSLATE_NOOP(
        "WardReceipt", "This label is for a patient on ward %1, not this ward: nothing recorded; "
        "return it to pharmacy."
    ),
    "not_this_ward": QT_TRANSLATE_NOOP(
        "WardReceipt", "No patient on this ward has this label (it is another ward's item): "
        "nothing recorded; return it to pharmacy."
    ),
    "ambiguous": QT_TRANSLATE_NOOP(
        "WardReceipt", "Several expected items share this drug and lot: scan the order label instead."
    ),
    "not_a_label": QT_TRANSLATE_NOOP(
        "WardReceipt", "Unknown code: that is not a pharmacy label. Scan the label on the item."
    ),
}  # fmt: skip
EXPECTED_COLUMNS = ("Bed", "Patient", "Medication", "Lot", "Quantity", "Dispensed")
RECEIVED_COLUMNS = ("Bed", "Patient", "Medication", "Lot", "Quantity", "Received", "By")


def _table(columns: tuple[str, ...], name: str) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels([translate("WardReceipt", c) for c in columns])
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


def match_words(match: LabelMatch, names: dict[str, str], ward_name: str | None = None) -> str:
    """The plain message of one scan, in the user's language (another ward by its name); the
    dialog draws the received tick or the refusal's cross beside it (`match_icon`)."""
    item = match.delivery
    if match.outcome == "receive" and item is not None:
        return (translate("WardReceipt", "Received: %1 for %2 (bed %3), lot %4.")
                .replace("%1", item.description).replace("%2", item.patient_name)
                .replace("%3", item.bed).replace("%4", item.lot))  # fmt: skip
    if match.outcome == "already_received" and item is not None:
        by = names.get(item.received_by or "", item.received_by or "")
        return (translate("WardReceipt", "Already received: %1 for %2, %3 by %4. Nothing recorded.")
                .replace("%1", item.description).replace("%2", item.patient_name)
                .replace("%3", local_time(item.received_at)).replace("%4", by))  # fmt: skip
    words = translate("WardReceipt", str(REFUSALS.get(match.outcome, match.outcome)))
    return words.replace("%1", ward_name or match.ward_id or "")


def match_icon(match: LabelMatch) -> str:
    """The ui.icons icon of a scan's outcome: success when received, else the refusal's cross."""
    return "success" if match.outcome == "receive" and match.delivery is not None else "failed"


class WardReceiptDialog(ReturningDialog):
    """The ward's delivery being unpacked: scan box, last scan's message, expected and received."""

    def __init__(self, ws: Workstation, workers: Workers, ward_id: str,
                 parent: QWidget | None = None):  # fmt: skip
        super().__init__(parent)
        self.ws, self.workers, self.ward_id = ws, workers, ward_id
        self.setObjectName("wardReceiptDialog")
        self.setWindowTitle(translate("WardReceipt", "Receive ward delivery"))
        self.scan_input = QLineEdit(objectName="receiptScanInput")
        self.scan_input.setPlaceholderText(
            translate("WardReceipt", "Scan each item's pharmacy label (or type its code, Enter)")
        )
        self.scan_input.returnPressed.connect(self._typed)
        self.message = QLabel(objectName="receiptMessage")
        self.message.setWordWrap(True)
        self.message_icon = QLabel(objectName="receiptMessageIcon")
        said = QHBoxLayout()
        said.addWidget(self.message_icon)
        said.addWidget(self.message, 1)
        bold = QFont()
        bold.setBold(True)
        self.message.setFont(bold)
        self.expected_label, self.received_label = QLabel(), QLabel()
        self.expected = _table(EXPECTED_COLUMNS, "receiptExpected")
        self.received = _table(RECEIVED_COLUMNS, "receiptReceived")
        close = QPushButton(translate("WardReceipt", "Close (Esc)"))
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scan_input)
        layout.addLayout(said)
        for widget in (self.expected_label, self.expected, self.received_label, self.received):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        self.resize(900, 560)
        self.scan_input.setFocus()
        self.message.setText(translate("WardReceipt", "Loading…"))
        workers.run(board, ws, ward_id, done=self.show_board, failed=self._failed)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return  # the scan box took it; Enter never closes the screen mid-delivery
        super().keyPressEvent(event)

    def take_scan(self, scan: Scan) -> None:
        """A wedge scan while the screen is open (the nurse's station hands it over)."""
        self.receive(scan.raw)

    def _typed(self) -> None:
        code = self.scan_input.text().strip()
        self.scan_input.clear()
        if code:
            self.receive(code)

    def receive(self, code: str) -> None:
        """Match one label and record its receipt (worker lane; the board comes back)."""
        self.workers.run(receive_scan, self.ws, self.ward_id, code, done=self.show_board,
                         failed=self._failed)  # fmt: skip

    def show_board(self, found: ReceiptBoard) -> None:
        """List the expected and received items; say what the last scan meant."""
        self.expected_label.setText(translate("WardReceipt", "Still expected: %1")
                                    .replace("%1", str(len(found.expected))))  # fmt: skip
        self.received_label.setText(translate("WardReceipt", "Received in the last 24 hours: %1")
                                    .replace("%1", str(len(found.received))))  # fmt: skip
        self._fill(self.expected, [self._cells(d) + [local_time(d.dispensed_at)]
                                   for d in found.expected])  # fmt: skip
        self._fill(self.received, [self._cells(d) + [local_time(d.received_at),
                                   found.names.get(d.received_by or "", d.received_by or "")]
                                   for d in found.received])  # fmt: skip
        if found.match is None:
            self._say(translate("WardReceipt", "Scan the first item."))
            return
        ward = found.other_ward.get("zh" if QLocale().name().startswith("zh") else "en")
        self._say(match_words(found.match, found.names, ward), match_icon(found.match))

    def _say(self, words: str, kind: str | None = None) -> None:
        """The last scan's words, with its icon (none for a prompt)."""
        self.message.setText(words)
        self.message_icon.setPixmap(pixmap(kind, icon_px()) if kind else QPixmap())

    @staticmethod
    def _cells(item: Delivery) -> list[str]:
        amount = f"{item.quantity:g} {item.unit or ''}".strip()
        return [item.bed, item.patient_name, item.description, item.lot, amount]

    @staticmethod
    def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
        table.setRowCount(len(rows))
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                table.setItem(r, c, QTableWidgetItem(text))

    def _failed(self, error: BaseException) -> None:
        self._say(translate("WardReceipt", "Not recorded: %1").replace("%1", str(error)), "failed")

"""The stock screen (lots, alerts, one form for receive / transfer / adjust / count / return,
exports) and the ward pick list with its scan field."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
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
from ui.scanner import SCAN_FIELD
from ui.terms import drug_name, order_text, term
from ui.theme import severity_colour
from workstation.clinical.dispensing import PickLine
from workstation.clinical.stock import LotStock, StockAlert

STOCK_FIELDS = ("drug_code", "lot", "expiry", "quantity", "unit", "location_id", "to_location",
                "reason")  # fmt: skip
PICK_ORDER = 2  # the pick list's Order column
KINDS = ("receive", "transfer", "adjust", "count", "return")
KIND_WORDS = (QT_TRANSLATE_NOOP("StockView", "Receive"), QT_TRANSLATE_NOOP("StockView", "Transfer"),
              QT_TRANSLATE_NOOP("StockView", "Adjust"), QT_TRANSLATE_NOOP("StockView", "Count"),
              QT_TRANSLATE_NOOP("StockView", "Return"))  # fmt: skip


def _table(columns: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(columns), objectName=name)
    table.setHorizontalHeaderLabels(columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()  # row numbers name nothing the pharmacist looks for
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    table.setRowCount(len(rows))
    for row, cells in enumerate(rows):
        for column, text in enumerate(cells):
            table.setItem(row, column, QTableWidgetItem(text))


class StockView(QWidget):
    """Layout only: Enter in the form saves the change chosen in the kind box."""

    sig_change_requested = Signal(str, dict)  # kind, fields
    sig_export_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("stockPage")
        self.lots = _table([self.tr("Location"), self.tr("Drug"), self.tr("Lot"),
                            self.tr("Expiry"), self.tr("Quantity")], "stockLots")  # fmt: skip
        self.alerts = QListWidget(objectName="stockAlerts")
        self.kind = QComboBox(objectName="stockKind")
        for kind, words in zip(KINDS, KIND_WORDS, strict=True):
            self.kind.addItem(self.tr(words), kind)
        self.fields = {name: QLineEdit(objectName=f"stock_{name}") for name in STOCK_FIELDS}
        self.fields["expiry"].setPlaceholderText("YYYY-MM-DD")
        form = QFormLayout()
        form.addRow(self.tr("Change"), self.kind)
        labels = (self.tr("Drug code"), self.tr("Lot"), self.tr("Expiry"), self.tr("Quantity"),
                  self.tr("Unit"), self.tr("Location"), self.tr("To location"), self.tr("Reason"))  # fmt: skip
        for label, name in zip(labels, STOCK_FIELDS, strict=True):
            form.addRow(label, self.fields[name])
            self.fields[name].returnPressed.connect(self._submit)
        export = QPushButton(self.tr("E&xport to Excel and PDF"))
        export.clicked.connect(self.sig_export_requested.emit)
        self.message = QLabel(objectName="stockMessage")
        side = QVBoxLayout()
        side.addWidget(QLabel(self.tr("Alerts")))
        side.addWidget(self.alerts, 1)
        side.addLayout(form)
        side.addWidget(export)
        side.addWidget(self.message)
        layout = QHBoxLayout(self)
        layout.addWidget(self.lots, 3)
        layout.addLayout(side, 2)

    def _submit(self) -> None:
        values = {name: field.text() for name, field in self.fields.items()}
        self.sig_change_requested.emit(self.kind.currentData(), values)

    def show_stock(
        self, lots: list[LotStock], alerts: list[StockAlert], names: dict[str, str] | None = None,
        places: dict[str, str] | None = None,
    ) -> None:  # fmt: skip
        """Lots (negative ones in red) and the alert list, drugs by name (their code when the
        formulary has no name), every word in the user's language."""
        named, place = names or {}, places or {}
        _fill(self.lots, [(place.get(x.location_id, x.location_id), named.get(x.drug_code, x.drug_code), x.lot,
                           str(x.expiry or ""), f"{x.quantity:g}") for x in lots])  # fmt: skip
        for row, lot in enumerate(lots):
            if lot.quantity < 0:
                for column in range(self.lots.columnCount()):
                    self.lots.item(row, column).setForeground(severity_colour("critical"))
        self.alerts.clear()
        for alert in alerts:
            drug = named.get(alert.drug_code, alert.drug_code)
            self.alerts.addItem(f"{self._kind_text(alert)}: {place.get(alert.location_id, alert.location_id)} "
                                f"{drug} {alert.lot or ''} — {self._detail_text(alert)}")  # fmt: skip

    def _detail_text(self, alert: StockAlert) -> str:
        quantity = f"{alert.quantity:g}" if alert.quantity is not None else ""
        if alert.kind == "negative":
            return self.tr("%1: dispensed beyond stock, count and reconcile").replace(
                "%1", quantity
            )
        if alert.kind in ("expired", "near_expiry"):
            return (self.tr("expiry %1, %2 on hand").replace("%1", str(alert.expiry or ""))
                    .replace("%2", quantity))  # fmt: skip
        if alert.kind == "low_stock" and alert.minimum is not None:
            return (self.tr("%1 usable, minimum %2").replace("%1", quantity)
                    .replace("%2", f"{alert.minimum:g}"))  # fmt: skip
        return alert.detail

    def _kind_text(self, alert: StockAlert) -> str:
        if alert.kind == "near_expiry":
            return self.tr("Expires within %1 days").replace("%1", str(alert.band_days))
        return {"expired": self.tr("Expired"), "negative": self.tr("Reconcile"),
                "low_stock": self.tr("Low stock")}.get(alert.kind, alert.kind)  # fmt: skip


class WardPickView(QWidget):
    """The ward's pick list for the next 24 hours; each scan confirms a line."""

    sig_scanned = Signal(str)
    sig_print_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("wardPickPage")
        self.ward = QComboBox(objectName="pickWard")  # wards by name, never by code
        self.ward.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.lines = _table([self.tr("Bed"), self.tr("Patient"), self.tr("Order"), self.tr("Doses"),
                             self.tr("Quantity"), self.tr("Picked")], "pickLines")  # fmt: skip
        # the order is the words read while picking: it takes the room, the figures fit theirs
        header = self.lines.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PICK_ORDER, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.scan = QLineEdit(objectName="pickScan", placeholderText=self.tr("Scan a label"))
        self.scan.setProperty(SCAN_FIELD, True)  # a medication label here is a pick, not a dose
        self.message = QLabel(objectName="pickMessage")
        form = QFormLayout()
        form.addRow(self.tr("Ward"), self.ward)
        form.addRow(self.tr("Scan"), self.scan)
        self.print_list = QPushButton(self.tr("Print pick &list"), objectName="pickPrint")
        self.print_list.clicked.connect(self.sig_print_requested.emit)
        form.addRow("", self.print_list)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.lines, 1)
        layout.addWidget(self.message)
        self.scan.returnPressed.connect(self._scanned)

    def ward_id(self) -> str:
        """The chosen ward's id ("" before the wards are known)."""
        return str(self.ward.currentData() or "")

    def set_wards(self, choices: list[tuple[str, str]], current: str | None) -> None:
        """The wards to pick for, by name; `current` chosen (added by its id when the server's
        list does not have it yet)."""
        if current and current not in [ward_id for _name, ward_id in choices]:
            choices = [*choices, (current, current)]
        self.ward.blockSignals(True)
        self.ward.clear()
        for name, ward_id in choices:
            self.ward.addItem(name, ward_id)
        self.ward.setCurrentIndex(max(0, self.ward.findData(current)))
        self.ward.blockSignals(False)

    def _scanned(self) -> None:
        code = self.scan.text().strip()
        self.scan.clear()
        if code:
            self.sig_scanned.emit(code)

    def show_lines(self, lines: list[PickLine]) -> None:
        """One row per order: doses due, quantity, and how much is already picked."""
        _fill(self.lines, [(x.bed, x.patient_name, _line_text(x), str(x.doses),
                            f"{x.quantity:g} {term(x.unit)}", f"{x.dispensed:g}") for x in lines])  # fmt: skip
        for row, line in enumerate(lines):
            if line.problem:  # no form for the route: not picked, the reason beside the drug
                warning = self.tr("not picked: %1").replace("%1", line.problem)
                self.lines.item(row, 2).setText(f"{line.description}  {warning}")
                self.lines.item(row, 2).setIcon(icon("warning"))
            elif line.done:
                self.lines.item(row, 5).setText(
                    self.tr("%1 done").replace("%1", f"{line.dispensed:g}")
                )
                self.lines.item(row, 5).setIcon(icon("success"))
            if line.empties_out > 0:  # 空安瓿/废贴未交回: the pharmacist asks for them first
                warning = self.tr("%1 empty ampoule(s) or patch(es) not back").replace(
                    "%1", f"{line.empties_out:g}"
                )
                self.lines.item(row, 2).setText(f"{line.description}  {warning}")
                self.lines.item(row, 2).setIcon(icon("warning"))


def _line_text(line: PickLine) -> str:
    """The order in the user's words; another drug of its bag or its carrier as '+ name amount'."""
    if not line.order:
        return line.description
    if line.part == 0:
        return order_text(line.order)
    name = drug_name({"drug_code": line.drug_code})
    return f"+ {name} {line.amount}" if name != line.drug_code else line.description

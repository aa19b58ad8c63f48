"""The infusion round (输液巡视), keyboard first: opened by scanning a running bag's label (the bag
is chosen, the last rate filled in: Enter records) or by Ctrl+I (arrows choose the bag, Enter
goes to the rate). The rate is typed in gtt/min (Alt+U switches to mL/h); the site and the
action are lists that a digit chooses (1 normal ... ); Enter in a field or Ctrl+Enter records,
Esc closes. A scan while the dialog is open chooses that bag."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs import ReturningDialog
from ui.icons import icon
from ui.screens.infusion_round.tasks import BagRow
from ui.screens.infusion_round.words import ACTIONS, SITES, UNITS
from ui.terms import local_time
from workstation.clinical.barcodes import Scan
from workstation.events.infusion_events import MUST_STOP_SITES, RUNNING_ACTIONS


def _tr(text: str) -> str:
    return QCoreApplication.translate("InfusionRound", text)


NO_VOLUME = -1  # the remaining-volume box's "not recorded"


def _choices(codes: dict[str, str]) -> QComboBox:
    box = QComboBox()
    for number, (code, text) in enumerate(codes.items(), start=1):
        box.addItem(
            f"{number % 10 if number < 10 else chr(ord('a') + number - 10)} {_tr(text)}", code
        )
    return box


class InfusionRoundDialog(ReturningDialog):
    """The round form for the ward's running bags."""

    sig_round_requested = Signal(str, dict)  # patient id, InfusionRoundRecorded payload

    def __init__(self, bags: list[BagRow], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("infusionRoundDialog")
        self.setWindowTitle(_tr("Infusion round"))
        self.rows, self.scanned = bags, False
        self.bags = QListWidget(objectName="infusionBags")
        for bag in bags:
            item = QListWidgetItem(self._bag_text(bag))
            item.setData(Qt.ItemDataRole.UserRole, bag.order_id)
            if bag.overdue:
                item.setIcon(icon("overdue"))
            self.bags.addItem(item)
        self.chosen = QLabel(objectName="infusionChosen")
        self.chosen.setWordWrap(True)
        self.rate = QSpinBox(objectName="infusionRate")
        self.rate.setRange(0, 2000)
        self.unit = QComboBox(objectName="infusionUnit")
        for code, text in UNITS.items():
            self.unit.addItem(_tr(text), code)
        self.site, self.action = _choices(SITES), _choices(ACTIONS)
        self.site.setObjectName("infusionSite")
        self.action.setObjectName("infusionAction")
        self.remaining = QSpinBox(objectName="infusionRemaining")
        self.remaining.setRange(NO_VOLUME, 5000)
        self.remaining.setSpecialValueText(_tr("not recorded"))
        self.remaining.setValue(NO_VOLUME)
        self.note = QLineEdit(objectName="infusionNote")
        self.message = QLabel(objectName="infusionMessage")
        self.message.setWordWrap(True)
        self._layout()
        self._keys()
        if bags:
            self.bags.setCurrentRow(0)
        else:
            self.message.setText(_tr("No bag is running on this ward."))
        self.bags.setFocus()

    def _bag_text(self, bag: BagRow) -> str:
        due = _tr("round due %1").replace("%1", local_time(bag.next_round_at.isoformat()))
        if bag.overdue:  # the overdue clock icon is drawn beside the line (the list's item)
            due = _tr("round overdue since %1").replace(
                "%1", local_time(bag.next_round_at.isoformat())
            )
        return f"{bag.bed} {bag.patient_name} — {bag.drugs} ({due})"

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow(_tr("Drip &rate (Alt+U: unit)"), self.rate)
        form.addRow(_tr("Unit"), self.unit)
        form.addRow(_tr("&Site (a digit)"), self.site)
        form.addRow(_tr("Volume &left, mL"), self.remaining)
        form.addRow(_tr("&Action (a digit)"), self.action)
        form.addRow(_tr("&Note"), self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        hint = QLabel(_tr("Scan the bag's label, or choose it with the arrows and Enter. "
                         "Enter or Ctrl+Enter records, Esc closes."))  # fmt: skip
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        for widget in (self.bags, self.chosen):
            layout.addWidget(widget)
        layout.addLayout(form)
        for widget in (self.message, hint, buttons):
            layout.addWidget(widget)
        self.resize(640, 520)

    def _keys(self) -> None:
        self.bags.currentRowChanged.connect(self._show_chosen)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.record)
        QShortcut(QKeySequence("Alt+U"), self,
                  activated=lambda: self.unit.setCurrentIndex(1 - self.unit.currentIndex()))  # fmt: skip

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override
        """Enter on the bag list goes to the rate; Enter in a field records (the fields pass it on)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.bags.hasFocus():
                self._to_rate()
            else:
                self.record()
            return
        super().keyPressEvent(event)

    def bag(self) -> BagRow | None:
        """The bag the round is about."""
        row = self.bags.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _show_chosen(self, row: int) -> None:
        bag = self.bag()
        if bag is None:
            return
        self.chosen.setText(self._bag_text(bag))
        self.rate.setValue(int(bag.last_rate or 0))
        self.unit.setCurrentIndex(max(0, self.unit.findData(bag.last_unit or "gtt_min")))

    def _to_rate(self) -> None:
        self.rate.setFocus()
        self.rate.selectAll()

    def take_scan(self, code: Scan) -> None:
        """A scanned label chooses its bag; anything else is refused with a message."""
        order_id = code.order_id if code.kind == "label" else None
        row = next((i for i, b in enumerate(self.rows) if b.order_id == order_id), None)
        if row is None:
            self.message.setText(_tr("That label is not a running bag on this ward."))
            return
        self.scanned = True
        self.bags.setCurrentRow(row)
        self.message.setText("")
        self._to_rate()

    def payload(self) -> dict[str, object]:
        """The InfusionRoundRecorded payload of the form (observed now)."""
        bag = self.bag()
        assert bag is not None
        payload: dict[str, object] = {
            "order_id": bag.order_id, "rate_unit": self.unit.currentData(),
            "site": self.site.currentData(), "action": self.action.currentData(),
            "scanned": self.scanned,
        }  # fmt: skip
        extras = {"scheduled_for": bag.scheduled_for, "note": self.note.text().strip() or None,
                  "rate_value": self.rate.value() or None,
                  "remaining_ml": None if self.remaining.value() == NO_VOLUME else self.remaining.value()}  # fmt: skip
        return payload | {k: v for k, v in extras.items() if v is not None}

    def problem(self) -> str | None:
        """What stops the form from being recorded (the event's own rule, said to the nurse)."""
        if self.bag() is None:
            return _tr("Choose a bag first.")
        if (
            self.site.currentData() in MUST_STOP_SITES
            and self.action.currentData() in RUNNING_ACTIONS
        ):
            return _tr("Infiltration or extravasation: stop or re-site the infusion.")
        if self.action.currentData() in RUNNING_ACTIONS and not self.rate.value():
            return _tr("A running infusion needs its drip rate.")
        return None

    def record(self) -> None:
        """Ask for the round to be recorded (the controller saves it and closes the form)."""
        problem = self.problem()
        if problem:
            self.message.setText(problem)
            return
        bag = self.bag()
        assert bag is not None
        self.sig_round_requested.emit(bag.patient_id, self.payload())

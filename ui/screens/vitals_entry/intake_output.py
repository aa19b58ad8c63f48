"""Intake and output entry (kind, mL; Enter saves) with the ward day's balance shown."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from ui.terms import number
from workstation.clinical.fluid_balance import DailyBalance
from workstation.clock import now_iso
from workstation.events.vocabulary import INTAKE_CATEGORIES, IO_CATEGORIES

CATEGORY_NAMES = {
    "oral": "Intake: oral", "iv": "Intake: IV", "enteral": "Intake: enteral",
    "blood": "Intake: blood", "other_intake": "Intake: other", "urine": "Output: urine",
    "drain": "Output: drain", "vomit": "Output: vomit", "stool": "Output: stool",
    "nasogastric": "Output: nasogastric", "blood_loss": "Output: blood loss",
    "other_output": "Output: other",
}  # fmt: skip
MAX_ML = 10_000  # the event contract's bound for one entry


def _tr(text: str) -> str:
    return QCoreApplication.translate("VitalsEntry", text)


class IntakeOutputForm(QWidget):
    """Emits sig_save(payload) with direction, category, volume_ml and measured_at."""

    sig_save = Signal(dict)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("intakeOutputEntry")
        self.category = QComboBox(objectName="ioCategory")
        for code in IO_CATEGORIES:
            self.category.addItem(_tr(CATEGORY_NAMES[code]), code)
        self.volume = QLineEdit(objectName="ioVolume")
        self.volume.setMaximumWidth(90)
        self.balance = QLabel(objectName="ioBalance")
        self.message = QLabel(objectName="ioMessage")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(_tr("Intake/output")))
        layout.addWidget(self.category)
        layout.addWidget(self.volume)
        layout.addWidget(QLabel("mL"))
        layout.addWidget(self.message)
        layout.addWidget(self.balance, 1)
        self.show_balance(None)

    def show_balance(self, today: DailyBalance | None) -> None:
        """The current ward day's totals (from the day start, 07:00)."""
        if today is None:
            self.balance.setText(_tr("Today: nothing recorded"))
            return
        self.balance.setText(
            _tr("Today: in %1 mL, out %2 mL, balance %3 mL")
            .replace("%1", number(today.intake_ml)).replace("%2", number(today.output_ml))
            .replace("%3", f"{today.balance_ml:+.0f}")
        )  # fmt: skip

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
        else:
            super().keyPressEvent(event)

    def submit(self) -> None:
        """Enter: save the entry, or say why it cannot be saved."""
        try:
            volume = float(self.volume.text().strip().replace(",", "."))
        except ValueError:
            volume = -1.0
        if not 0 <= volume <= MAX_ML:
            self.message.setText(_tr("Type the volume in mL (0 to 10000)."))
            self.volume.setFocus()
            self.volume.selectAll()
            return
        code: str = self.category.currentData()
        payload: dict[str, Any] = {
            "direction": "intake" if code in INTAKE_CATEGORIES else "output",
            "category": code, "volume_ml": volume, "measured_at": now_iso(),
        }  # fmt: skip
        self.message.clear()
        self.volume.clear()
        self.sig_save.emit(payload)

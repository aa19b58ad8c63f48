"""The break-the-glass form: record number, a reason in words, how many minutes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from ui.dialogs import ReturningDialog

MIN_MINUTES, MAX_MINUTES, DEFAULT_MINUTES = 15, 240, 60
MIN_REASON_WORDS, MIN_REASON_CHARS = 3, 10  # "emergency" alone is not a reason; 心脏骤停抢救 is


def reason_given(text: str) -> bool:
    """A reason of a few words (or, in Chinese, a few characters that say something)."""
    text = text.strip()
    if not text.isascii():
        return len(text.replace(" ", "")) >= 4
    return len(text.split()) >= MIN_REASON_WORDS and len(text) >= MIN_REASON_CHARS


class BreakGlassDialog(ReturningDialog):
    """Typed top to bottom: record number, Tab, reason, Tab, minutes, Enter. Enter accepts only
    when the record number and a reason of a few words are given."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("breakGlassDialog")
        self.setWindowTitle(self.tr("Break the glass"))
        self.record_number = QLineEdit(objectName="breakGlassRecord")
        self.reason = QLineEdit(objectName="breakGlassReason")
        self.reason.setPlaceholderText(self.tr("Why you must see this patient now (a few words)"))
        self.minutes = QSpinBox(objectName="breakGlassMinutes", minimum=MIN_MINUTES,
                                maximum=MAX_MINUTES, value=DEFAULT_MINUTES, singleStep=15)  # fmt: skip
        self.minutes.setSuffix(self.tr(" min"))
        self.message = QLabel(objectName="breakGlassMessage", wordWrap=True)
        self.warning = QLabel(
            self.tr("Opening another ward's patient is recorded with your name and reason, and the "
                    "privacy officer is alerted."), wordWrap=True,
        )  # fmt: skip
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        form = QFormLayout(self)
        form.addRow(self.warning)
        form.addRow(self.tr("M&RN"), self.record_number)
        form.addRow(self.tr("R&eason"), self.reason)
        form.addRow(self.tr("&Minutes"), self.minutes)
        form.addRow(self.message)
        form.addRow(self.buttons)
        for field in (self.record_number, self.reason):
            field.textChanged.connect(self._check)
        self.buttons.accepted.connect(self._accept_if_complete)
        self.buttons.rejected.connect(self.reject)
        self.resize(560, 260)
        self.record_number.setFocus()

    def complete(self) -> bool:
        """Record number and a reason of a few words given."""
        return bool(self.record_number.text().strip()) and reason_given(self.reason.text())

    def _check(self) -> None:
        self.ok.setEnabled(self.complete())

    def _accept_if_complete(self) -> None:
        if self.complete():
            self.accept()
        else:
            self.message.setText(self.tr("Give the MRN and a reason of a few words."))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._accept_if_complete()
            return
        super().keyPressEvent(event)

    def request(self) -> tuple[str, str, int]:
        """Record number, reason and minutes, as typed."""
        return self.record_number.text().strip(), self.reason.text().strip(), self.minutes.value()

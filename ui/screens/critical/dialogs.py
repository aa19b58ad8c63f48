"""The two keyboard-first forms of a critical value (危急值报告制度): the nurse's receipt, read
back to the laboratory before it is recorded, naming the doctor told; and the doctor's
acknowledgement with the action taken (a digit picks it: Ctrl+Shift+K, 1 is the whole task)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from offline_cache.ward_safety import ACK_ACTIONS
from ui.dialogs import ReturningDialog
from ui.screens.critical.texts import critical_line
from ui.terms import lab_name, user_language
from workstation.clinical.order_words import chinese


def read_back_text(value: dict[str, Any]) -> str:
    """What the nurse reads back: test, value and unit."""
    unit = f" {value['unit']}" if value.get("unit") else ""
    return f"{lab_name(value)} {value['value']}{unit}"


class AcknowledgeDialog(ReturningDialog):
    """A list of coded actions, the first selected; a digit picks one and accepts, Enter accepts
    the selected one; a free-text line (Tab) adds to it."""

    def __init__(self, value: dict[str, Any], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("criticalAcknowledgeDialog")
        self.setWindowTitle(self.tr("Acknowledge the critical value"))
        self.value = value
        self.actions_list = QListWidget(objectName="criticalActions")
        side = 0 if chinese(user_language()) else 1  # the list in the user's words; the 病程
        for number, (_code, words) in enumerate(ACK_ACTIONS, start=1):  # entry keeps both
            self.actions_list.addItem(f"{number}. {words.split(' / ')[side]}")
        self.actions_list.setCurrentRow(0)
        self.more = QLineEdit(objectName="criticalActionMore")
        self.more.setPlaceholderText(self.tr("More on the action taken (optional)"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)  # fmt: skip
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(critical_line(value), wordWrap=True))
        layout.addWidget(QLabel(self.tr("Action taken (1-%1, Enter): a progress-note entry is "
                                        "written and linked").replace("%1", str(len(ACK_ACTIONS)))))  # fmt: skip
        layout.addWidget(self.actions_list)
        layout.addWidget(self.more)
        layout.addWidget(buttons)
        self.actions_list.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override
        """A digit 1..n picks that action and accepts."""
        text = event.text()
        if text.isdigit() and 1 <= int(text) <= len(ACK_ACTIONS) and not self.more.hasFocus():
            self.actions_list.setCurrentRow(int(text) - 1)
            self.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accept()
            return
        super().keyPressEvent(event)

    def action(self) -> str:
        """The chosen action's words, with what was typed after them."""
        words = ACK_ACTIONS[max(self.actions_list.currentRow(), 0)][1]
        more = self.more.text().strip()
        return f"{words}; {more}" if more else words


class ReceiveDialog(ReturningDialog):
    """The read-back line (prefilled), the box "read back to the reporter" (Space), Enter. Enter
    accepts only once the box is ticked: an unread-back value is not recorded as received."""

    def __init__(self, value: dict[str, Any], doctors: list[tuple[str, str]],
                 parent: QWidget | None = None):  # fmt: skip
        super().__init__(parent)
        self.setObjectName("criticalReceiveDialog")
        self.setWindowTitle(self.tr("Receive the critical value"))
        self.read_back = QLineEdit(read_back_text(value), objectName="criticalReadBack")
        self.confirmed = QCheckBox(self.tr("I read the value back to the reporter and it was "
                                           "confirmed"), objectName="criticalReadBackDone")  # fmt: skip
        self.notify = QCheckBox(self.tr("Doctor told:"), objectName="criticalNotify",
                                checked=bool(doctors))  # fmt: skip
        self.doctor = QComboBox(objectName="criticalDoctor")
        for user_id, name in doctors:
            self.doctor.addItem(name, user_id)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)  # fmt: skip
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(critical_line(value), wordWrap=True))
        for widget in (self.read_back, self.confirmed, self.notify, self.doctor, buttons):
            layout.addWidget(widget)
        self.confirmed.setFocus()

    def accept(self) -> None:  # Qt override
        """Only with the read-back confirmed."""
        if self.confirmed.isChecked():
            super().accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override
        """Enter accepts from any field."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accept()
            return
        super().keyPressEvent(event)

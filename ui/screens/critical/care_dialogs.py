"""Keyboard-first forms of nursing levels and consultations: the doctor's nursing-level order
(a digit picks 特级/一级/二级/三级护理, 分级护理制度), the nurse's Barthel index (ten items, each a
digit for its step, WS/T 431-2013), and the doctor's consultation request (会诊制度: urgency by
digit, department, question, Enter)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs import ReturningDialog
from ui.screens.critical.texts import LEVELS, URGENCIES
from ui.terms import user_language
from workstation.clinical.order_words import chinese
from workstation.events.safety_events import BARTHEL_ITEMS, NURSING_LEVELS

BARTHEL_NAMES = {
    "feeding": ("进食", "Feeding"), "bathing": ("洗澡", "Bathing"), "grooming": ("修饰", "Grooming"),
    "dressing": ("穿衣", "Dressing"), "bowels": ("控制大便", "Bowels"),
    "bladder": ("控制小便", "Bladder"), "toilet_use": ("如厕", "Toilet use"),
    "transfers": ("床椅转移", "Transfers"), "mobility": ("平地行走", "Walking"),
    "stairs": ("上下楼梯", "Stairs"),
}  # fmt: skip


def _tr(text: str) -> str:
    return QCoreApplication.translate("Safety", text)


def _buttons(dialog: ReturningDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)  # fmt: skip
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class NursingLevelDialog(ReturningDialog):
    """1 特级, 2 一级, 3 二级, 4 三级护理: a digit orders that level; Enter the selected one."""

    def __init__(self, current: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("nursingLevelDialog")
        self.setWindowTitle(_tr("Nursing level"))
        self.levels = QListWidget(objectName="nursingLevels")
        for number, level in enumerate(NURSING_LEVELS, start=1):
            self.levels.addItem(f"{number}. {_tr(LEVELS[level])}")
        self.levels.setCurrentRow(NURSING_LEVELS.index(current) if current in NURSING_LEVELS else 2)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_tr("Order the nursing level (1-4, Enter)")))
        layout.addWidget(self.levels)
        layout.addWidget(_buttons(self))
        self.levels.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override
        """A digit 1-4 picks that level and accepts."""
        text = event.text()
        if text.isdigit() and 1 <= int(text) <= len(NURSING_LEVELS):
            self.levels.setCurrentRow(int(text) - 1)
            self.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accept()
            return
        super().keyPressEvent(event)

    def level(self) -> str:
        """The chosen level's code."""
        return NURSING_LEVELS[max(self.levels.currentRow(), 0)]


class BarthelDialog(ReturningDialog):
    """Ten items top to bottom; in each, a digit picks the step (1 = 0 points, 2 = the next…),
    moving on to the next item; Enter records. The total shows as it is typed."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("barthelDialog")
        self.setWindowTitle(_tr("Barthel index (self-care)"))
        self.items: dict[str, QComboBox] = {}
        form = QFormLayout()
        for name, steps in BARTHEL_ITEMS.items():
            box = QComboBox(objectName=f"barthel_{name}")
            for number, points in enumerate(steps, start=1):
                box.addItem(f"{number}: {points}", points)
            box.setCurrentIndex(len(steps) - 1)
            box.currentIndexChanged.connect(self._show_total)
            box.installEventFilter(self)
            self.items[name] = box
            form.addRow(BARTHEL_NAMES[name][0 if chinese(user_language()) else 1], box)
        self.total_label = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.total_label)
        layout.addWidget(_buttons(self))
        self._show_total()
        self.items["feeding"].setFocus()

    def eventFilter(self, watched: object, event: object) -> bool:  # noqa: N802 - Qt override
        if (
            isinstance(watched, QComboBox)
            and isinstance(event, QKeyEvent)
            and (event.type() == QKeyEvent.Type.KeyPress)
        ):
            text = event.text()
            if text.isdigit() and 1 <= int(text) <= watched.count():
                watched.setCurrentIndex(int(text) - 1)
                self.focusNextChild()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.accept()
                return True
        return False

    def scores(self) -> dict[str, int]:
        """Item -> points."""
        return {name: int(box.currentData()) for name, box in self.items.items()}

    def _show_total(self, *_args: object) -> None:
        self.total_label.setText(
            _tr("Total %1 / 100").replace("%1", str(sum(self.scores().values())))
        )


class ConsultationDialog(ReturningDialog):
    """Urgency (1 emergency, 2 routine), Tab, department, Tab, question, Enter."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("consultationDialog")
        self.setWindowTitle(_tr("Request a consultation"))
        self.urgency = QComboBox(objectName="consultUrgency")
        for number, (code, words) in enumerate(URGENCIES.items(), start=1):
            self.urgency.addItem(f"{number}: {_tr(words)}", code)
        self.urgency.setCurrentIndex(1)
        self.department = QLineEdit(objectName="consultDepartment")
        self.question = QLineEdit(objectName="consultQuestion")
        self.question.setPlaceholderText(
            _tr("The question (e.g. a special-tier antibiotic consultation)")
        )
        form = QFormLayout(self)
        form.addRow(_tr("Urgency"), self.urgency)
        form.addRow(_tr("Department"), self.department)
        form.addRow(_tr("Question"), self.question)
        form.addRow(_buttons(self))
        self.urgency.installEventFilter(self)
        self.urgency.setFocus()

    def eventFilter(self, watched: object, event: object) -> bool:  # noqa: N802 - Qt override
        if (
            watched is self.urgency
            and isinstance(event, QKeyEvent)
            and (event.type() == QKeyEvent.Type.KeyPress and event.text() in ("1", "2"))
        ):
            self.urgency.setCurrentIndex(int(event.text()) - 1)
            self.department.setFocus()
            return True
        return False

    def accept(self) -> None:  # Qt override
        """Only with a department and a question."""
        if self.department.text().strip() and self.question.text().strip():
            super().accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override
        """Enter sends from any field."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accept()
            return
        super().keyPressEvent(event)

    def request(self) -> dict[str, str]:
        """The request's urgency, department and question."""
        return {"urgency": str(self.urgency.currentData()),
                "department": self.department.text().strip(),
                "question": self.question.text().strip()}  # fmt: skip

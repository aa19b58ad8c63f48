"""The ward's shift pattern and the nurses' 能级, edited by the head nurse (F3 on the roster page;
F4 is the feedback box everywhere): a row per shift (Insert adds one, Delete removes it; code, Chinese and English name, start and end
as HH:MM) and a row per nurse with her level N0-N4 (blank: none). Enter saves, Esc leaves."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs import ReturningDialog
from workstation.clinical.roster import NURSE_LEVELS, RosterError, parse_levels, parse_shifts

FIELDS = ("code", "name_zh", "name_en", "start", "end")


def _tr(text: str) -> str:
    return QCoreApplication.translate("ShiftPatternDialog", text)


class ShiftTable(QTableWidget):
    """Insert adds a shift below the current one; Delete removes the current shift."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Insert:
            self.insertRow(self.currentRow() + 1)
            self.setCurrentCell(self.currentRow() + 1, 0)
        elif event.key() == Qt.Key.Key_Delete and self.currentRow() >= 0:
            self.removeRow(self.currentRow())
        else:
            super().keyPressEvent(event)


class ShiftPatternDialog(ReturningDialog):
    """The shift pattern and 能级 of one ward."""

    def __init__(self, roster: dict[str, Any], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("shiftPatternDialog")
        self.setWindowTitle(_tr("Shift pattern and nurse levels"))
        self.nurses = list(roster.get("nurses", []))
        self.shifts = ShiftTable(0, len(FIELDS), objectName="shiftPatternShifts")
        self.shifts.setHorizontalHeaderLabels([_tr("Code"), _tr("Chinese name"), _tr("English name"),
                                               _tr("Starts (HH:MM)"), _tr("Ends (HH:MM)")])  # fmt: skip
        for shift in roster.get("shifts", []):
            row = self.shifts.rowCount()
            self.shifts.insertRow(row)
            for column, key in enumerate(FIELDS):
                self.shifts.setItem(row, column, QTableWidgetItem(str(shift[key])))
        self.levels = QTableWidget(len(self.nurses), 2, objectName="shiftPatternLevels")
        self.levels.setHorizontalHeaderLabels([_tr("Nurse"), _tr("Level (N0–N4, blank: none)")])
        known = roster.get("levels", {})
        for row, nurse in enumerate(self.nurses):
            name = QTableWidgetItem(nurse["display_name"])
            name.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            self.levels.setItem(row, 0, name)
            self.levels.setItem(row, 1, QTableWidgetItem(known.get(nurse["user_id"], "")))
        for table in (self.shifts, self.levels):
            table.horizontalHeader().setStretchLastSection(True)
        self.problem = QLabel(objectName="shiftPatternProblem", wordWrap=True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                _tr(
                    "Shifts (Insert adds, Delete removes; an end not after the start ends the next day)"
                )
            )
        )
        layout.addWidget(self.shifts)
        layout.addWidget(QLabel(_tr("Nurse levels (能级)")))
        layout.addWidget(self.levels)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.shifts.setCurrentCell(0, 0)
        self.shifts.setFocus()
        self.resize(640, 520)

    def edit(self) -> dict[str, Any]:
        """{shifts, levels} as typed; RosterError when a field is out of bounds."""
        shifts = [{key: (self.shifts.item(row, column).text().strip() if self.shifts.item(row, column) else "")
                   for column, key in enumerate(FIELDS)} for row in range(self.shifts.rowCount())]  # fmt: skip
        parse_shifts(shifts)
        levels = {}
        for row, nurse in enumerate(self.nurses):
            item = self.levels.item(row, 1)
            text = item.text().strip().upper() if item else ""
            if text:
                levels[nurse["user_id"]] = text
        parse_levels(levels, [n["user_id"] for n in self.nurses])
        return {"shifts": shifts, "levels": levels}

    def accept(self) -> None:  # Qt override: a bad field is refused in place, in words
        try:
            self.edit()
        except RosterError:
            self.problem.setText(_tr("Check the shifts (a code of capital letters, both names, times as HH:MM, each code once) and the levels (%1).")
                                 .replace("%1", ", ".join(NURSE_LEVELS)))  # fmt: skip
            return
        super().accept()

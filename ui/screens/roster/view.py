"""The roster page (排班): a grid of dates x shifts. Enter edits a cell (who is on, with which
beds), Delete empties it, Ctrl+D copies the day before, Ctrl+S saves, F5 reloads, Ctrl+PgDown and
Ctrl+PgUp move a week, F3 edits the shift pattern and the nurses' 能级. Below the grid: the
selected shift's workload and warnings."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs import ReturningDialog
from ui.screens.rights.view import title_name
from ui.screens.roster.model import RosterGridModel
from workstation.clinical.roster import RosterError, beds_text, parse_beds


def _tr(text: str) -> str:
    return QCoreApplication.translate("RosterView", text)


class RosterTable(QTableView):
    """The grid's keys, as intents."""

    sig_edit_requested = Signal()
    sig_clear_requested = Signal()
    sig_copy_requested = Signal()
    sig_save_requested = Signal()
    sig_reload_requested = Signal()
    sig_week_requested = Signal(int)  # +1 next week, -1 the week before
    sig_pattern_requested = Signal()  # F3: the shift pattern and the nurses' 能级

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key, ctrl = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.sig_edit_requested.emit()
        elif key == Qt.Key.Key_Delete:
            self.sig_clear_requested.emit()
        elif ctrl and key == Qt.Key.Key_D:
            self.sig_copy_requested.emit()
        elif event.matches(QKeySequence.StandardKey.Save):
            self.sig_save_requested.emit()
        elif key == Qt.Key.Key_F5:
            self.sig_reload_requested.emit()
        elif key == Qt.Key.Key_F3:
            self.sig_pattern_requested.emit()
        elif ctrl and key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
            self.sig_week_requested.emit(1 if key == Qt.Key.Key_PageDown else -1)
        else:
            super().keyPressEvent(event)


class RosterView(QWidget):
    """Layout only; the RosterController fills it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("rosterPage")
        self.heading = QLabel(objectName="rosterHeading")
        self.model = RosterGridModel(self)
        self.table = RosterTable(objectName="rosterTable")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.detail = QLabel(objectName="rosterDetail", wordWrap=True)
        self.establishment = QLabel(objectName="rosterEstablishment", wordWrap=True)
        self.message = QLabel(objectName="rosterMessage", wordWrap=True)
        hint = QLabel(_tr("Enter: who is on and their beds · Delete: empty the shift · Ctrl+D: as the day before · Ctrl+S: save · F5: reload · Ctrl+PgDown / Ctrl+PgUp: next / previous week · F3: shift pattern and nurse levels"),
                      objectName="rosterHint", wordWrap=True)  # fmt: skip
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.establishment)
        layout.addWidget(self.message)
        layout.addWidget(hint)

    def clear(self) -> None:
        """Nothing shown (lock)."""
        self.model.clear()
        for label in (self.heading, self.detail, self.establishment, self.message):
            label.clear()


NAME, BEDS = 0, 1


class RosterCellDialog(ReturningDialog):
    """Who is on one shift: Space ticks a nurse, typing in the beds column sets her beds ("1-8,
    12"); Enter saves the cell, Esc leaves it unchanged."""

    def __init__(self, title: str, roster: dict[str, Any], cell: list[dict[str, Any]],
                 parent: QWidget | None = None):  # fmt: skip
        super().__init__(parent)
        self.setObjectName("rosterCellDialog")
        self.setWindowTitle(title)
        self.ward_beds = list(roster.get("beds", []))
        self.nurses = list(roster.get("nurses", []))
        levels, on = roster.get("levels", {}), {a["nurse_id"]: a["beds"] for a in cell}
        self.table = QTableWidget(len(self.nurses), 2, objectName="rosterCellNurses")
        self.table.setHorizontalHeaderLabels(
            [_tr("Nurse (Space: on this shift)"), _tr("Beds (type: 1-8, 12)")]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)  # fmt: skip
        for row, nurse in enumerate(self.nurses):
            grade = " · ".join(
                x
                for x in (title_name(nurse.get("grade")), levels.get(nurse["user_id"], ""))
                if x and x != "—"
            )
            item = QTableWidgetItem(f"{nurse['display_name']}" + (f" ({grade})" if grade else ""))
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            item.setCheckState(
                Qt.CheckState.Checked if nurse["user_id"] in on else Qt.CheckState.Unchecked
            )
            self.table.setItem(row, NAME, item)
            self.table.setItem(
                row, BEDS, QTableWidgetItem(beds_text(on.get(nurse["user_id"], []), self.ward_beds))
            )
        self.problem = QLabel(objectName="rosterCellProblem", wordWrap=True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.table.setCurrentCell(0, NAME)
        self.table.setFocus()
        self.resize(560, 420)

    def assignments(self) -> list[dict[str, Any]]:
        """The ticked nurses with their beds; RosterError when a typed bed is not the ward's
        or a bed is given to two nurses."""
        found: list[dict[str, Any]] = []
        for row, nurse in enumerate(self.nurses):
            name, beds = self.table.item(row, NAME), self.table.item(row, BEDS)
            if name.checkState() == Qt.CheckState.Checked:
                typed = beds.text() if beds else ""
                found.append(
                    {"nurse_id": nurse["user_id"], "beds": parse_beds(typed, self.ward_beds)}
                )
        taken = [b for a in found for b in a["beds"]]
        if len(taken) != len(set(taken)):
            raise RosterError("twice")
        return found

    def accept(self) -> None:  # Qt override: a bad cell is refused in place, in words
        try:
            self.assignments()
        except RosterError as exc:
            twice = str(exc) == "twice"
            self.problem.setText(_tr("A bed has one responsible nurse per shift.") if twice else
                                 _tr("Type beds of this ward, as 1-8, 12."))  # fmt: skip
            return
        super().accept()

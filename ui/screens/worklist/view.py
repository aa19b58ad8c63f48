"""The worklist pane: a heading, the table of items, a one-line key hint."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.screens.worklist.model import STATE_TEXT, WorklistModel, tr

STATE = 0  # the state column
ICON = 12  # the state column's severity icon: small, the words beside it say the rest


class WorklistTable(QTableView):
    """Enter opens the line's patient; Space acknowledges a new order; A switches between the
    nurse's own patients and the whole ward."""

    sig_open_requested = Signal(int)
    sig_acknowledge_requested = Signal(int)
    sig_scope_toggle_requested = Signal()  # A: my patients by the roster <-> the whole ward

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override  # noqa: N802
        row = self.currentIndex().row()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and row >= 0:
            self.sig_open_requested.emit(row)
        elif event.key() == Qt.Key.Key_Space and row >= 0:
            self.sig_acknowledge_requested.emit(row)
        elif event.key() == Qt.Key.Key_A and not event.modifiers():
            self.sig_scope_toggle_requested.emit()
        else:
            super().keyPressEvent(event)


class WorklistView(QWidget):
    """Layout only."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("worklistPage")
        self.heading = QLabel(objectName="worklistHeading")
        self.model = WorklistModel(self)
        self.table = WorklistTable(objectName="worklistTable")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.setIconSize(QSize(ICON, ICON))
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(
            STATE, QHeaderView.ResizeMode.Interactive
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.model.modelReset.connect(self.fit_state_column)
        self.hint = QLabel(self.tr("Scan a wristband to open that patient's MAR. Enter opens the selected line's patient; Space acknowledges a new order; A switches between your patients (by the roster) and the whole ward."),
                           objectName="worklistHint", wordWrap=True)  # fmt: skip
        self.scan_input = QLineEdit(objectName="scanInput")
        self.scan_input.setPlaceholderText(
            self.tr("Scan or type a code (wristband, drug label), then Enter — Ctrl+B")
        )
        self.fit_state_column()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.heading)
        layout.addWidget(self.scan_input)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)

    def fit_state_column(self) -> None:
        """The state column as wide as the state words on the list now (OVERDUE, DUE NOW, NEW...), so
        the task, the words the nurse acts on, keeps the rest of the row. A new line's state is one
        word; its tooltip and the hint below say that Space acknowledges it."""
        metrics = self.table.fontMetrics()
        icon = self.table.iconSize().width() + 4  # the overdue / high-alert icon and its gap
        padding = metrics.averageCharWidth() + icon
        shown = {item.state for item in self.model.items} or {"overdue"}
        widest = max(metrics.horizontalAdvance(tr(STATE_TEXT[key])) for key in shown)
        self.table.horizontalHeader().resizeSection(STATE, widest + padding)

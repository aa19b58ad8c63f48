"""The left pane: search box above the ward census list."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
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

from ui.screens.census.model import CensusModel


class CensusView(QWidget):
    """Search box and patient table; Enter opens, Down moves from the box into the table."""

    sig_open_requested = Signal(int)  # row
    sig_search_changed = Signal(str)
    sig_search_submitted = Signal()

    def __init__(self, model: CensusModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("censusPane")
        self.heading = QLabel(objectName="censusHeading")
        self.search = QLineEdit(objectName="patientSearch", clearButtonEnabled=True)
        self.table = QTableView(objectName="censusTable")
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.empty = QLabel(objectName="censusEmpty", wordWrap=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        for widget in (self.heading, self.search, self.table, self.empty):
            layout.addWidget(widget)
        self.search.textChanged.connect(self.sig_search_changed)
        self.search.returnPressed.connect(self.sig_search_submitted)
        self.search.installEventFilter(self)
        self.table.activated.connect(lambda index: self.sig_open_requested.emit(index.row()))
        self.retranslate()

    def retranslate(self) -> None:
        """Fixed texts in the current language."""
        self.heading.setText(self.tr("Ward census"))
        self.search.setPlaceholderText(self.tr("Find patient: bed, MRN, name or pinyin (Ctrl+F)"))

    def set_heading(self, text: str) -> None:
        """e.g. 'Ward W1 · 12 patients' or 'Search results · 2'."""
        self.heading.setText(text)

    def set_empty_text(self, text: str) -> None:
        """A line shown under the table when it has no rows."""
        self.empty.setText(text)
        self.empty.setVisible(bool(text))

    def select_row(self, row: int) -> None:
        """Highlight a row (without opening it)."""
        if row >= 0:
            self.table.selectRow(row)

    def selected_row(self) -> int:
        """The highlighted row, or -1."""
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Down and self.table.model().rowCount() > 0:
                self.table.setFocus()
                self.table.selectRow(max(self.selected_row(), 0))
                return True
        return False

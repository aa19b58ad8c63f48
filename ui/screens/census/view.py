"""The left pane: search box above the ward census list."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.screens.census.model import (
    ALERTS,
    BED,
    CARE_LEVEL,
    NAME,
    SEX_AGE,
    STAY,
    CensusModel,
    sort_key_digit,
)

SHRINKABLE = (
    ALERTS,
    CARE_LEVEL,
    NAME,
    SEX_AGE,
)  # elided (their whole text in the tooltip) to make room
REFIT_EVENTS = (QEvent.Type.Resize, QEvent.Type.FontChange, QEvent.Type.StyleChange)
NARROWEST_CHARS = (6, 2)  # a shrunk column keeps room for this many characters


class CensusView(QWidget):
    """Search box and patient table; Enter opens, Down moves from the box into the table,
    Alt+1…Alt+0 sort by the first to the tenth column (again: reverse)."""

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
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setWordWrap(False)  # one line a row: a wrapped cell showed its second line
        self.refit = QTimer(self, singleShot=True, interval=0)
        self.refit.timeout.connect(self.fit_columns)
        for changed in (model.modelReset, model.layoutChanged, model.dataChanged):
            changed.connect(self.refit.start)
        self.table.viewport().installEventFilter(self)
        self.table.installEventFilter(self)  # a theme's font changes the widths
        self.table.setSortingEnabled(True)  # a header click sorts; Alt+digit by keyboard
        self.table.sortByColumn(BED, Qt.SortOrder.AscendingOrder)
        for column in range(model.columnCount()):
            key = QShortcut(QKeySequence(f"Alt+{sort_key_digit(column)}"), self)
            key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            key.activated.connect(lambda column=column: self.sort_by(column))
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

    def sort_by(self, column: int) -> None:
        """Sort by a column; the column it is already sorted by is reversed."""
        header = self.table.horizontalHeader()
        ascending = Qt.SortOrder.AscendingOrder
        order = ascending
        if header.sortIndicatorSection() == column and header.sortIndicatorOrder() == ascending:
            order = Qt.SortOrder.DescendingOrder
        self.table.sortByColumn(column, order)
        self.select_row(self.selected_row())  # keep the selected patient in view
        self.table.scrollTo(self.table.currentIndex())

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

    def fit_columns(self) -> None:
        """Columns as wide as their contents, except that bed to length of stay (the at-a-glance
        columns) must all be in view: alerts, nursing level and name give up room to fit them
        (elided, whole in the tooltip); notes due, attending and diagnosis follow, scrolled to."""
        table, header = self.table, self.table.horizontalHeader()
        widths = [max(table.sizeHintForColumn(c), header.sectionSizeHint(c))
                  for c in range(header.count())]  # fmt: skip
        excess = sum(widths[: STAY + 1]) - table.viewport().width()
        for chars in NARROWEST_CHARS:  # first down to a word, then to its first characters
            floor = table.fontMetrics().averageCharWidth() * chars
            for column in sorted(SHRINKABLE, key=lambda c: -widths[c]):
                give = min(max(excess, 0), max(widths[column] - floor, 0))
                widths[column] -= give
                excess -= give
        for column, width in enumerate(widths):
            header.resizeSection(column, width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched in (self.table, self.table.viewport()) and event.type() in REFIT_EVENTS:
            self.refit.start()
            return False
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Down and self.table.model().rowCount() > 0:
                self.table.setFocus()
                self.table.selectRow(max(self.selected_row(), 0))
                return True
        return False

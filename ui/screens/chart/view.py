"""The chart: the patient banner above seven tabs (Vitals also takes a new set)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QPushButton,
    QScrollBar,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ui.screens.chart import columns
from ui.screens.chart.banner import PatientBanner
from ui.screens.chart.records import RecordTableModel
from ui.screens.notes.view import NotesView
from ui.screens.orders.view import OrdersView
from ui.screens.trends.results import ResultsPane
from ui.screens.vitals_entry.pane import VitalsPane

TABLE_TABS = ("labs", "vitals", "problems", "allergies")
ORDERS_TAB = 2
PAGED_TABS = {1: "notes", 2: "orders", 3: "labs", 4: "vitals"}  # tab index -> paged section
RESIZE_SAMPLE_ROWS = 50  # column widths fit the first rows only, not every row of a long section


def _table(model: RecordTableModel, name: str) -> QTableView:
    table = QTableView(objectName=f"{name}Table")
    table.setModel(model)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setResizeContentsPrecision(RESIZE_SAMPLE_ROWS)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class ChartView(QWidget):
    """Banner plus tabs Summary, Notes, Orders, Results, Vitals, Problems, Allergies; a hint when
    empty; "Load older rows" (Alt+L, or scrolling to the end of a table) pages in older rows."""

    sig_older_rows_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("chartPane")
        self.banner = PatientBanner()
        self.summary = QTextBrowser(objectName="summaryText")
        self.notes = NotesView()
        self.orders = OrdersView()
        self.models = {
            "labs": RecordTableModel(columns.lab_columns(), self),
            "vitals": RecordTableModel(columns.vitals_columns(), self),
            "problems": RecordTableModel(columns.problem_columns(), self),
            "allergies": RecordTableModel(columns.allergy_columns(), self),
        }
        self.tabs = QTabWidget(objectName="chartTabs")
        self.tabs.addTab(self.summary, self.tr("&Summary"))
        self.tabs.addTab(self.notes, self.tr("&Notes"))
        self.tabs.addTab(self.orders, self.tr("&Orders"))
        titles = (
            self.tr("&Results"),
            self.tr("&Vitals"),
            self.tr("&Problems"),
            self.tr("&Allergies"),
        )
        self.tables: dict[str, QTableView] = {}
        for key in TABLE_TABS:
            self.tables[key] = _table(self.models[key], key)
            self.tables[key].verticalScrollBar().valueChanged.connect(self._scrolled)
        self.results = ResultsPane(self.tables["labs"])
        self.vitals = VitalsPane(self.tables["vitals"])
        pages = (self.results, self.vitals, self.tables["problems"], self.tables["allergies"])
        for page, title in zip(pages, titles, strict=True):
            self.tabs.addTab(page, title)
        self.older = QPushButton(self.tr("&Load older rows"))
        self.older.setObjectName("loadOlderRows")
        self.older.clicked.connect(self._older_requested)
        self.older_waiting: dict[str, bool] = {}
        self.tabs.currentChanged.connect(lambda _index: self._show_older_button())
        self.hint = QTextBrowser(objectName="chartHint")
        self.pages = QStackedWidget()
        self.pages.addWidget(self.hint)
        tab_page = QWidget()
        tab_layout = QVBoxLayout(tab_page)
        tab_layout.setContentsMargins(0, 0, 0, 0)
        tab_layout.addWidget(self.tabs, 1)
        tab_layout.addWidget(self.older)
        self.pages.addWidget(tab_page)
        self.tab_page = tab_page
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.banner)
        layout.addWidget(self.pages, 1)
        self.show_hint()

    def show_hint(self) -> None:
        """No patient open: say how to open one."""
        self.hint.setHtml(self.tr(
            "<h2>No patient open</h2><p>Choose a patient in the ward census on the left and press Enter, "
            "or press <b>Ctrl+F</b> and type an MRN, a name, or the pinyin initials of a name.</p><p>Press <b>F1</b> for every shortcut.</p>"
        ))  # fmt: skip
        self.pages.setCurrentWidget(self.hint)

    def show_tabs(self) -> None:
        """A patient is open: show the tabs."""
        self.pages.setCurrentWidget(self.tab_page)

    def set_older_waiting(self, waiting: dict[str, bool]) -> None:
        """Which paged sections still have older rows to load."""
        self.older_waiting = dict(waiting)
        self._show_older_button()

    def _current_section(self) -> str | None:
        return PAGED_TABS.get(self.tabs.currentIndex())

    def _show_older_button(self) -> None:
        self.older.setVisible(bool(self.older_waiting.get(self._current_section() or "")))

    def _older_requested(self) -> None:
        section = self._current_section()
        if section and self.older_waiting.get(section):
            self.sig_older_rows_requested.emit(section)

    def _scrolled(self, value: int) -> None:
        bar = self.sender()
        if isinstance(bar, QScrollBar) and value > 0 and value == bar.maximum():
            self._older_requested()

"""The chart: the patient banner above seven read-only tabs."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
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

TABLE_TABS = ("labs", "vitals", "problems", "allergies")
ORDERS_TAB = 2


def _table(model: RecordTableModel, name: str) -> QTableView:
    table = QTableView(objectName=f"{name}Table")
    table.setModel(model)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class ChartView(QWidget):
    """Banner plus tabs Summary, Notes, Orders, Results, Vitals, Problems, Allergies; a hint when empty."""

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
        for key, title in zip(TABLE_TABS, titles, strict=True):
            self.tabs.addTab(_table(self.models[key], key), title)
        self.hint = QTextBrowser(objectName="chartHint")
        self.pages = QStackedWidget()
        self.pages.addWidget(self.hint)
        self.pages.addWidget(self.tabs)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.banner)
        layout.addWidget(self.pages, 1)
        self.show_hint()

    def show_hint(self) -> None:
        """No patient open: say how to open one."""
        self.hint.setHtml(self.tr(
            "<h2>No patient open</h2><p>Choose a patient in the ward census on the left and press Enter, "
            "or press <b>Ctrl+F</b> and type a record number, a name, or the pinyin initials of a name.</p><p>Press <b>F1</b> for every shortcut.</p>"
        ))  # fmt: skip
        self.pages.setCurrentWidget(self.hint)

    def show_tabs(self) -> None:
        """A patient is open: show the tabs."""
        self.pages.setCurrentWidget(self.tabs)

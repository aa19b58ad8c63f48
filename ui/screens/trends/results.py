"""The Results tab: the lab table and, below it, the selected test's history with its range."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QSplitter, QTableView, QVBoxLayout, QWidget

from ui.screens.trends.plot import TrendPlot
from ui.screens.trends.series import lab_series


class ResultsPane(QWidget):
    """Moving the selection through the table (arrow keys) plots that test's trend."""

    def __init__(self, table: QTableView, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("resultsPane")
        self.table = table
        self.plot = TrendPlot()
        self.plot.setObjectName("resultTrend")
        self.plot.empty_text = QCoreApplication.translate(
            "Trends", "Select a result to see its trend"
        )
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(table)
        split.addWidget(self.plot)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self.setFocusProxy(table)
        table.selectionModel().currentRowChanged.connect(lambda *_: self.plot_current())
        table.model().modelReset.connect(self.plot_current)

    def plot_current(self) -> None:
        """Plot the history of the selected row's test (or nothing when no row is selected)."""
        model: Any = self.table.model()
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= len(model.rows):
            self.plot.set_series([])
            return
        series, band = lab_series(model.rows, model.rows[index.row()]["test_code"])
        self.plot.set_series(series, band)

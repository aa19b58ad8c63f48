"""The Results tab: the selected test's history with its range above the lab table, which keeps
ten rows in view (the plot takes what is left)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QSplitter, QTableView, QVBoxLayout, QWidget

from ui.screens.trends.fit import KeepRows
from ui.screens.trends.plot import TrendPlot
from ui.screens.trends.series import lab_series

PLOT_MIN_HEIGHT = 120  # one lab's trend stays readable (its axis and a few ticks)


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
        self.plot.setMinimumHeight(PLOT_MIN_HEIGHT)
        self.keep_rows = KeepRows(table)
        split = QSplitter(Qt.Orientation.Vertical, objectName="resultsSplit")
        split.setChildrenCollapsible(False)
        split.addWidget(self.plot)
        split.addWidget(table)
        split.setStretchFactor(0, 2)  # the plot about two fifths, never below ten rows of table
        split.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self.setFocusProxy(table)
        self.kept_test: str | None = None
        table.selectionModel().currentRowChanged.connect(lambda *_: self.plot_current())
        table.model().modelAboutToBeReset.connect(self._remember_test)
        table.model().modelReset.connect(self._restore_test)

    def _remember_test(self) -> None:
        rows, index = self._rows(), self.table.currentIndex()
        if index.isValid() and index.row() < len(rows):
            self.kept_test = rows[index.row()].get("test_code")

    def _restore_test(self) -> None:
        """After the rows are read again (a sync reloads the chart) the test that was chosen stays
        chosen, at its newest result: the trend went blank and the user's place was lost."""
        rows, kept, self.kept_test = self._rows(), self.kept_test, None
        row = next((i for i, r in enumerate(rows) if kept and r.get("test_code") == kept), -1)
        if row >= 0:
            self.table.setCurrentIndex(self.table.model().index(row, 0))
        self.plot_current()

    def _rows(self) -> list[dict[str, Any]]:
        return list(getattr(self.table.model(), "rows", []))

    def plot_current(self) -> None:
        """Plot the history of the selected row's test (or nothing when no row is selected)."""
        model: Any = self.table.model()
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= len(model.rows):
            self.plot.set_series([])
            return
        series, band = lab_series(model.rows, model.rows[index.row()]["test_code"])
        self.plot.set_series(series, band)

"""The Vitals tab: the entry row and intake/output above the flowsheet table or the trend plot.

At 1366x768 the entry rows leave room for ten rows of the flowsheet or for the six-strip trend,
not for both: Alt+F shows the flowsheet (the first view), Alt+T the trend, by the two buttons
beside the status line (the choice is kept while the station runs)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.screens.trends.fit import KeepRows
from ui.screens.trends.plot import TrendPlot
from ui.screens.vitals_entry.form import VitalsForm
from ui.screens.vitals_entry.intake_output import IntakeOutputForm


def _tr(text: str) -> str:
    return QCoreApplication.translate("VitalsPane", text)


class VitalsPane(QWidget):
    """Entry (Tab, Enter), intake/output, and the flowsheet table or the vitals trend."""

    def __init__(self, table: QTableView, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("vitalsPane")
        self.form = VitalsForm()
        self.intake_output = IntakeOutputForm()
        self.table = table
        self.keep_rows = KeepRows(table)
        self.plot = TrendPlot()
        self.plot.setObjectName("vitalsTrend")
        self.plot.empty_text = QCoreApplication.translate("Trends", "No vital signs recorded")
        self.status = QLabel(objectName="vitalsStatus")
        self.views = QStackedWidget(objectName="vitalsViews")
        self.views.addWidget(table)
        self.views.addWidget(self.plot)
        self.show_table = QToolButton(objectName="vitalsShowTable", text=_tr("&Flowsheet"))
        self.show_trend = QToolButton(objectName="vitalsShowTrend", text=_tr("&Trend"))
        group = QButtonGroup(self)
        for index, button in enumerate((self.show_table, self.show_trend)):
            button.setCheckable(True)
            button.setAutoRaise(True)  # a line's height: the rows below keep the room
            group.addButton(button, index)
        self.show_table.setChecked(True)
        group.idClicked.connect(self.views.setCurrentIndex)
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addWidget(self.show_table)
        bar.addWidget(self.show_trend)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)  # at 1366x768 in the large-font theme every pixel is a table row's
        layout.addWidget(self.form)
        layout.addWidget(self.intake_output)
        layout.addLayout(bar)
        layout.addWidget(self.views, 1)
        self.setFocusProxy(self.form.first_field())

    def show_view(self, trend: bool) -> None:
        """The trend plot (True) or the flowsheet table (False), as the buttons show them."""
        (self.show_trend if trend else self.show_table).setChecked(True)
        self.views.setCurrentIndex(1 if trend else 0)

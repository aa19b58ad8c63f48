"""The Vitals tab: the entry row and intake/output above the table and the trend plot."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QSplitter, QTableView, QVBoxLayout, QWidget

from ui.screens.trends.plot import TrendPlot
from ui.screens.vitals_entry.form import VitalsForm
from ui.screens.vitals_entry.intake_output import IntakeOutputForm


class VitalsPane(QWidget):
    """Entry (Tab, Enter), intake/output, the flowsheet table and the vitals trend."""

    def __init__(self, table: QTableView, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("vitalsPane")
        self.form = VitalsForm()
        self.intake_output = IntakeOutputForm()
        self.table = table
        self.plot = TrendPlot()
        self.plot.setObjectName("vitalsTrend")
        self.plot.empty_text = QCoreApplication.translate("Trends", "No vital signs recorded")
        self.status = QLabel(objectName="vitalsStatus")
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(table)
        split.addWidget(self.plot)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.form)
        layout.addWidget(self.intake_output)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)
        self.setFocusProxy(self.form.first_field())

"""The dashboard page: the scope (one ward, or the whole hospital) above the tabs, and a line for
what is happening. Layout only; the DashboardController fills it."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from ui.screens.dashboard.tab import DashboardTab


class DashboardView(QWidget):
    """Scope chooser, tabs, message line."""

    def __init__(self, tabs: list[DashboardTab], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("dashboardPage")
        self.title = QLabel(objectName="dashboardTitle")
        self.title.setText(self.tr("<b>Dashboard</b> — F5 reloads, Ctrl+E exports to Excel"))
        self.scope = QComboBox(objectName="dashboardScope")
        self.scope.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # names whole
        scope_label = QLabel(self.tr("&Scope:"))
        scope_label.setBuddy(self.scope)
        self.tabs = QTabWidget(objectName="dashboardTabs")
        self.pages = tabs
        for tab in tabs:
            self.tabs.addTab(tab, tab.title())
        self.message = QLabel(objectName="dashboardMessage", wordWrap=True)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(scope_label)
        top.addWidget(self.scope)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)

    def set_scopes(self, scopes: list[tuple[str, str | None]]) -> None:
        """The scopes to choose between: (label, ward id; None for the whole hospital)."""
        current = self.scope.currentData()
        self.scope.blockSignals(True)
        self.scope.clear()
        for label, ward in scopes:
            self.scope.addItem(label, ward)
        index = self.scope.findData(current)
        self.scope.setCurrentIndex(max(index, 0))
        self.scope.blockSignals(False)

    def clear(self) -> None:
        """Empty the page (the station locked)."""
        self.scope.clear()
        self.message.clear()
        for tab in self.pages:
            tab.clear()

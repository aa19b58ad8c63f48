"""The main window: the login/lock page, or census on the left and the chart on the right."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QSplitter, QStackedWidget, QWidget

from ui.screens.census.model import CensusModel
from ui.screens.census.view import CensusView
from ui.screens.chart.view import ChartView
from ui.screens.login.view import LoginView
from ui.screens.orders.actions import add_order_actions
from ui.screens.shell.statusbar import SyncStatusBar


class ShellView(QMainWindow):
    """Layout and actions only; the ShellController decides what they do."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("shell")
        self.login = LoginView()
        self.census_model = CensusModel(self)
        self.census = CensusView(self.census_model)
        self.chart = ChartView()
        self.work = QSplitter(Qt.Orientation.Horizontal, objectName="workArea")
        self.work.addWidget(self.census)
        self.work.addWidget(self.chart)
        self.work.setStretchFactor(1, 1)
        self.work.setSizes([500, 780])
        self.pages = QStackedWidget()
        self.pages.addWidget(self.login)
        self.pages.addWidget(self.work)
        self.setCentralWidget(self.pages)
        self.status = SyncStatusBar()
        self.setStatusBar(self.status)
        self._make_actions()
        self.resize(1280, 800)
        self.show_login_page()

    def menu_action(self, text: str, keys: QKeySequence | str = "", menu_name: str = "patient",
                    *more: str) -> QAction:  # fmt: skip
        """An action in one of the window's menus with its shortcuts for the whole window (the
        command palette lists every action added to the window)."""
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(keys), *(QKeySequence(k) for k in more)])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.addAction(action)
        self.menus[menu_name].addAction(action)
        return action

    def _make_actions(self) -> None:
        bar = self.menuBar()
        self.menus = {"station": bar.addMenu(self.tr("&Station")), "patient": bar.addMenu(self.tr("&Patient")),
                      "note": bar.addMenu(self.tr("N&ote")), "help": bar.addMenu(self.tr("&Help"))}  # fmt: skip
        self.palette_action = self.menu_action(self.tr("&Command palette"), "Ctrl+K", "station")
        self.find_action = self.menu_action(self.tr("&Find patient"), "Ctrl+F", "patient")
        self.census_action = self.menu_action(
            self.tr("&Hide or show the census"), "Ctrl+\\", "station"
        )
        self.census_action.triggered.connect(self.toggle_census)
        self.tab_actions = [self.menu_action(title, f"Ctrl+{n}", "patient") for n, title in enumerate((
            self.tr("Summary"), self.tr("Notes"), self.tr("Orders"), self.tr("Results"), self.tr("Vitals"),
            self.tr("Problems"), self.tr("Allergies")), start=1)]  # fmt: skip
        self.new_note_action = self.menu_action(self.tr("&New note"), "Ctrl+N", "note")
        self.sign_note_action = self.menu_action(
            self.tr("&Sign note"), "Ctrl+Return", "note", "Ctrl+Enter"
        )
        self.addendum_action = self.menu_action(
            self.tr("&Addendum to the selected note"), "Ctrl+Shift+N", "note"
        )
        self.cosign_action = self.menu_action(
            self.tr("&Co-sign the selected note"), "Ctrl+Shift+C", "note"
        )
        self.order_actions = add_order_actions(self, bar.addMenu(self.tr("O&rders")))
        self.attention_action = self.menu_action(
            self.tr("Needs &attention"), "Ctrl+Shift+A", "station"
        )
        self.sync_action = self.menu_action(self.tr("S&ync now"), "Ctrl+Shift+S", "station")
        self.lock_action = self.menu_action(self.tr("&Lock"), "Ctrl+L", "station")
        self.settings_action = self.menu_action(self.tr("Se&ttings…"), "Ctrl+,", "station")
        self.quit_action = self.menu_action(self.tr("Log out and &quit"), "Ctrl+Q", "station")
        self.shortcuts_action = self.menu_action(self.tr("&Keyboard shortcuts"), "F1", "help")
        self.demo_users_action = self.menus["help"].addAction(self.tr("&Demo users"))
        self.demo_users_action.setVisible(False)

    def show_login_page(self) -> None:
        """Only the login/lock page; every patient action off."""
        self.pages.setCurrentWidget(self.login)
        self.set_work_actions(False)
        self.setWindowTitle(self.tr("Clinical Workstation"))

    def show_work_page(self, user_title: str) -> None:
        """Census and chart; title names the user (never a patient)."""
        self.pages.setCurrentWidget(self.work)
        self.set_work_actions(True)
        self.setWindowTitle(self.tr("Clinical Workstation — %1").replace("%1", user_title))

    def toggle_census(self) -> None:
        """Ctrl+\\: hide the census pane (the splitter's left pane, with the nurse's worklist
        tab when there is one) so the chart takes the whole width, or bring it back."""
        left = self.work.widget(0)
        if left.isHidden():
            self.show_census_pane()
            (self.census.table if self.census.isVisible() else left).setFocus()
            return
        if left.isAncestorOf(self.focusWidget()):
            self.chart.setFocus()  # the focus leaves the hidden pane for the chart
        left.hide()

    def show_census_pane(self) -> None:
        """Bring the census pane back (Ctrl+F and the worklist need it)."""
        self.work.widget(0).show()

    def set_work_actions(self, enabled: bool) -> None:
        """Actions that need a logged-in, unlocked user."""
        for action in (self.find_action, self.census_action, *self.tab_actions, self.lock_action, self.settings_action,
                       *self.note_actions(), self.palette_action, self.attention_action,
                       *self.order_actions.all()):  # fmt: skip
            action.setEnabled(enabled)

    def note_actions(self) -> list[QAction]:
        """The Note menu's actions."""
        return [
            self.new_note_action,
            self.sign_note_action,
            self.addendum_action,
            self.cosign_action,
        ]

    def palette_actions(self) -> list[QAction]:
        """Every action the command palette offers (all but the palette itself)."""
        return [a for a in self.actions() if a is not self.palette_action] + [
            self.demo_users_action
        ]

"""The managers' dashboard in the shell (Ctrl+Alt+D, also in the command palette): for the roles
of `policy.MANAGER_ROLES`, filled from the server on the sync lane, one request per tab for the
chosen scope; F5 reloads, Ctrl+E exports every tab to one Excel file (audited). The medical affairs
office, which reads no chart, lands on it after login. Attached by the ShellController."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut

from offline_cache.manage import export_dashboard, fetch_manage
from ui import paths
from ui.refusals import failure_words
from ui.screens.dashboard.tab import DashboardTab
from ui.screens.dashboard.tabs import TABS
from ui.screens.dashboard.view import DashboardView
from ui.terms import local_time, user_language, ward_zone
from workstation.clock import now_iso, utc_now
from workstation.security.policy import MANAGER_ROLES, NO_CHART_ROLES

if TYPE_CHECKING:
    from ui.screens.shell.controller import ShellController

KEYS = "Ctrl+Alt+D"


class DashboardController(QObject):
    """Opens the page, loads each tab for the chosen scope, exports, empties on lock."""

    sig_loaded = Signal(str)  # a tab's path, once its figures are shown
    sig_exported = Signal(object)  # the Excel file's path

    def __init__(self, shell: ShellController):
        super().__init__(shell)
        self.shell = shell
        self.view = DashboardView([tab() for tab in TABS])
        shell.view.pages.addWidget(self.view)
        self.export_dir = paths.user_data_dir() / "exports"
        self.action = shell.view.menu_action(self.tr("Da&shboard"), KEYS, "station")
        self.action.setEnabled(False)
        self.action.triggered.connect(self.open)
        for keys, slot in (("F5", self.reload), ("Ctrl+E", self.export)):
            shortcut = QShortcut(QKeySequence(keys), self.view)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.view.scope.currentIndexChanged.connect(lambda _i: self.reload())
        shell.sig_unlocked.connect(self._unlocked)
        shell.sig_locked.connect(self._locked)
        shell.chart.sig_chart_opened.connect(self._leave)
        shell.view.find_action.triggered.connect(self._leave)

    def _manager(self) -> bool:
        return self.shell.session is not None and self.shell.session.role in MANAGER_ROLES

    def _unlocked(self) -> None:
        self.action.setEnabled(self._manager())
        session = self.shell.session
        if self._manager() and session is not None and session.role in NO_CHART_ROLES:
            QTimer.singleShot(0, self, self.open)  # after the shell has placed the keyboard

    def _locked(self) -> None:
        self.action.setEnabled(False)
        self.view.clear()

    def _leave(self, *_: object) -> None:
        if self.shell.view.pages.currentWidget() is self.view:
            self.shell.view.pages.setCurrentWidget(self.shell.view.work)

    def open(self) -> None:
        """Show the page, learn the scopes the server allows, then load every tab."""
        if not self._manager() or self.shell.locked:
            return
        self.shell.view.pages.setCurrentWidget(self.view)
        self.view.tabs.setFocus()
        self.view.message.setText(self.tr("Fetching the dashboard…"))
        self.shell.sync_workers.run(fetch_manage, self.shell.workstation, "/manage/scope",
                                    done=self._scoped, failed=self._failed)  # fmt: skip

    def _scoped(self, scope: dict[str, Any]) -> None:
        if self.shell.locked:
            return
        choices: list[tuple[str, str | None]] = []
        if scope.get("hospital"):
            choices.append((self.tr("Whole hospital"), None))
        zh = user_language().startswith("zh")
        choices += [
            (w["name_zh"] if zh else w["name_en"], w["ward_id"]) for w in scope.get("wards", [])
        ]
        self.view.set_scopes(choices)
        names = {ward: label for label, ward in choices if ward is not None}
        for tab in self.view.pages:
            tab.ward_names = names
        self.reload()

    def reload(self) -> None:
        """Fetch every tab's figures for the chosen scope (sync lane)."""
        if self.shell.locked or not self._manager():
            return
        ward = self.view.scope.currentData()
        for tab in self.view.pages:
            tab.clear()
            self.shell.sync_workers.run(fetch_manage, self.shell.workstation, tab.path,
                                        {"ward": ward}, done=self._shower(tab),
                                        failed=self._failed)  # fmt: skip
        self.view.message.setText(self.tr("Fetching the dashboard…"))

    def _shower(self, tab: DashboardTab) -> Any:
        def show(data: dict[str, Any]) -> None:
            if self.shell.locked:
                return
            tab.show_data(data)
            self.view.message.setText(
                self.tr("Figures as of %1.").replace("%1", local_time(now_iso()))
            )
            self.sig_loaded.emit(tab.path)

        return show

    def export(self) -> None:
        """Every tab's tables to one Excel file in the user's exports folder (audited)."""
        if self.shell.locked or not self._manager():
            return
        sheets = [sheet for tab in self.view.pages for sheet in tab.sheets()]
        stamp = utc_now().astimezone(ward_zone()).strftime("%Y%m%d-%H%M%S")
        path = self.export_dir / f"dashboard-{stamp}.xlsx"
        self.export_dir.mkdir(parents=True, exist_ok=True)

        def exported(written: Path) -> None:
            self.view.message.setText(self.tr("Saved %1").replace("%1", str(written)))
            self.sig_exported.emit(written)

        self.shell.workers.run(export_dashboard, self.shell.workstation, path, sheets,
                               done=exported, failed=self._failed)  # fmt: skip

    def _failed(self, error: BaseException) -> None:
        text = failure_words(
            error, self.tr("The dashboards are on the server, which cannot be reached now.")
        )
        self.view.message.setText(text)


def install(shell: ShellController) -> DashboardController:
    """Attach the dashboard page and its action to the shell."""
    return DashboardController(shell)

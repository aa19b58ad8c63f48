"""The privacy officer's alerts in the shell (Ctrl+Shift+P, also in the command palette): a page
beside the census and chart, for the roles of `policy.ALERT_REVIEWERS`, filled from the server on
the sync lane; Enter marks an alert read. A privacy officer sees this page, never a chart.
Attached by the ShellController with one line."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from offline_cache.alerts import acknowledge_alert, fetch_alerts
from ui.refusals import failure_words
from ui.screens.alerts.view import AlertsView
from workstation.security.policy import ALERT_REVIEWERS

if TYPE_CHECKING:
    from ui.screens.shell.controller import ShellController

KEYS = "Ctrl+Shift+P"
PRIVACY_OFFICER = "privacy_officer"


class AlertsController(QObject):
    """Loads, shows and acknowledges the alerts; empties the page on lock."""

    sig_alerts_shown = Signal(int)
    sig_acknowledged = Signal(str)  # alert id

    def __init__(self, shell: ShellController):
        super().__init__(shell)
        self.shell = shell
        self.view = AlertsView()
        shell.view.pages.addWidget(self.view)
        self.alerts: list[dict[str, Any]] = []
        self.action = shell.view.menu_action(self.tr("Pri&vacy alerts"), KEYS, "station")
        self.action.setEnabled(False)
        self.action.triggered.connect(self.open)
        self.view.table.sig_acknowledge_requested.connect(self.acknowledge)
        self.view.table.sig_reload_requested.connect(self.reload)
        shell.sig_unlocked.connect(self._unlocked)
        shell.sig_locked.connect(self._locked)
        shell.chart.sig_chart_opened.connect(self._leave)
        shell.view.find_action.triggered.connect(self._leave)

    def _reviewer(self) -> bool:
        return self.shell.session is not None and self.shell.session.role in ALERT_REVIEWERS

    def _unlocked(self) -> None:
        self.action.setEnabled(self._reviewer())
        if self.shell.session is not None and self.shell.session.role == PRIVACY_OFFICER:
            QTimer.singleShot(0, self, self.open)  # after the shell has placed the keyboard

    def _locked(self) -> None:
        self.action.setEnabled(False)
        self.alerts = []
        self.view.clear()

    def _leave(self, *_: object) -> None:
        if self.shell.view.pages.currentWidget() is self.view:
            self.shell.view.pages.setCurrentWidget(self.shell.view.work)

    def open(self) -> None:
        """Show the page and load the alerts."""
        if not self._reviewer() or self.shell.locked:
            return
        self.shell.view.pages.setCurrentWidget(self.view)
        self.view.table.setFocus()
        self.reload()

    def reload(self) -> None:
        """Fetch the alerts from the server (sync lane)."""
        self.view.message.setText(self.tr("Fetching the alerts…"))
        self.shell.sync_workers.run(fetch_alerts, self.shell.workstation, done=self._loaded,
                                    failed=self._failed)  # fmt: skip

    def _loaded(self, alerts: list[dict[str, Any]]) -> None:
        if self.shell.locked:
            return
        self.alerts = alerts
        self.view.show_alerts(alerts)
        unread = sum(1 for a in alerts if a["acknowledged_at"] is None)
        self.view.message.setText(self.tr("%1 alert(s), %2 unread.").replace("%1", str(len(alerts)))
                                  .replace("%2", str(unread)))  # fmt: skip
        self.sig_alerts_shown.emit(len(alerts))

    def acknowledge(self, row: int) -> None:
        """Mark the alert on `row` read by the user logged in."""
        if not 0 <= row < len(self.alerts) or self.alerts[row]["acknowledged_at"] is not None:
            return
        alert_id = self.alerts[row]["alert_id"]

        def done(_answer: dict[str, Any]) -> None:
            self.sig_acknowledged.emit(alert_id)
            self.reload()

        self.shell.sync_workers.run(acknowledge_alert, self.shell.workstation, alert_id, done=done,
                                    failed=self._failed)  # fmt: skip

    def _failed(self, error: BaseException) -> None:
        text = failure_words(
            error, self.tr("The alerts are on the server, which cannot be reached now.")
        )
        self.view.message.setText(text)


def install(shell: ShellController) -> AlertsController:
    """Attach the alerts page and its action to the shell."""
    return AlertsController(shell)

"""Break-the-glass in the shell (Ctrl+Shift+G, also in the command palette): the form, the request
on the sync lane (it needs the server: lookup, the event, the chart's backfill), then the chart
opens with the red banner line while the grant runs. Attached by the ShellController with one line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from offline_cache.link import Offline, Refused
from offline_cache.workstation import Workstation
from ui.refusals import refusal_words
from ui.screens.break_glass.dialog import BreakGlassDialog

if TYPE_CHECKING:
    from ui.screens.shell.controller import ShellController

KEYS = "Ctrl+Shift+G"  # G for glass (Ctrl+Shift+B is Braden)
STATUS_MS = 15_000


def break_glass(ws: Workstation, record_number: str, reason: str, minutes: int) -> str:
    """On the sync lane: ask the server, record the reason, fetch the chart; the patient id."""
    return ws.break_glass(record_number, reason=reason, minutes=minutes)


class BreakGlassDesk(QObject):
    """Opens the form, runs the request off the UI thread and opens the chart it grants."""

    sig_granted = Signal(str)  # patient id
    sig_refused = Signal(str)  # the words shown

    def __init__(self, shell: ShellController):
        super().__init__(shell)
        self.shell = shell
        self.dialog: BreakGlassDialog | None = None
        self.action = shell.view.menu_action(
            self.tr("Break the &glass (another ward's patient)…"), KEYS
        )
        self.action.setEnabled(False)
        self.action.triggered.connect(self.open)
        shell.sig_unlocked.connect(lambda: self.action.setEnabled(True))
        shell.sig_locked.connect(lambda: self.action.setEnabled(False))
        self.sig_refused.connect(lambda text: shell.view.status.showMessage(text, STATUS_MS))

    def open(self) -> BreakGlassDialog | None:
        """The form, modal to the window; Enter sends it."""
        if self.shell.session is None or self.shell.locked:
            return None
        dialog = BreakGlassDialog(self.shell.view)
        self.dialog = dialog
        dialog.destroyed.connect(lambda *_: setattr(self, "dialog", None))
        dialog.accepted.connect(lambda: self._send(*dialog.request()))
        dialog.open()
        return dialog

    def _send(self, record_number: str, reason: str, minutes: int) -> None:
        self.shell.view.status.showMessage(
            self.tr("Asking the server to open %1…").replace("%1", record_number)
        )
        self.shell.sync_workers.run(break_glass, self.shell.workstation, record_number, reason, minutes,
                                    done=self._granted, failed=self._failed)  # fmt: skip

    def _granted(self, patient_id: str) -> None:
        if self.shell.locked:
            return
        self.shell.view.status.clearMessage()
        self.shell.chart.open(patient_id)
        self.sig_granted.emit(patient_id)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, Offline):
            text = self.tr("Break-the-glass needs the server, which cannot be reached now. Try again "
                           "when the status bar says online.")  # fmt: skip
        elif isinstance(error, Refused) and error.status == 404:
            text = self.tr("No patient has that MRN.")
        elif isinstance(error, Refused):
            text = self.tr("The server refused: %1").replace("%1", refusal_words(error))
        else:
            text = self.tr("Break-the-glass failed: %1").replace("%1", str(error))
        self.sig_refused.emit(text)


def install(shell: ShellController) -> BreakGlassDesk:
    """Attach the break-the-glass action to the shell."""
    return BreakGlassDesk(shell)

"""Recording opioid tolerance from the open chart (Ctrl+Shift+Q, doctors only): the form, the
signed OpioidToleranceRecorded on the worker lane, then the chart reads again and its banner
says so. Attached by the ShellController with one line."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from offline_cache.workstation import Workstation
from ui.screens.opioid_tolerance.dialog import OpioidToleranceDialog
from workstation.clinical.checks.context import opioid_tolerant
from workstation.security.policy import clinical_role

if TYPE_CHECKING:
    from ui.screens.shell.controller import ShellController

KEYS = "Ctrl+Shift+Q"
DOCTOR_ROLES = ("physician",)


def record_tolerance(ws: Workstation, patient_id: str, payload: dict[str, Any]) -> str:
    """On the worker lane: record the doctor's signed event; its id."""
    return ws.record("OpioidToleranceRecorded", patient_id=patient_id, payload=payload).event_id


class OpioidToleranceDesk(QObject):
    """Opens the form for the chart on screen and records what the doctor typed."""

    sig_recorded = Signal(str)  # event id

    def __init__(self, shell: ShellController):
        super().__init__(shell)
        self.shell = shell
        self.dialog: OpioidToleranceDialog | None = None
        self.action = shell.view.menu_action(self.tr("Record &opioid tolerance…"), KEYS)
        self.action.triggered.connect(self.open)

    def open(self) -> OpioidToleranceDialog | None:
        """The form, for a doctor with a chart open; else a word in the status bar."""
        chart, session = self.shell.chart.chart, self.shell.session
        if session is None or self.shell.locked or chart is None or not self.shell.chart.active:
            return None
        if clinical_role(session.role) not in DOCTOR_ROLES:
            self.shell.view.status.showMessage(
                self.tr("Only a doctor records opioid tolerance."), 10_000
            )
            return None
        name = str((chart.get("patient") or {}).get("name") or "")
        dialog = OpioidToleranceDialog(name, opioid_tolerant(chart), self.shell.view)
        self.dialog = dialog
        dialog.destroyed.connect(lambda *_: setattr(self, "dialog", None))
        dialog.accepted.connect(lambda: self._send(dialog.payload()))
        dialog.open()
        return dialog

    def _send(self, payload: dict[str, Any]) -> None:
        patient_id = self.shell.chart.patient_id
        if patient_id is None:
            return
        self.shell.workers.run(record_tolerance, self.shell.workstation, patient_id, payload,
                               done=self._recorded, failed=self._failed)  # fmt: skip

    def _recorded(self, event_id: str) -> None:
        self.shell.chart.reload()
        self.sig_recorded.emit(event_id)

    def _failed(self, error: BaseException) -> None:
        self.shell.view.status.showMessage(
            self.tr("Opioid tolerance not recorded: %1").replace("%1", str(error)), 10_000
        )


def install(shell: ShellController) -> OpioidToleranceDesk:
    """Attach the opioid tolerance action to the shell."""
    return OpioidToleranceDesk(shell)

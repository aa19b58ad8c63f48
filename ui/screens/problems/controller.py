"""The problem list (Ctrl+Alt+P, the menu and the command palette) for the roles that may record
a problem: loads the diagnosis list on a worker lane, records a new problem (ProblemRecorded) or
resolves one on the list (ProblemResolved) as the current user (also offline; signed and synced
like every event) and reloads the chart. Attached by the ShellController with one line."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from offline_cache.record_archive import diagnosis_catalogue
from offline_cache.session import Session
from offline_cache.workstation import Workstation
from ui.screens.problems.dialog import ProblemDialog
from workstation.clinical.icd10 import Icd10Catalogue
from workstation.security.policy import permission_problem

if TYPE_CHECKING:
    from ui.screens.shell.controller import ShellController

KEYS = "Ctrl+Alt+P"
STATUS_MS = 10_000


def load_catalogue(ws: Workstation) -> Icd10Catalogue:
    """The diagnosis list as this station has it (with the hospital's clinical edition)."""
    with ws.store.reading() as conn:
        return diagnosis_catalogue(conn)


def record_problem(ws: Workstation, patient_id: str, payload: dict[str, Any]) -> str:
    """Record the problem as the current user; the event id."""
    return ws.record("ProblemRecorded", patient_id=patient_id, payload=payload).event_id


def resolve_problem(ws: Workstation, patient_id: str, problem_id: str) -> str:
    """Resolve the problem as the current user; the event id."""
    payload = {"problem_id": problem_id}
    return ws.record("ProblemResolved", patient_id=patient_id, payload=payload).event_id


class Problems(QObject):
    """Opens the problem list and records what it returns."""

    sig_recorded = Signal(str)
    sig_message = Signal(str)

    def __init__(self, shell: ShellController):
        super().__init__(shell)
        self.shell = shell
        self.action = shell.view.menu_action(self.tr("Problem list (ICD-10)…"), KEYS)
        self.action.triggered.connect(self.open)
        self.sig_message.connect(lambda text: shell.view.status.showMessage(text, STATUS_MS))
        shell.login.sig_logged_in.connect(self._logged_in)

    def _logged_in(self, session: Session, _status: Any) -> None:
        self.action.setVisible(permission_problem(session.role, "ProblemRecorded", {}) is None)

    def open(self) -> None:
        """Open the dialog for the patient whose chart is open."""
        chart = self.shell.chart
        if not chart.active or chart.chart is None:
            self.sig_message.emit(self.tr("Open a patient's chart to record a problem."))
            return
        patient, problems = chart.chart["patient"], list(chart.chart["problems"])
        self.shell.workers.run(load_catalogue, self.shell.workstation,
                               done=lambda found: self._show(patient, problems, found),
                               failed=self._failed)  # fmt: skip

    def _show(self, patient: dict[str, Any], problems: list[dict[str, Any]],
              catalogue: Icd10Catalogue) -> ProblemDialog:  # fmt: skip
        dialog = ProblemDialog(patient["name"], catalogue, problems, self.shell.view)
        run, ws, patient_id = self.shell.workers.run, self.shell.workstation, patient["patient_id"]
        dialog.sig_record_requested.connect(lambda payload: run(
            record_problem, ws, patient_id, payload,
            done=lambda event_id: self._done(self.tr("Problem recorded."), event_id),
            failed=self._failed))  # fmt: skip
        dialog.sig_resolve_requested.connect(lambda problem_id: run(
            resolve_problem, ws, patient_id, problem_id,
            done=lambda event_id: self._done(self.tr("Problem resolved."), event_id),
            failed=self._failed))  # fmt: skip
        dialog.open()
        return dialog

    def _done(self, message: str, event_id: str) -> None:
        self.sig_message.emit(message)
        self.shell.chart.reload()
        self.sig_recorded.emit(event_id)

    def _failed(self, error: BaseException) -> None:
        self.sig_message.emit(str(error))


def install(shell: ShellController) -> Problems:
    """Add "Record a problem…" to the shell."""
    return Problems(shell)

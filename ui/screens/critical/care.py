"""Nursing levels, rounds and consultations in the shell (分级护理制度, WS/T 431-2013; 会诊制度):
Ctrl+Shift+L the doctor orders the level (a digit); Ctrl+Shift+V the nurse records a round (巡视) (seen
now, one key); Ctrl+Shift+I the nurse's Barthel index; Ctrl+Shift+J the doctor's consultation
request; Ctrl+Shift+X the consultant has arrived; a signed 会诊记录 (note type 6) closes the
oldest open request. Attached by the ShellController with one line."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QInputDialog

from offline_cache import ward_safety
from ui.screens.critical.care_dialogs import BarthelDialog, ConsultationDialog, NursingLevelDialog
from ui.screens.critical.texts import level_name
from workstation.security.policy import clinical_role

if TYPE_CHECKING:
    from ui.screens.shell.controller import ShellController

DOCTORS = ("physician", "trainee_physician")
NURSES = ("nurse",)
STATUS_MS = 8000


def _tr(text: str) -> str:
    return QCoreApplication.translate("Safety", text)


class WardCare(QObject):
    """The five shortcuts and what they record, each on the worker lane."""

    def __init__(self, shell: ShellController):
        super().__init__(shell)
        self.shell = shell
        self.actions = [
            self._action(_tr("Nursing le&vel…"), "Ctrl+Shift+L", DOCTORS, self.order_level),
            self._action(
                _tr("Nursing &round: patient seen now"), "Ctrl+Shift+V", NURSES, self.record_round
            ),  # fmt: skip
            self._action(_tr("Barthel inde&x…"), "Ctrl+Shift+I", NURSES, self.barthel),
            self._action(_tr("Request a consul&tation…"), "Ctrl+Shift+J", DOCTORS, self.consult),
            self._action(
                _tr("Consultant arr&ived…"), "Ctrl+Shift+X", (*DOCTORS, *NURSES), self.arrived
            ),  # fmt: skip
        ]
        shell.chart.notes.sig_note_signed.connect(self._note_signed)

    def _action(self, text: str, keys: str, roles: tuple[str, ...],
                run: Callable[[str], None]) -> Any:  # fmt: skip
        action = self.shell.view.menu_action(text, keys)
        action.setEnabled(False)
        action.triggered.connect(lambda: self._guarded(roles, run))
        self.shell.sig_unlocked.connect(lambda: action.setEnabled(True))
        self.shell.sig_locked.connect(lambda: action.setEnabled(False))
        return action

    def _guarded(self, roles: tuple[str, ...], run: Callable[[str], None]) -> None:
        shell, patient_id = self.shell, self.shell.chart.patient_id
        if shell.session is None or shell.locked or patient_id is None:
            return
        if clinical_role(shell.session.role) not in roles:
            shell.view.status.showMessage(_tr("Not for your role (分级护理: a doctor orders the "
                                             "level; the nurse records rounds and Barthel)."),
                                          STATUS_MS)  # fmt: skip
            return
        run(patient_id)

    def _record(self, function: Callable[..., Any], *args: Any, message: str) -> None:
        def done(_result: object) -> None:
            self.shell.view.status.showMessage(message, STATUS_MS)
            self.shell.chart.reload()
            self.shell.census.refresh()

        self.shell.workers.run(function, self.shell.workstation, *args, done=done,
                               failed=lambda e: self.shell.view.status.showMessage(str(e), STATUS_MS))  # fmt: skip

    def order_level(self, patient_id: str) -> None:
        """The doctor's level order: 1-4."""
        current = ((self.shell.chart.chart or {}).get("safety") or {}).get("nursing") or {}
        dialog = NursingLevelDialog(current.get("level"), self.shell.view)
        dialog.accepted.connect(lambda: self._record(
            ward_safety.order_level, patient_id, dialog.level(),
            message=_tr("Ordered: %1").replace("%1", level_name(dialog.level()))))  # fmt: skip
        dialog.open()

    def record_round(self, patient_id: str) -> None:
        """The nurse has seen the patient now (one key)."""
        self._record(ward_safety.record_round, patient_id, message=_tr("Round recorded."))

    def barthel(self, patient_id: str) -> None:
        """The nurse's Barthel index."""
        dialog = BarthelDialog(self.shell.view)
        dialog.accepted.connect(lambda: self._record(
            ward_safety.record_barthel, patient_id, dialog.scores(),
            message=_tr("Barthel index recorded.")))  # fmt: skip
        dialog.open()

    def consult(self, patient_id: str) -> None:
        """The doctor's consultation request."""
        dialog = ConsultationDialog(self.shell.view)
        dialog.accepted.connect(lambda: self._record(
            ward_safety.request_consultation, patient_id, dialog.request(),
            message=_tr("Consultation requested.")))  # fmt: skip
        dialog.open()

    def arrived(self, patient_id: str) -> None:
        """Who came: the arrival of the oldest waiting consultation, timed now."""
        name, ok = QInputDialog.getText(self.shell.view, _tr("Consultant arrived"),
                                        _tr("Consultant (name, department):"))  # fmt: skip
        if ok and name.strip():
            self._record(ward_safety.consultant_arrived, patient_id, name.strip(),
                         message=_tr("Arrival recorded."))  # fmt: skip

    def _note_signed(self, note_id: str) -> None:
        patient_id = self.shell.chart.patient_id
        if patient_id is not None:
            self.shell.workers.run(ward_safety.link_consultation_note, self.shell.workstation,
                                   patient_id, note_id)  # fmt: skip


def install(shell: ShellController) -> WardCare:
    """Attach the nursing-level, round, Barthel and consultation shortcuts to the shell."""
    return WardCare(shell)

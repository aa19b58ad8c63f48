"""The nursing record in the shell (护理记录): F7 opens the open chart's record for a nurse, with
the form the patient gets (危重 for 病危/病重 or 特级/一级护理, else 一般); each row is signed on
the worker lane into the replica (so offline it waits in the outbox and syncs once) and the
record reloads with its totals. Attached by the ShellController with one line."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Signal

from offline_cache import nursing_record as nr
from ui.screens.nursing_record.dialog import NursingRecordDialog
from ui.screens.nursing_record.entry import row_from_fields
from ui.tasks import user_names
from workstation.clinical.schedule import AdministrationTimes
from workstation.clock import utc_now
from workstation.security.policy import clinical_role

if TYPE_CHECKING:
    from ui.screens.shell.controller import ShellController

KEY = "F7"
STATUS_MS = 8000


def _tr(text: str) -> str:
    return QCoreApplication.translate("NursingRecord", text)


def load_record(ws: Any, patient_id: str) -> tuple[dict[str, Any], dict[str, str]]:
    """The patient's record and the nurses' names (on the worker lane)."""
    return nr.nursing_record(ws, patient_id), user_names(ws)


def sign_row(ws: Any, patient_id: str, typed: dict[str, str], correcting: str | None,
             form: str) -> None:  # fmt: skip
    """Make the row from what was typed and record it, or a correction of `correcting`."""
    row = row_from_fields(typed, now=utc_now(), zone=AdministrationTimes.load().zone)
    if typed.get("vitals_id"):
        row["vitals_id"] = typed["vitals_id"]
    if correcting:
        nr.correct_row(ws, patient_id, supersedes_id=correcting, row=row, form=form,
                       reason=typed["reason"].strip())  # fmt: skip
    else:
        nr.write_row(ws, patient_id, row=row, form=form)


class NursingRecordScreen(QObject):
    """F7 and the dialog it opens."""

    sig_row_signed = Signal()  # a row (or a correction) is saved on the station

    def __init__(self, shell: ShellController):
        super().__init__(shell)
        self.shell = shell
        self.dialog: NursingRecordDialog | None = None
        self.form = "general"
        self.action = shell.view.menu_action(
            _tr("Nursing record…"), KEY
        )  # F7 (its letters are all taken)
        self.action.setEnabled(False)
        self.action.triggered.connect(self.open)
        shell.sig_unlocked.connect(lambda: self.action.setEnabled(True))
        shell.sig_locked.connect(lambda: self.action.setEnabled(False))

    def open(self) -> None:
        """F7: the open chart's nursing record (nurses write it)."""
        shell, patient_id = self.shell, self.shell.chart.patient_id
        if shell.session is None or shell.locked or patient_id is None:
            return
        if clinical_role(shell.session.role) != "nurse":
            shell.view.status.showMessage(
                _tr("The nursing record is written by nurses."), STATUS_MS
            )
            return
        dialog = NursingRecordDialog(shell.session.user_id, shell.view,
                                     zh=QLocale().name().startswith("zh"))  # fmt: skip
        dialog.setWindowTitle(_tr("Nursing record"))
        dialog.sig_sign_requested.connect(
            lambda typed, fixing: self._sign(patient_id, typed, fixing)
        )
        dialog.sig_vitals_requested.connect(lambda: self._pull(patient_id))
        self.dialog = dialog
        self._reload(patient_id)
        dialog.open()

    def _reload(self, patient_id: str) -> None:
        def shown(result: tuple[dict[str, Any], dict[str, str]]) -> None:
            record, names = result
            self.form = record["form"]
            if self.dialog is not None:
                self.dialog.show_record(record, names)

        self.shell.workers.run(load_record, self.shell.workstation, patient_id, done=shown,
                               failed=self._failed)  # fmt: skip

    def _pull(self, patient_id: str) -> None:
        def pulled(vitals: dict[str, Any] | None) -> None:
            if self.dialog is not None:
                self.dialog.fill_vitals(vitals)

        self.shell.workers.run(nr.vitals_to_pull, self.shell.workstation, patient_id,
                               done=pulled, failed=self._failed)  # fmt: skip

    def _sign(self, patient_id: str, typed: dict[str, str], correcting: str | None) -> None:
        def done(_result: object) -> None:
            if self.dialog is not None:
                self.dialog.signed()
            self.shell.view.status.showMessage(_tr("Nursing record row signed."), STATUS_MS)
            self.sig_row_signed.emit()
            self._reload(patient_id)

        self.shell.workers.run(sign_row, self.shell.workstation, patient_id, typed, correcting,
                               self.form, done=done, failed=self._failed)  # fmt: skip

    def _failed(self, error: Exception) -> None:
        message = _tr("Not saved: %1").replace("%1", str(error))
        if self.dialog is not None:
            self.dialog.message.setText(message)
        self.shell.view.status.showMessage(message, STATUS_MS)


def install(shell: ShellController) -> NursingRecordScreen:
    """Attach F7 (the nursing record) to the shell."""
    return NursingRecordScreen(shell)

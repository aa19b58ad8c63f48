"""The front sheet, adverse-event reports and the ward handover report in the shell: "Front
sheet…" (Ctrl+Shift+F, doctors and the records office), "Report adverse event…" (Ctrl+Shift+E,
from any screen, any clinician), "Ward handover report…" (Ctrl+Shift+Z, nurses). Each is also in
the command palette. Attached by the ShellController with one line."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from offline_cache.session import Session
from ui.screens.ward_records import tasks
from ui.screens.ward_records.front_sheet_dialog import FrontSheetDialog
from ui.screens.ward_records.report_dialogs import AdverseEventDialog, HandoverDialog
from workstation.clinical.schedule import AdministrationTimes
from workstation.clinical.ward_census import current_shift
from workstation.clock import utc_now
from workstation.domain.enums import Role
from workstation.security.policy import clinical_role

if TYPE_CHECKING:
    from ui.screens.shell.controller import ShellController

FRONT_SHEET_KEYS, ADVERSE_EVENT_KEYS, HANDOVER_KEYS = "Ctrl+Shift+F", "Ctrl+Shift+E", "Ctrl+Shift+Z"
CODERS = frozenset({Role.PHYSICIAN, Role.ADMIN})
STATUS_MS = 10_000


class WardRecords(QObject):
    """Opens the three forms and records what they return."""

    sig_front_sheet_saved = Signal(str)
    sig_adverse_event_reported = Signal(str)
    sig_handover_signed = Signal(str)
    sig_message = Signal(str)

    def __init__(self, shell: ShellController):
        super().__init__(shell)
        self.shell = shell
        view = shell.view
        self.front_action = view.menu_action(self.tr("Front &sheet…"), FRONT_SHEET_KEYS)
        self.adverse_action = view.menu_action(
            self.tr("Report adverse &event…"), ADVERSE_EVENT_KEYS, "station"
        )
        self.handover_action = view.menu_action(
            self.tr("Ward hand&over report…"), HANDOVER_KEYS, "station"
        )
        self.front_action.triggered.connect(self.open_front_sheet)
        self.adverse_action.triggered.connect(self.open_adverse_event)
        self.handover_action.triggered.connect(self.open_handover)
        self.sig_message.connect(lambda text: view.status.showMessage(text, STATUS_MS))
        shell.login.sig_logged_in.connect(self._logged_in)

    def _logged_in(self, session: Session, _status: Any) -> None:
        self.front_action.setVisible(clinical_role(session.role) in CODERS)
        self.handover_action.setVisible(clinical_role(session.role) == Role.NURSE)
        self.adverse_action.setVisible(session.role != Role.PRIVACY_OFFICER)

    def _patient(self) -> dict[str, Any] | None:
        chart = self.shell.chart
        return chart.chart["patient"] if chart.active and chart.chart is not None else None

    def open_front_sheet(self) -> None:
        """Open the front sheet of the patient whose chart is open."""
        patient = self._patient()
        if patient is None:
            self.sig_message.emit(self.tr("Open a patient's chart to code the front sheet."))
            return
        self.shell.workers.run(tasks.load_front_sheet, self.shell.workstation, patient["patient_id"],
                               done=lambda found: self._show_front_sheet(patient, *found), failed=self._failed)  # fmt: skip

    def _show_front_sheet(
        self, patient: dict[str, Any], sheet: dict[str, Any] | None, catalogue: Any
    ) -> None:
        dialog = FrontSheetDialog(patient, sheet, self.shell.view, catalogue=catalogue)
        dialog.sig_save_requested.connect(lambda payload: self.shell.workers.run(
            tasks.save_front_sheet, self.shell.workstation, patient["patient_id"], payload,
            done=self._front_sheet_saved, failed=self._failed))  # fmt: skip
        dialog.open()

    def _front_sheet_saved(self, event_id: str) -> None:
        self.sig_message.emit(self.tr("Front sheet saved."))
        self.sig_front_sheet_saved.emit(event_id)

    def open_adverse_event(self) -> None:
        """Open the report, about the open chart's patient when there is one."""
        patient = self._patient()
        ward = (patient or {}).get("ward_id") or self.shell.ward_id or ""
        dialog = AdverseEventDialog(
            ward, patient["patient_id"] if patient else None, self.shell.view
        )
        dialog.sig_report_requested.connect(lambda payload: self.shell.workers.run(
            tasks.report_adverse_event, self.shell.workstation, payload,
            done=self._reported, failed=self._failed))  # fmt: skip
        dialog.open()

    def _reported(self, event_id: str) -> None:
        self.sig_message.emit(self.tr("Adverse event reported to the quality office."))
        self.sig_adverse_event_reported.emit(event_id)

    def open_handover(self) -> None:
        """Draft the shift in force on this station's ward and open it to sign."""
        ward = self.shell.ward_id
        if not ward:
            return
        zone = AdministrationTimes.load().zone
        day, shift = current_shift(utc_now(), zone)
        self.shell.workers.run(tasks.draft_handover, self.shell.workstation, ward, day, shift, zone,
                               done=self._show_handover, failed=self._failed)  # fmt: skip

    def _show_handover(self, draft: dict[str, Any]) -> None:
        me = self.shell.workstation.sessions.current
        dialog = HandoverDialog(draft, me.user_id if me else "", self.shell.view)
        ws, ward = self.shell.workstation, draft["ward_id"]
        dialog.sig_sign_requested.connect(lambda payload: self.shell.workers.run(
            tasks.sign_handover, ws, payload, done=self._signed, failed=self._failed))  # fmt: skip
        dialog.sig_receive_requested.connect(lambda report_id: self.shell.workers.run(
            tasks.receive_handover, ws, report_id, ward, done=self._signed, failed=self._failed))  # fmt: skip
        dialog.open()

    def _signed(self, event_id: str) -> None:
        self.sig_message.emit(self.tr("Handover report signed."))
        self.sig_handover_signed.emit(event_id)

    def _failed(self, error: BaseException) -> None:
        self.sig_message.emit(str(error))


def install(shell: ShellController) -> WardRecords:
    """Add the front sheet and the ward reports to the shell."""
    return WardRecords(shell)

"""The nurse's forms in the Patient menu: the admission nursing assessment (Ctrl+Shift+D), Morse
(Ctrl+Shift+M), Braden (Ctrl+Shift+B), the shift handoff (Ctrl+Shift+H) and the medication closed
loop of the selected order (Ctrl+T, from the Orders tab or a MAR row); in the Station menu, receiving
a ward delivery by scan (Ctrl+Shift+R). Attached by the ShellController with one line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt

from ui.screens.assessments.admission import AdmissionDialog
from ui.screens.assessments.dialog import AssessmentDialog, ScaleDialog
from ui.screens.closed_loop.dialog import ClosedLoopDialog
from ui.screens.handoff.dialog import HandoffDialog
from ui.screens.handoff.ward import WardHandoffDialog
from ui.screens.ward_receipt.dialog import WardReceiptDialog
from workstation.security.policy import permission_problem

# Orders with a timeline (Ctrl+T): a medication's closed loop, a lab or imaging order's way out.
TIMELINE_KINDS = ("medication", "lab", "imaging")

if TYPE_CHECKING:
    from ui.screens.shell.controller import ShellController


class NursingForms(QObject):
    """Opens the assessment, handoff and closed-loop dialogs for the open patient, and the
    ward's delivery receipt."""

    def __init__(self, shell: ShellController):
        super().__init__(shell)
        self.shell = shell
        self.admission_action = self.shell.view.menu_action(self.tr("Admission &nursing assessment"),
                                             "Ctrl+Shift+D")  # fmt: skip
        self.morse_action = self.shell.view.menu_action(self.tr("&Morse fall risk"), "Ctrl+Shift+M")
        self.braden_action = self.shell.view.menu_action(
            self.tr("&Braden pressure-injury risk"), "Ctrl+Shift+B"
        )
        self.handoff_action = self.shell.view.menu_action(self.tr("Shift &handoff"), "Ctrl+Shift+H")
        self.ward_handoff_action = self.shell.view.menu_action(
            self.tr("&Ward handoff list"), "Ctrl+Shift+W"
        )
        self.loop_action = self.shell.view.menu_action(self.tr("Medication closed &loop"), "Ctrl+T")
        self.receipt_action = self.shell.view.menu_action(self.tr("&Receive ward delivery (scan)"),
                                           "Ctrl+Shift+R", "station")  # fmt: skip
        self.actions = [self.admission_action, self.morse_action, self.braden_action,
                        self.handoff_action, self.ward_handoff_action, self.loop_action,
                        self.receipt_action]  # fmt: skip
        self.admission_action.triggered.connect(self.open_admission)
        self.morse_action.triggered.connect(lambda: self.open_scale("morse"))
        self.braden_action.triggered.connect(lambda: self.open_scale("braden"))
        self.handoff_action.triggered.connect(lambda: self.open_handoff())
        self.ward_handoff_action.triggered.connect(self.open_ward_handoff)
        self.loop_action.triggered.connect(self.open_closed_loop)
        self.receipt_action.triggered.connect(self.open_receipt)
        shell.sig_unlocked.connect(lambda: self._enable(True))
        shell.sig_locked.connect(lambda: self._enable(False))
        self._enable(False)

    def _enable(self, enabled: bool) -> None:
        for action in self.actions:
            action.setEnabled(enabled)

    def _name_patient(self, dialog: AssessmentDialog) -> None:
        """The form's title names whom it is about (name, bed, record number), so it is never
        filled in for the wrong patient."""
        chart = self.shell.chart.chart or {}
        patient = chart.get("patient") or {}
        if patient.get("patient_id") != dialog.patient_id:
            return
        who = self.tr("%1, bed %2, MRN %3").replace("%1", patient["name"]).replace(
            "%2", patient.get("bed") or "").replace("%3", patient.get("record_number") or "")  # fmt: skip
        dialog.setWindowTitle(f"{dialog.windowTitle()} — {who}")

    def _patient(self) -> str | None:
        patient_id = self.shell.chart.patient_id
        if patient_id is None:
            self.shell.view.status.showMessage(self.tr("Open a patient first."), 10_000)
        return patient_id

    def _may_record(self, event_type: str, refusal: str) -> bool:
        """Whether the user may record what the form saves (the server's own permission matrix);
        else say so: the form would be filled in for nothing, its event refused at the sync."""
        session = self.shell.session
        if session is not None and permission_problem(session.role, event_type, {}) is None:
            return True
        self.shell.view.status.showMessage(refusal, 10_000)
        return False

    def _may_assess(self) -> bool:
        return self._may_record("AssessmentRecorded",
                                self.tr("Nursing assessments are recorded by nurses."))  # fmt: skip

    def open_scale(self, kind: str) -> ScaleDialog | None:
        """The Morse or Braden form of the open patient; the chart reloads once it is saved."""
        patient_id = self._patient() if self._may_assess() else None
        if patient_id is None:
            return None
        shell = self.shell
        dialog = ScaleDialog(kind, patient_id, shell.workstation, shell.workers, shell.view)
        self._name_patient(dialog)
        dialog.sig_saved.connect(lambda _id: self._saved(self.tr("Assessment saved.")))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_admission(self) -> AdmissionDialog | None:
        """Ctrl+Shift+D: the admission nursing assessment of the open patient."""
        patient_id = self._patient() if self._may_assess() else None
        if patient_id is None:
            return None
        shell = self.shell
        dialog = AdmissionDialog(patient_id, shell.workstation, shell.workers, shell.view)
        self._name_patient(dialog)
        dialog.sig_saved.connect(lambda _id: self._saved(self.tr("Assessment saved.")))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_receipt(self) -> WardReceiptDialog | None:
        """Ctrl+Shift+R: receive the station's ward delivery; scans go to it while it is open."""
        shell = self.shell
        if not self._may_record("WardReceived",
                                self.tr("A ward delivery is received by the ward's nurses.")):  # fmt: skip
            return None
        if shell.ward_id is None:
            shell.view.status.showMessage(self.tr("This station has no ward."), 10_000)
            return None
        dialog = WardReceiptDialog(shell.workstation, shell.workers, shell.ward_id, shell.view)
        shell.nurse.scan_taker = dialog.take_scan
        dialog.finished.connect(self._release_scans)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _release_scans(self) -> None:
        self.shell.nurse.scan_taker = None

    def open_ward_handoff(self) -> WardHandoffDialog:
        """Ctrl+Shift+W: the ward's patients with their last handoff; Enter opens one."""
        shell = self.shell
        dialog = WardHandoffDialog(shell.workstation, shell.workers, shell.ward_id, shell.view)
        dialog.sig_patient_chosen.connect(self._handoff_of)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _handoff_of(self, patient_id: str) -> None:
        self.shell.chart.open(patient_id)
        self.open_handoff(patient_id)

    def open_handoff(self, patient_id: str | None = None) -> HandoffDialog | None:
        """The handoff of a patient (else the open one's), filled from the chart."""
        patient_id = patient_id or self._patient()
        if patient_id is None:
            return None
        shell = self.shell
        dialog = HandoffDialog(shell.workstation, shell.workers, patient_id, shell.view)
        dialog.sig_saved.connect(lambda _id: self._saved(self.tr("Handoff saved.")))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _saved(self, text: str) -> None:
        self.shell.view.status.showMessage(text, 10_000)
        self.shell.chart.reload()

    def selected_order(self) -> str | None:
        """The order chosen on the shown tab: the MAR's row or the Orders tab's row (a
        medication, lab or imaging order)."""
        chart_view = self.shell.view.chart
        mar = self.shell.nurse.mar_view
        if chart_view.tabs.currentWidget() is mar:
            index, doses = mar.table.currentIndex(), mar.model.doses
            return doses[index.row()].order_id if 0 <= index.row() < len(doses) else None
        if chart_view.tabs.currentWidget() is chart_view.orders:
            row = chart_view.orders.active.currentIndex().row()
            rows = chart_view.orders.active_model.rows
            if 0 <= row < len(rows) and rows[row].get("order_kind") in TIMELINE_KINDS:
                return str(rows[row]["order_id"])
        return None

    def open_closed_loop(self) -> ClosedLoopDialog | None:
        """Ctrl+T: the closed-loop timeline of the selected medication order."""
        patient_id, order_id = self._patient(), self.selected_order()
        if patient_id is None:
            return None
        if order_id is None:
            self.shell.view.status.showMessage(
                self.tr("Choose a medication order on the MAR or the Orders tab, then Ctrl+T."),
                10_000,
            )
            return None
        shell = self.shell
        dialog = ClosedLoopDialog(shell.workstation, shell.workers, patient_id, order_id,
                                  shell.view)  # fmt: skip
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

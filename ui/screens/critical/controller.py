"""Critical values in the shell (危急值报告制度): Ctrl+Shift+K on the open chart acts on its oldest
open value — a nurse records its receipt with read-back and the doctor told, a doctor acknowledges
it with the action taken, which writes the linked 病程 entry and shows it; the status bar counts
the ward's open values (red while any is open). Attached by the ShellController with one line."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QLabel

from offline_cache import ward_safety
from offline_cache.workstation import Workstation
from ui.icons import icon_html
from ui.screens.critical.dialogs import AcknowledgeDialog, ReceiveDialog, read_back_text
from ui.theme import current_theme
from workstation.projections import queries
from workstation.security.policy import clinical_role

if TYPE_CHECKING:
    from ui.screens.shell.controller import ShellController

KEYS = "Ctrl+Shift+K"  # K for 危急 (kritisch); Ctrl+Shift+C is co-sign
DOCTORS = ("physician", "trainee_physician")
RECEIVERS = ("nurse", *DOCTORS)
NOTES_TAB = 1


def _tr(text: str) -> str:
    return QCoreApplication.translate("Safety", text)


def oldest_open(ws: Workstation, patient_id: str
                ) -> tuple[dict[str, Any] | None, list[tuple[str, str]]]:  # fmt: skip
    """The patient's oldest unacknowledged critical value and the ward's doctors, the
    attending first (whom the nurse tells)."""
    open_values = ward_safety.patient_safety(ws, patient_id)["critical_values"]
    with ws.store.reading() as conn:
        patient = queries.patient(conn, patient_id) or {}
    doctors = ward_safety.ward_doctors(ws, patient.get("ward_id"), patient.get("attending_id"))
    return (open_values[-1] if open_values else None), doctors


def receive(ws: Workstation, patient_id: str, critical_id: str, text: str,
            doctor_id: str | None) -> None:  # fmt: skip
    """On the worker lane: the nurse's receipt with read-back, and the doctor told."""
    ward_safety.receive_critical(ws, patient_id, critical_id=critical_id, read_back_text=text,
                                 doctor_id=doctor_id)  # fmt: skip


def acknowledge(ws: Workstation, patient_id: str, value: dict[str, Any], action: str) -> None:
    """On the worker lane: the doctor's acknowledgement and its linked 病程 entry."""
    ward_safety.acknowledge_critical(ws, patient_id, value=value, action=action)


def ward_counts(ws: Workstation, ward_id: str | None) -> tuple[int, int]:
    """On the worker lane: the ward's open critical values, and how many patients have an
    escalated one."""
    safety = ward_safety.ward_safety(ws, ward_id).values()
    return (sum(p.get("critical_open", 0) for p in safety),
            sum(1 for p in safety if p.get("critical_escalated")))  # fmt: skip


class CriticalValues(QObject):
    """The shortcut, the two forms and the status-bar count."""

    def __init__(self, shell: ShellController):
        super().__init__(shell)
        self.shell = shell
        self.action = shell.view.menu_action(_tr("Critical value: r&eceive or acknowledge…"), KEYS)
        self.action.setEnabled(False)
        self.action.triggered.connect(self.open)
        shell.sig_unlocked.connect(lambda: self.action.setEnabled(True))
        shell.sig_locked.connect(lambda: self.action.setEnabled(False))
        self.count = QLabel(objectName="statusCritical")
        self.count.setToolTip(_tr("Open critical values on this ward"))
        self.count.setProperty("badge", "critical")
        self.count.hide()
        shell.view.status.addPermanentWidget(self.count)
        shell.census.sig_census_changed.connect(self.refresh_count)
        shell.sig_synced.connect(self.refresh_count)
        shell.sig_locked.connect(self.count.hide)

    def refresh_count(self, *_args: object) -> None:
        """Recount the ward's open critical values off the UI thread (census, sync, a change)."""
        shell = self.shell
        if shell.session is None or shell.locked:
            return
        shell.workers.run(ward_counts, shell.workstation, shell.ward_id, done=self._show_count)

    def _show_count(self, counts: tuple[int, int]) -> None:
        waiting, escalated = counts
        if self.shell.locked:
            return
        text = _tr("Critical values: %1").replace("%1", str(waiting))
        if escalated:
            text += " " + _tr("(%1 escalated)").replace("%1", str(escalated))
        on_red = current_theme().colours.on_critical
        self.count.setText(icon_html("critical", on_red) + " " + escape(text))
        self.count.setVisible(bool(waiting))

    def open(self) -> None:
        """Ctrl+Shift+K: the form for the open chart's oldest open critical value."""
        shell, patient_id = self.shell, self.shell.chart.patient_id
        if shell.session is None or shell.locked or patient_id is None:
            return
        if clinical_role(shell.session.role) not in RECEIVERS:
            return
        shell.workers.run(oldest_open, shell.workstation, patient_id,
                          done=lambda found: self._show(patient_id, *found))  # fmt: skip

    def _show(self, patient_id: str, value: dict[str, Any] | None,
              doctors: list[tuple[str, str]]) -> None:  # fmt: skip
        shell = self.shell
        if value is None or shell.locked or shell.session is None:
            shell.view.status.showMessage(_tr("No open critical value for this patient."), 8000)
            return
        if clinical_role(shell.session.role) in DOCTORS:
            dialog: Any = AcknowledgeDialog(value, shell.view)
            dialog.accepted.connect(lambda: self._acknowledge(patient_id, value, dialog.action()))
        elif value.get("received_at"):
            shell.view.status.showMessage(_tr("Already received; waiting for the doctor's "
                                             "acknowledgement."), 8000)  # fmt: skip
            return
        else:
            dialog = ReceiveDialog(value, doctors, shell.view)
            dialog.accepted.connect(lambda: self._receive(patient_id, value, dialog))
        dialog.open()

    def _receive(self, patient_id: str, value: dict[str, Any], dialog: ReceiveDialog) -> None:
        text = dialog.read_back.text().strip() or read_back_text(value)
        doctor = dialog.doctor.currentData() if dialog.notify.isChecked() else None
        self.shell.workers.run(receive, self.shell.workstation, patient_id, value["critical_id"],
                               text, doctor, done=lambda _e: self._recorded(False))  # fmt: skip

    def _acknowledge(self, patient_id: str, value: dict[str, Any], action: str) -> None:
        self.shell.workers.run(acknowledge, self.shell.workstation, patient_id, value, action,
                               done=lambda _e: self._recorded(True))  # fmt: skip

    def _recorded(self, note_written: bool) -> None:
        self.shell.chart.reload()
        self.shell.census.refresh()
        if note_written:
            self.shell.chart.show_tab(NOTES_TAB)  # the linked 病程 entry, newest first
        self.refresh_count()
        self.shell.sync_now()


def install(shell: ShellController) -> CriticalValues:
    """Attach the critical-value shortcut, forms and count to the shell."""
    return CriticalValues(shell)

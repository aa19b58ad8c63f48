"""Infusion rounds (输液巡视) in the shell: Ctrl+I opens the round form on the ward's running
bags; a scanned label of a running bag (whose next bag is not due now) opens it on that bag; the
round is saved on the worker lane as the nurse's signed event and synced. Attached by the
ShellController with one line."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt

from ui.screens.infusion_round.dialog import InfusionRoundDialog
from ui.screens.infusion_round.tasks import BagRow, record_round, ward_bags
from workstation.clinical.barcodes import Scan
from workstation.security.policy import clinical_role


def _tr(text: str) -> str:
    return QCoreApplication.translate("InfusionRound", text)


if TYPE_CHECKING:
    from ui.screens.shell.controller import ShellController

KEYS = "Ctrl+I"  # I for infusion; Ctrl+Shift+I is the Barthel index


class InfusionRounds(QObject):
    """The shortcut, the scan route and the round form."""

    def __init__(self, shell: ShellController):
        super().__init__(shell)
        self.shell = shell
        self.dialog: InfusionRoundDialog | None = None
        self.round_orders: set[str] = set()  # labels that open a round when scanned
        self.action = shell.view.menu_action(
            _tr("&Infusion round (scan the bag)…"), KEYS, "station"
        )
        self.action.setEnabled(False)
        self.action.triggered.connect(lambda: self.open())
        shell.sig_unlocked.connect(self._unlocked)
        shell.sig_locked.connect(self._locked)
        shell.sig_synced.connect(lambda _outcome: self.refresh())
        shell.nurse.label_taker = self.take_label

    def _unlocked(self) -> None:
        self.action.setEnabled(True)
        self.refresh()

    def _locked(self) -> None:
        self.action.setEnabled(False)
        self.round_orders = set()
        if self.dialog is not None:
            self.dialog.reject()

    def _is_nurse(self) -> bool:
        session = self.shell.session
        return (
            session is not None and clinical_role(session.role) == "nurse" and not self.shell.locked
        )

    def refresh(self) -> None:
        """Re-read which running bags a scan opens a round for (off the UI thread)."""
        if self._is_nurse():
            self.shell.workers.run(ward_bags, self.shell.workstation, self.shell.ward_id,
                                   done=self._remember)  # fmt: skip

    def _remember(self, bags: list[BagRow]) -> None:
        self.round_orders = {b.order_id for b in bags if not b.next_dose_due}

    def take_label(self, code: Scan) -> bool:
        """True when a scanned label is a running bag's and opens the round (else the MAR's)."""
        if code.kind != "label" or code.order_id not in self.round_orders or not self._is_nurse():
            return False
        self.open(code)
        return True

    def open(self, code: Scan | None = None) -> None:
        """Ctrl+I, or a scanned running bag: the round form on the ward's running bags."""
        if not self._is_nurse():
            self.shell.view.status.showMessage(_tr("Infusion rounds are recorded by nurses."), 8000)
            return
        self.shell.workers.run(ward_bags, self.shell.workstation, self.shell.ward_id,
                               done=lambda bags: self._show(bags, code))  # fmt: skip

    def _show(self, bags: list[BagRow], code: Scan | None) -> InfusionRoundDialog | None:
        self._remember(bags)
        if self.shell.locked or self.dialog is not None:
            return None
        dialog = self.dialog = InfusionRoundDialog(bags, self.shell.view)
        dialog.sig_round_requested.connect(self._record)
        self.shell.nurse.scan_taker = dialog.take_scan
        dialog.finished.connect(self._closed)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        if code is not None:
            dialog.take_scan(code)
        return dialog

    def _closed(self) -> None:
        self.shell.nurse.scan_taker = None
        self.dialog = None

    def _record(self, patient_id: str, payload: dict[str, Any]) -> None:
        self.shell.workers.run(record_round, self.shell.workstation, patient_id, payload,
                               done=lambda _event: self._recorded(),
                               failed=self._failed)  # fmt: skip

    def _failed(self, error: object) -> None:
        if self.dialog is not None:
            self.dialog.message.setText(str(error))

    def _recorded(self) -> None:
        if self.dialog is not None:
            self.dialog.accept()
        self.shell.view.status.showMessage(_tr("Infusion round recorded."), 8000)
        self.shell.chart.reload()
        self.refresh()
        self.shell.sync_now()


def install(shell: ShellController) -> InfusionRounds:
    """Attach the infusion round's key, scan route and form to the shell."""
    return InfusionRounds(shell)

"""A verbal order (口头医嘱) taken by a nurse in a rescue, from the Orders menu or the palette.

病历书写基本规范 (2010) Art. 26: 一般情况下医师不得下达口头医嘱; in a rescue the nurse reads the
order back (复诵) and the doctor records it at once afterwards. The nurse chooses the doctor who
gave it (a digit); the basket she signs next for this patient is recorded as that doctor's verbal
order, urgent; the doctor signs it afterwards with Ctrl+Shift+O (ui.screens.orders.cosign). The
server accepts such an order only from a nurse and only when urgent."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from offline_cache.ward_safety import ward_doctors
from offline_cache.workstation import Workstation
from ui.choice_dialog import DigitChoiceDialog
from workstation.security.policy import clinical_role

MOST_DOCTORS = 9  # one digit each


def _tr(text: str) -> str:
    return QCoreApplication.translate("VerbalOrders", text)


class VerbalOrders(QObject):
    """Which doctor's verbal order the next signed basket of a patient is."""

    sig_message = Signal(str)
    sig_chosen = Signal()  # the order line may take the order now

    def __init__(self, workstation: Workstation, parent: QObject | None = None):
        super().__init__(parent)
        self.workstation = workstation
        self.given_by: dict[str, tuple[str, str]] = {}  # patient_id -> (doctor id, name)

    def start(self, patient_id: str | None, window: QWidget) -> None:
        """Choose the doctor who gave the order (nurses only, on an open chart)."""
        session = self.workstation.sessions.current
        if patient_id is None or session is None or clinical_role(session.role) != "nurse":
            self.sig_message.emit(
                _tr("Only a nurse takes a verbal order, in a rescue, on an open chart.")
            )
            return
        doctors = ward_doctors(self.workstation, self.workstation.config.get("ward_id"))
        doctors = doctors[:MOST_DOCTORS]
        if not doctors:
            self.sig_message.emit(_tr("No doctor of this ward is known yet: sync first."))
            return
        dialog = DigitChoiceDialog(_tr("Verbal order in a rescue (口头医嘱)"),
                                   _tr("Who gave the order? (a digit, Enter)"),
                                   [name for _, name in doctors], window)  # fmt: skip
        dialog.accepted.connect(lambda: self._chosen(patient_id, doctors[dialog.chosen()]))
        QTimer.singleShot(
            0, dialog.open
        )  # after the palette, if it ran this, hands back the window

    def _chosen(self, patient_id: str, doctor: tuple[str, str]) -> None:
        self.given_by[patient_id] = doctor
        self.sig_message.emit(_tr("Verbal order from %1: type it, read it back to the doctor, "
                                  "then F9 signs it as urgent.").replace("%1", doctor[1]))  # fmt: skip
        self.sig_chosen.emit()

    def mark(self, patient_id: str, orders: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The basket's payloads, as the chosen doctor's urgent verbal order when one was chosen
        for this patient (the choice is used once)."""
        doctor = self.given_by.pop(patient_id, None)
        if doctor is None:
            return orders
        return [{**order, "verbal_from": doctor[0], "urgent": True} for order in orders]

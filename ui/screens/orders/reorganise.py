"""重整医嘱 from the Orders menu: the doctor chooses why (a digit) and the long-term order sheet is
drawn a line under and re-issued below it with the orders still in force (病历书写基本规范 2010
Art. 26: 长期医嘱调整项目较多时重整医嘱; on transfer and after surgery the sheet starts anew)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from offline_cache.workstation import Workstation
from ui.choice_dialog import DigitChoiceDialog
from ui.workers import Workers
from workstation.events.order_sheet_events import REORGANISE_REASONS

REASON_WORDS = {
    "many_changes": "many long-term orders changed (长期医嘱调整项目较多)",
    "transfer": "transferred in (转科)",
    "surgery": "after surgery (手术后)",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("SheetReorganiser", text)


def reorganise(ws: Workstation, patient_id: str, reason: str) -> str:
    """Record the 重整医嘱 of the patient's sheet; its event id."""
    return ws.record("OrderSheetReorganised", patient_id=patient_id,
                     payload={"reason": reason}).event_id  # fmt: skip


class SheetReorganiser(QObject):
    """Asks the reason, then records OrderSheetReorganised on the worker lane."""

    sig_chart_changed = Signal()
    sig_message = Signal(str)

    def __init__(self, workstation: Workstation, workers: Workers, parent: QObject | None = None):
        super().__init__(parent)
        self.workstation, self.workers = workstation, workers

    def start(self, patient_id: str | None, window: QWidget) -> None:
        """Open the reason choice for the open chart."""
        if patient_id is None:
            self.sig_message.emit(_tr("Open a patient's chart first."))
            return
        words = [_tr(REASON_WORDS[r]) for r in REORGANISE_REASONS]
        dialog = DigitChoiceDialog(_tr("Reorganise the order sheet (重整医嘱)"),
                                   _tr("Why (1-3, Enter)"), words, window)  # fmt: skip
        dialog.accepted.connect(
            lambda: self._record(patient_id, REORGANISE_REASONS[dialog.chosen()])
        )
        QTimer.singleShot(
            0, dialog.open
        )  # after the palette, if it ran this, hands back the window

    def _record(self, patient_id: str, reason: str) -> None:
        self.workers.run(reorganise, self.workstation, patient_id, reason,
                         done=lambda _id: self._done(),
                         failed=lambda error: self.sig_message.emit(str(error)))  # fmt: skip

    def _done(self) -> None:
        self.sig_message.emit(_tr("Order sheet reorganised: the orders in force are re-issued."))
        self.sig_chart_changed.emit()

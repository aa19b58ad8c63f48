"""The returns tab's logic: look up what a scanned label names, propose where the units go from
the reason, record the return on the worker lane and say what happened in the user's words."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Signal

from offline_cache.workstation import Workstation
from ui.screens.pharmacy import return_tasks
from ui.screens.pharmacy.returns_view import ReturnsView
from ui.screens.pharmacy.tasks import today
from ui.workers import Workers
from workstation.clinical.returns import (
    DESTRUCTION_LOCATION,
    QUARANTINE_LOCATION,
    DispensedItem,
    ReturnRefused,
    default_disposition,
)

REFUSALS = {
    "not_a_label": QT_TRANSLATE_NOOP(
        "ReturnsController",
        "This is not a pharmacy label: scan the medication label or the dispensing label.",
    ),
    "not_dispensed": QT_TRANSLATE_NOOP(
        "ReturnsController", "Nothing dispensed here carries this label."
    ),
    "all_returned": QT_TRANSLATE_NOOP(
        "ReturnsController", "Everything dispensed on this label has already come back."
    ),
    "quantity": QT_TRANSLATE_NOOP(
        "ReturnsController", "The quantity must be more than 0 and no more than is still out."
    ),
    "left_hospital": QT_TRANSLATE_NOOP(
        "ReturnsController",
        "An outpatient's item has left the hospital: quarantine or destruction, never back into "
        "stock.",
    ),
    "unfit": QT_TRANSLATE_NOOP(
        "ReturnsController", "Damaged or expired units never go back into stock."
    ),
    "expired_lot": QT_TRANSLATE_NOOP(
        "ReturnsController", "This lot has expired: quarantine or destruction only."
    ),
    "unknown_dispense": QT_TRANSLATE_NOOP(
        "ReturnsController", "This dispense is no longer on record here: scan the label again."
    ),
}


def tr(text: str) -> str:
    """Translate a returns message."""
    return QCoreApplication.translate("ReturnsController", text)


class ReturnsController(QObject):
    """Wires the returns tab to the workstation through the worker lane."""

    sig_found = Signal(int)  # how many dispenses with units out the label names
    sig_returned = Signal(dict)  # the StockAdjusted payload recorded
    sig_refused = Signal(str)  # why, in the user's words

    def __init__(self, view: ReturnsView, workers: Workers, workstation: Workstation,
                 parent: QObject | None = None):  # fmt: skip
        super().__init__(parent)
        self.view, self.workers, self.workstation = view, workers, workstation
        self.items: list[DispensedItem] = []
        view.sig_scanned.connect(self.look_up)
        view.sig_reason_changed.connect(lambda _code: self._propose())
        view.sig_record_requested.connect(self.record)
        view.items.currentRowChanged.connect(lambda _row: self._propose(quantity=True))

    def look_up(self, code: str) -> None:
        """The dispenses a scanned label names, still with units out."""
        self.view.message.clear()
        self.workers.run(return_tasks.returnable, self.workstation, code, done=self._found,
                         failed=self._refused)  # fmt: skip

    def _found(self, items: list[DispensedItem]) -> None:
        self.items = items
        self.view.show_items(items)
        self._propose(quantity=True)
        self.sig_found.emit(len(items))

    def _current(self) -> DispensedItem | None:
        row = self.view.items.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _propose(self, *, quantity: bool = False) -> None:
        """Where the chosen item's units go for the chosen reason (and, on a new item, all of
        what is still out)."""
        item = self._current()
        if item is None:
            return
        self.view.set_disposition(default_disposition(item, self.view.reason_code(), today()))
        if quantity:
            self.view.show_quantity(item.returnable)

    def record(self) -> None:
        """Record the return as the form has it."""
        item, quantity = self._current(), self.view.quantity_value()
        if item is None:
            self._say(tr("Scan the label of the item brought back first."))
            return
        if quantity is None:
            self._refused(ReturnRefused("quantity", "no quantity"))
            return
        self.workers.run(return_tasks.record_return, self.workstation, item.movement_id, quantity,
                         self.view.reason_code(), self.view.disposition_code(),
                         done=self._returned, failed=self._refused)  # fmt: skip

    def _returned(self, payload: dict[str, Any]) -> None:
        place = {QUARANTINE_LOCATION: tr("to quarantine"),
                 DESTRUCTION_LOCATION: tr("to the destruction bin")}.get(
            payload["location_id"], tr("back into stock at %1").replace("%1", payload["location_id"]))  # fmt: skip
        self.items = []
        self.view.clear_return()
        self._say(tr("Returned %1 of lot %2 %3.").replace("%1", f"{payload['quantity_delta']:g}")
                  .replace("%2", payload["lot"]).replace("%3", place))  # fmt: skip
        self.sig_returned.emit(payload)

    def _refused(self, error: BaseException) -> None:
        code = error.code if isinstance(error, ReturnRefused) else ""
        text = tr(REFUSALS[code]) if code in REFUSALS else str(error)
        self._say(text)
        self.sig_refused.emit(text)

    def _say(self, text: str) -> None:
        self.view.message.setText(text)

"""Fills the worklist on the worker lane, opens a patient, acknowledges order changes."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from offline_cache.workstation import Workstation
from ui.screens.worklist import tasks
from ui.screens.worklist.view import WorklistView
from ui.workers import Workers

REFRESH_MS = 60_000


class WorklistController(QObject):
    """Shows the ward's items; a line's Enter asks for its patient to be opened."""

    sig_patient_open_requested = Signal(str)
    sig_worklist_changed = Signal(int)

    def __init__(self, view: WorklistView, workstation: Workstation, workers: Workers,
                 parent: QObject | None = None):  # fmt: skip
        super().__init__(parent)
        self.view, self.workstation, self.workers = view, workstation, workers
        self.ward_id: str | None = None
        self.active = False
        self.timer = QTimer(self, interval=REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        view.table.sig_open_requested.connect(self._open)
        view.table.sig_acknowledge_requested.connect(self._acknowledge)

    def start(self, ward_id: str | None) -> None:
        """Show the ward's worklist (after login or unlock)."""
        self.ward_id, self.active = ward_id, True
        self.timer.start()
        self.refresh()

    def refresh(self) -> None:
        """Read the items again."""
        if self.active:
            self.workers.run(tasks.worklist, self.workstation, self.ward_id, done=self._shown)

    def clear(self) -> None:
        """Nothing left on screen (lock, logout)."""
        self.active = False
        self.timer.stop()
        self.view.model.set_items([])
        self.view.heading.setText(self.tr("Nurse's worklist"))

    def _shown(self, items: list[tasks.WorkItem]) -> None:
        if not self.active:
            return
        row = self.view.table.currentIndex().row()
        self.view.model.set_items(items)
        late = sum(1 for i in items if i.state == "overdue")
        due = sum(1 for i in items if i.state == "due")
        alert = sum(1 for i in items if i.high_alert)
        self.view.heading.setText(self.tr("Nurse's worklist: %1 overdue, %2 high alert, %3 due now, %4 lines")
                                  .replace("%1", str(late)).replace("%2", str(alert)).replace("%3", str(due))
                                  .replace("%4", str(len(items))))  # fmt: skip
        if items:
            self.view.table.selectRow(min(max(row, 0), len(items) - 1))
        self.sig_worklist_changed.emit(len(items))

    def _open(self, row: int) -> None:
        item = self.view.model.item_at(row)
        if item is not None:
            self.sig_patient_open_requested.emit(item.patient_id)

    def _acknowledge(self, row: int) -> None:
        item = self.view.model.item_at(row)
        if item is not None and item.kind == "order":
            self.workers.run(
                tasks.acknowledge, self.workstation, [item], done=lambda _r: self.refresh()
            )

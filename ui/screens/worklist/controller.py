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
        self.whole_ward = False  # A: the nurse chose the whole ward over her roster's beds
        self._last: tuple[list[tasks.WorkItem], frozenset[str] | None] = ([], None)
        self.timer = QTimer(self, interval=REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        view.table.sig_open_requested.connect(self._open)
        view.table.sig_acknowledge_requested.connect(self._acknowledge)
        view.table.sig_scope_toggle_requested.connect(self.toggle_scope)

    def start(self, ward_id: str | None) -> None:
        """Show the ward's worklist (after login or unlock)."""
        self.ward_id, self.active, self.whole_ward = ward_id, True, False
        self.timer.start()
        self.refresh()

    def refresh(self) -> None:
        """Read the items again."""
        if self.active:
            self.workers.run(tasks.my_worklist, self.workstation, self.ward_id, done=self._shown)

    def clear(self) -> None:
        """Nothing left on screen (lock, logout)."""
        self.active = False
        self.timer.stop()
        self._last = ([], None)
        self.view.model.set_items([])
        self.view.heading.setText(self.tr("Nurse's worklist"))

    def toggle_scope(self) -> None:
        """A: between the nurse's own patients (by the roster) and the whole ward."""
        self.whole_ward = not self.whole_ward
        self._shown(self._last)

    def _shown(self, found: tuple[list[tasks.WorkItem], frozenset[str] | None]) -> None:
        if not self.active:
            return
        self._last = found
        every, beds = found
        mine = beds is not None and not self.whole_ward
        items = [i for i in every if i.bed in beds] if mine and beds is not None else every
        row = self.view.table.currentIndex().row()
        self.view.model.set_items(items)
        late = sum(1 for i in items if i.state == "overdue")
        due = sum(1 for i in items if i.state == "due")
        alert = sum(1 for i in items if i.high_alert)
        counts = (self.tr("Nurse's worklist: %1 overdue, %2 high alert, %3 due now, %4 lines")
                  .replace("%1", str(late)).replace("%2", str(alert)).replace("%3", str(due))
                  .replace("%4", str(len(items))))  # fmt: skip
        self.view.heading.setText(self._scope_text(beds, mine) + counts)
        if items:
            self.view.table.selectRow(min(max(row, 0), len(items) - 1))
        self.sig_worklist_changed.emit(len(items))

    def _scope_text(self, beds: frozenset[str] | None, mine: bool) -> str:
        if beds is None:
            return ""
        if mine:
            listed = ", ".join(sorted(beds, key=lambda b: (len(b), b))) or self.tr("none")
            return self.tr("Your beds by the roster: %1 (A: whole ward). ").replace("%1", listed)
        return self.tr("Whole ward (A: your beds by the roster). ")

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

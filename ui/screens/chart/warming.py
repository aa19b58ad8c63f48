"""Reads the ward census patients' charts ahead while the station is idle, so a first opening is
served from the chart cache (offline_cache.chart_cache) instead of reading the patient's rows.

One patient per task on the work lane, and the next one only once the lane has nothing else to
do and nobody has pressed a key or scanned for QUIET_MS: a clinician's opening waits for at most
the one patient's read under way, never for a queue of them, and a scanner's burst of keys never
shares the interpreter with a read. Reading ahead shows nothing and records no chart opening (the read audit is for what a
user opens). Locking or logging out stops it and empties the cache (ChartController.clear)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from offline_cache.workstation import Workstation
from ui.screens.chart import tasks
from ui.workers import Workers

IDLE_MS = 1_000  # the census or a pull just landed: let the user's own work go first
BUSY_RETRY_MS = 250  # the lane is busy with a user's task, or the user is typing: look again
QUIET_MS = 3_000  # no key, click or scan for this long: the user is reading, not scanning a dose


class ChartWarmer(QObject):
    """Reads ahead the charts of the census shown; forgets those who left it."""

    sig_read_ahead = Signal(str)  # a patient's rows are now kept (or were, unchanged)

    def __init__(self, workstation: Workstation, workers: Workers, parent: QObject | None = None):
        super().__init__(parent)
        self.workstation, self.workers = workstation, workers
        self.census: set[str] = set()
        self.waiting: list[str] = []  # census order: the first beds first
        self.generation: int | None = None  # the cache's, when this round started
        self.timer = QTimer(self, singleShot=True)
        self.timer.timeout.connect(self._next)
        self.quiet_ms: Callable[[], int] = lambda: QUIET_MS  # the shell's IdleWatcher.quiet_ms

    def warm(self, patient_ids: list[str]) -> None:
        """The ward census was loaded or changed (a pull, a transfer): read its charts ahead;
        a patient who left it is dropped from the cache."""
        cache = self.workstation.store.chart_cache
        cache.drop(self.census - set(patient_ids))
        self.census = set(patient_ids)
        self.waiting = list(patient_ids)
        self.generation = cache.generation
        self.timer.start(IDLE_MS)

    def stop(self) -> None:
        """Lock, logout: no more reading ahead (the task under way keeps nothing once the cache
        is cleared)."""
        self.timer.stop()
        self.waiting, self.census, self.generation = [], set(), None

    def _next(self) -> None:
        if not self.waiting or self.generation is None:
            return
        if self.workers.busy() or self.quiet_ms() < QUIET_MS:
            self.timer.start(BUSY_RETRY_MS)
            return
        patient_id = self.waiting.pop(0)
        self.workers.run(
            tasks.read_ahead, self.workstation, patient_id, self.generation,
            done=lambda kept, p=patient_id: self._read(p, kept), failed=lambda _error: self.timer.start(0),
        )  # fmt: skip

    def _read(self, patient_id: str, kept: bool) -> None:
        if self.generation is None:
            return  # stopped (lock, logout) while it was read: the cache kept nothing
        if not kept:
            self.waiting = []  # full, or cleared meanwhile: this round is over
            return
        self.sig_read_ahead.emit(patient_id)
        self.timer.start(0)  # the one timer: a new census meanwhile does not start a second chain

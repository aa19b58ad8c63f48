"""Background work: plain functions run on a QThreadPool, results back to the UI thread by signal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class _Relay(QObject):
    """Lives on the UI thread; its signals, emitted by a worker, are queued to its own slots."""

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, lane: Workers, done: Done | None, on_error: Failed | None):
        super().__init__(lane)
        self.lane, self.done, self.on_error = lane, done, on_error
        self.finished.connect(self._deliver)
        self.failed.connect(self._deliver_error)

    @Slot(object)
    def _deliver(self, result: Any) -> None:
        self.lane.forget(self)
        if self.done is not None:
            self.done(result)

    @Slot(object)
    def _deliver_error(self, error: BaseException) -> None:
        self.lane.forget(self)
        if self.on_error is not None:
            self.on_error(error)


class _Task(QRunnable):
    def __init__(self, function: Callable[..., Any], args: tuple[Any, ...], relay: _Relay):
        super().__init__()
        self.function, self.args, self.relay = function, args, relay

    def run(self) -> None:
        try:
            result = self.function(*self.args)
        except Exception as exc:  # noqa: BLE001 - every failure is reported to the UI
            self.relay.failed.emit(exc)
        else:
            self.relay.finished.emit(result)


class Workers(QObject):
    """A worker lane: tasks run one after another in a pool thread, never on the UI thread."""

    def __init__(self, name: str, parent: QObject | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._pending: set[_Relay] = set()

    def run(self, function: Callable[..., Any], *args: Any, done: Done | None = None,
            failed: Failed | None = None) -> None:  # fmt: skip
        """Run function(*args) on the lane; then done(result) or failed(error) on the UI thread."""
        relay = _Relay(self, done, failed)
        self._pending.add(relay)
        self.pool.start(_Task(function, args, relay))

    def forget(self, relay: _Relay) -> None:
        """Drop a relay whose answer was delivered."""
        self._pending.discard(relay)
        relay.deleteLater()

    def busy(self) -> bool:
        """True while a task is queued, running, or its answer not yet delivered."""
        return bool(self._pending)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until every task has run (at shutdown)."""
        return self.pool.waitForDone(msecs)

"""Background work: plain functions run on a QThreadPool, results back to the UI thread by signal."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class _Relay(QObject):
    """One per lane, living on the UI thread: a worker emits here, the lane's slots run on the UI
    thread (queued). A single long-lived relay means no QObject is created or destroyed per task,
    so none can be deleted from the wrong thread or after its lane."""

    finished = Signal(int, object)
    failed = Signal(int, object)


def _call(callback: Callable[[Any], None] | None, value: Any) -> None:
    """Deliver a result unless the widget waiting for it is gone (closed, or destroyed by the
    lock): a late answer for a destroyed dialog is dropped, not raised."""
    if callback is None:
        return
    owner = getattr(callback, "__self__", None)
    if isinstance(owner, QObject) and not shiboken6.isValid(owner):
        return
    try:
        callback(value)
    except RuntimeError as exc:
        if "already deleted" not in str(exc):  # PySide's words for a destroyed C++ object
            raise


class _Task(QRunnable):
    def __init__(
        self, function: Callable[..., Any], args: tuple[Any, ...], relay: _Relay, task_id: int
    ):
        super().__init__()
        self.function, self.args, self.relay, self.task_id = function, args, relay, task_id

    def run(self) -> None:
        try:
            result = self.function(*self.args)
        except Exception as exc:  # noqa: BLE001 - every failure is reported to the UI
            self.relay.failed.emit(self.task_id, exc)
        else:
            self.relay.finished.emit(self.task_id, result)


class Workers(QObject):
    """A worker lane: tasks run one after another in a pool thread, never on the UI thread."""

    sig_task_failed = Signal(object)  # the exception of any task (the usage log counts them)

    def __init__(self, name: str, parent: QObject | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.relay = _Relay(self)
        self.relay.finished.connect(self._deliver)
        self.relay.failed.connect(self._deliver_error)
        self._pending: dict[int, tuple[Done | None, Failed | None]] = {}
        self._ids = itertools.count(1)
        self._holding: list[_Task] | None = None  # tasks asked for inside `after_paint()`
        self._held: list[_Task] = []  # ... waiting for the UI thread's pending events

    def run(self, function: Callable[..., Any], *args: Any, done: Done | None = None,
            failed: Failed | None = None) -> None:  # fmt: skip
        """Run function(*args) on the lane; then done(result) or failed(error) on the UI thread."""
        task_id = next(self._ids)
        self._pending[task_id] = (done, failed)
        task = _Task(function, args, self.relay, task_id)
        if self._holding is not None:
            self._holding.append(task)
        else:
            self.pool.start(task)

    @contextmanager
    def after_paint(self) -> Iterator[None]:
        """Tasks asked for inside start once the UI thread has handled the events already
        posted (the paint of what was just shown), so a background read does not take the
        interpreter from the hand-over and the paint the user is waiting for."""
        outer = self._holding is None
        if outer:
            self._holding = []
        try:
            yield
        finally:
            if outer:
                held, self._holding = self._holding or [], None
                if held:
                    self._held += held
                    QTimer.singleShot(0, self, self._start_held)  # not after the lane is gone

    def _start_held(self) -> None:
        held, self._held = self._held, []
        for task in held:
            self.pool.start(task)

    @Slot(int, object)
    def _deliver(self, task_id: int, result: Any) -> None:
        done, _failed = self._pending.pop(task_id, (None, None))
        _call(done, result)

    @Slot(int, object)
    def _deliver_error(self, task_id: int, error: BaseException) -> None:
        _done, failed = self._pending.pop(task_id, (None, None))
        self.sig_task_failed.emit(error)
        _call(failed, error)

    def busy(self) -> bool:
        """True while a task is queued, running, or its answer not yet delivered."""
        return bool(self._pending)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until every task has run (at shutdown), held ones included."""
        self._start_held()
        return self.pool.waitForDone(msecs)

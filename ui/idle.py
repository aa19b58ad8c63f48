"""Idle lock: any key or mouse input restarts a timer; when it runs out, the station locks."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent

_INPUT = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin,
})  # fmt: skip


class IdleWatcher(QObject):
    """Watches the application's input and emits sig_idle after interval_ms without any."""

    sig_idle = Signal()

    def __init__(self, interval_ms: int, parent: QObject | None = None):
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.sig_idle)
        self.set_interval(interval_ms)

    def set_interval(self, interval_ms: int) -> None:
        """Change the idle time (restarts the count if running)."""
        self.timer.setInterval(max(1, interval_ms))

    def start(self) -> None:
        """Begin counting (after login or unlock)."""
        self.timer.start()

    def stop(self) -> None:
        """Stop counting (while locked)."""
        self.timer.stop()

    def quiet_ms(self) -> int:
        """Milliseconds since the last input while counting (0 while stopped: locked)."""
        if not self.timer.isActive():
            return 0
        return self.timer.interval() - self.timer.remainingTime()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in _INPUT and self.timer.isActive():
            self.timer.start()
        return False


class LockKey(QObject):
    """Ctrl+L locks from anywhere in the application, a dialog in front included (a window
    shortcut does not reach past a modal dialog): sig_lock_requested."""

    sig_lock_requested = Signal()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if event.key() == Qt.Key.Key_L and modifiers == Qt.KeyboardModifier.ControlModifier:
                self.sig_lock_requested.emit()
                return True
        return False

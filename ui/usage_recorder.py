"""What the shell tells the usage log (offline_cache.usage): each action used by its id, the time
and keys spent per screen visit, errors and Qt's critical messages. Only identifiers the code
chose leave here: an action's id, a screen's class names, an exception's type and code locations;
never a widget's text, a key's character, an error's message or a patient."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from offline_cache.link import Offline
from offline_cache.usage import UsageLog

if TYPE_CHECKING:
    from ui.screens.shell.controller import ShellController

MIN_VISIT_MS = 300  # a focus passing through a screen is not a visit
_SCREENS = "ui.screens."


def action_id(action: QAction, window: QMainWindow) -> str:
    """A language-independent id: the action's object name, else its first shortcut
    (`Ctrl+Shift+K`), else its place in the menu bar (`menu3.5`)."""
    if action.objectName():
        return action.objectName()[:80]
    keys = [k for k in action.shortcuts() if not k.isEmpty()]
    if keys:
        return keys[0].toString(QKeySequence.SequenceFormat.PortableText)[:80]
    for m, menu_action in enumerate(window.menuBar().actions()):
        menu = menu_action.menu()
        entries = menu.actions() if menu is not None else []
        if action in entries:
            return f"menu{m}.{entries.index(action)}"
    return "unnamed"


def screen_name(widget: QWidget | None) -> str:
    """The screen a widget belongs to: the class names of its outermost two screen widgets
    (`ChartView/NotesTab`), or its window's class for a dialog."""
    if widget is None:
        return "none"
    chain: list[str] = []
    current: QWidget | None = widget
    while current is not None:
        kind = type(current)
        if kind.__module__.startswith(_SCREENS) and not isinstance(current, QMainWindow):
            chain.append(kind.__name__)
        current = current.parentWidget()
    if not chain:
        return type(widget.window()).__name__[:80]
    return "/".join(reversed(chain))[-80:] if len(chain) < 2 else "/".join(chain[-1:-3:-1])[:80]


class UsageRecorder(QObject):
    """Installed once on the shell; records for whoever is logged in."""

    def __init__(self, shell: ShellController) -> None:
        super().__init__(shell)
        self.shell, self.log = shell, shell.workstation.usage
        self.screen, self.since, self.keys = "none", time.monotonic(), 0
        self.previous_hook: Callable[..., Any] | None = None
        self.previous_handler: Any = None

    def install(self) -> None:
        """Watch actions, focus and keys; hook uncaught exceptions and Qt's message handler."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.installEventFilter(self)
            app.focusChanged.connect(self._focus_changed)
        self.previous_hook, sys.excepthook = sys.excepthook, self._excepthook
        self.previous_handler = qInstallMessageHandler(self._qt_message)
        for lane in (self.shell.workers, self.shell.sync_workers):
            lane.sig_task_failed.connect(self._task_failed)
        self.shell.sig_unlocked.connect(self._unlocked)
        self.shell.sig_locked.connect(lambda: self._end_visit("none"))
        self.watch_actions()

    def uninstall(self) -> None:
        """Put back what install replaced (the shell shutting down)."""
        self._end_visit("none")
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.removeEventFilter(self)
        if sys.excepthook == self._excepthook and self.previous_hook is not None:
            sys.excepthook = self.previous_hook
        qInstallMessageHandler(self.previous_handler)

    def watch_actions(self) -> list[str]:
        """Connect every action of the window not yet watched; the ids of them all."""
        window = self.shell.view
        ids = []
        for action in window.actions() + window.palette_actions():
            ident = action_id(action, window)
            ids.append(ident)
            if not action.property("usageWatched"):
                action.setProperty("usageWatched", True)
                action.triggered.connect(lambda _checked=False, a=ident: self._used(a))
        return ids

    def _unlocked(self) -> None:
        ids = self.watch_actions()
        self.shell.workers.run(self.log.record_catalog, ids)
        self._end_visit(screen_name(QApplication.focusWidget()))

    def _task_failed(self, error: BaseException) -> None:
        if not isinstance(error, Offline):  # a lost link is a sync outcome, not a fault
            self.log.record_error(
                type(error), error.__traceback__, screen=self.screen, handled=True
            )

    def _used(self, ident: str) -> None:
        self.log.record("action", ident, screen=self.screen)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None:
            self._end_visit(screen_name(new))

    def _end_visit(self, next_screen: str) -> None:
        if next_screen == self.screen:
            return
        now = time.monotonic()
        elapsed = int((now - self.since) * 1000)
        if self.screen != "none" and (elapsed >= MIN_VISIT_MS or self.keys):
            self.log.record("screen", self.screen, count=self.keys, duration_ms=elapsed)
        self.screen, self.since, self.keys = next_screen, now, 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Count key presses (not which keys) on the current screen."""
        if event.type() == QEvent.Type.KeyPress and not event.isAutoRepeat():  # type: ignore[attr-defined]
            focus = QApplication.focusWidget()
            if watched is focus or (
                focus is None and isinstance(watched, QWidget) and watched.isWindow()
            ):
                self.keys += 1  # once per key: not again as the event goes up to the parents
        return False

    def _excepthook(
        self, kind: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        record_error(self.log, kind, tb, self.screen)
        if self.previous_hook is not None:
            self.previous_hook(kind, value, tb)

    def _qt_message(self, mode: QtMsgType, context: Any, message: str) -> None:
        if mode in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            name = "qt.fatal" if mode == QtMsgType.QtFatalMsg else "qt.critical"
            try:
                self.log.record("error", name, screen=self.screen)
                self.log.flush()
            except Exception:  # noqa: BLE001, S110 - reporting must never raise
                pass
        if self.previous_handler is not None:
            self.previous_handler(mode, context, message)


def record_error(
    log: UsageLog, kind: type[BaseException], tb: TracebackType | None, screen: str
) -> None:
    """Record an uncaught exception and write it at once (the program may be about to end)."""
    try:
        log.record_error(kind, tb, screen=screen)
        log.flush()
    except Exception:  # noqa: BLE001, S110 - reporting must never raise
        pass

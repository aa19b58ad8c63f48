"""Anonymous feedback in the shell: F4 from any screen opens the box (the item is queued on the
station and leaves later, offline or not); Shift+F4 opens the board, read from the server on the
sync lane; the quality office (policy.QUALITY_OFFICE_ROLES) answers there. Attached with one line."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from offline_cache.feedback import answer_feedback, fetch_board
from ui.refusals import failure_words
from ui.screens.feedback.view import FeedbackBoard, FeedbackBox
from workstation.security.policy import QUALITY_OFFICE_ROLES

if TYPE_CHECKING:
    from offline_cache.workstation import Workstation
    from ui.screens.shell.controller import ShellController

BOX_KEYS, BOARD_KEYS = "F4", "Shift+F4"


def _board(ws: Workstation) -> list[dict[str, Any]]:
    session = ws.sessions.current
    return fetch_board(ws.link, online=bool(session and session.online and ws.online))


def _answer(ws: Workstation, feedback_id: str, tags: list[str], answer: str) -> dict[str, Any]:
    session = ws.sessions.current
    return answer_feedback(ws.link, feedback_id, tags=tags, answer=answer or None,
                           online=bool(session and session.online))  # fmt: skip


class FeedbackController(QObject):
    """Opens the box and the board; empties the board on lock."""

    sig_feedback_queued = Signal(str)  # the item's random id
    sig_board_loaded = Signal(int)

    def __init__(self, shell: ShellController):
        super().__init__(shell)
        self.shell = shell
        self.board = FeedbackBoard()
        shell.view.pages.addWidget(self.board)
        self.box: FeedbackBox | None = None
        self.box_action = shell.view.menu_action(self.tr("Anonymous &feedback…"), BOX_KEYS, "help")
        self.board_action = shell.view.menu_action(self.tr("Feedback boa&rd"), BOARD_KEYS, "help")
        for action in (self.box_action, self.board_action):
            action.setEnabled(False)
        self.box_action.triggered.connect(self.open_box)
        self.board_action.triggered.connect(self.open_board)
        self.board.sig_answer_requested.connect(self.answer)
        self.board.sig_reload_requested.connect(self.reload)
        shell.sig_unlocked.connect(lambda: self._enable(True))
        shell.sig_locked.connect(self._locked)
        shell.chart.sig_chart_opened.connect(self._leave)

    def _enable(self, enabled: bool) -> None:
        for action in (self.box_action, self.board_action):
            action.setEnabled(enabled)

    def _locked(self) -> None:
        self._enable(False)
        self.board.clear()

    def _leave(self, *_: object) -> None:
        if self.shell.view.pages.currentWidget() is self.board:
            self.shell.view.pages.setCurrentWidget(self.shell.view.work)

    def open_box(self) -> None:
        """The box over whatever screen is open."""
        if self.shell.session is None or self.shell.locked:
            return
        box = FeedbackBox(self.shell.view)
        self.box = box
        box.accepted.connect(lambda: self._queue(*box.item()))
        box.open()

    def _queue(self, category: str, text: str) -> None:
        ws, ward = self.shell.workstation, self.shell.ward_id
        self.shell.workers.run(lambda: ws.feedback.queue(category, text, ward_id=ward),
                               done=self._queued, failed=self._failed)  # fmt: skip

    def _queued(self, feedback_id: str) -> None:
        self.shell.view.status.showMessage(
            self.tr("Thank you. Your feedback will be sent anonymously within the hour."), 10_000
        )
        self.sig_feedback_queued.emit(feedback_id)

    def open_board(self) -> None:
        """Show the board page and load it."""
        if self.shell.session is None or self.shell.locked:
            return
        self.shell.view.pages.setCurrentWidget(self.board)
        self.board.table.setFocus()
        self.reload()

    def reload(self) -> None:
        """Fetch the items from the server (sync lane)."""
        self.board.message.setText(self.tr("Fetching the feedback…"))
        self.shell.sync_workers.run(
            _board, self.shell.workstation, done=self._loaded, failed=self._failed
        )

    def _loaded(self, items: list[dict[str, Any]]) -> None:
        if self.shell.locked or self.shell.session is None:
            return
        self.board.show_items(items, office=self.shell.session.role in QUALITY_OFFICE_ROLES)
        self.sig_board_loaded.emit(len(items))

    def answer(self, feedback_id: str, tags: list[str], text: str) -> None:
        """Save the office's tags and answer on the server, then reload the board."""
        self.shell.sync_workers.run(_answer, self.shell.workstation, feedback_id, tags, text,
                                    done=lambda _r: self.reload(), failed=self._failed)  # fmt: skip

    def _failed(self, error: BaseException) -> None:
        text = failure_words(
            error, self.tr("The feedback board is kept on the server, which cannot be reached now.")
        )
        self.board.message.setText(text)
        self.shell.view.status.showMessage(text, 10_000)


def install(shell: ShellController) -> FeedbackController:
    """Attach the feedback box, the board and their actions to the shell."""
    return FeedbackController(shell)

"""The medical affairs office's prescribing-rights page in the shell (Ctrl+Shift+Y, also in the
command palette), for the `admin` role: users from the server on the sync lane, Enter edits one.
Attached by the ShellController with one line."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from offline_cache.user_rights import fetch_rights, save_rights
from ui.refusals import failure_words
from ui.screens.rights.view import RightsDialog, RightsView

if TYPE_CHECKING:
    from ui.screens.shell.controller import ShellController

KEYS = "Ctrl+Shift+Y"
OFFICE_ROLE = "admin"


class RightsController(QObject):
    """Loads, shows and saves users' titles and rights; empties the page on lock."""

    sig_rights_saved = Signal(str)  # username

    def __init__(self, shell: ShellController):
        super().__init__(shell)
        self.shell = shell
        self.view = RightsView()
        shell.view.pages.addWidget(self.view)
        self.rows: list[dict[str, Any]] = []
        self.action = shell.view.menu_action(self.tr("Prescribing ri&ghts"), KEYS, "station")
        self.action.setEnabled(False)
        self.action.triggered.connect(self.open)
        self.view.table.sig_edit_requested.connect(self.edit)
        self.view.table.sig_reload_requested.connect(self.reload)
        shell.sig_unlocked.connect(self._unlocked)
        shell.sig_locked.connect(self._locked)
        shell.chart.sig_chart_opened.connect(self._leave)

    def _office(self) -> bool:
        return self.shell.session is not None and self.shell.session.role == OFFICE_ROLE

    def _unlocked(self) -> None:
        self.action.setEnabled(self._office())

    def _locked(self) -> None:
        self.action.setEnabled(False)
        self.rows = []
        self.view.clear()

    def _leave(self, *_: object) -> None:
        if self.shell.view.pages.currentWidget() is self.view:
            self.shell.view.pages.setCurrentWidget(self.shell.view.work)

    def open(self) -> None:
        """Show the page and load the users."""
        if not self._office() or self.shell.locked:
            return
        self.shell.view.pages.setCurrentWidget(self.view)
        self.view.table.setFocus()
        self.reload()

    def reload(self) -> None:
        """Fetch the users and their rights from the server (sync lane)."""
        self.view.message.setText(self.tr("Fetching the users…"))
        self.shell.sync_workers.run(fetch_rights, self.shell.workstation, done=self._loaded,
                                    failed=self._failed)  # fmt: skip

    def _loaded(self, rows: list[dict[str, Any]]) -> None:
        if self.shell.locked:
            return
        self.rows = rows
        self.view.show_users(rows)
        self.view.message.setText(self.tr("%1 user(s).").replace("%1", str(len(rows))))

    def edit(self, row: int) -> None:
        """Edit the user on `row` in a dialog; Enter saves on the server."""
        if not 0 <= row < len(self.rows):
            return
        username = self.rows[row]["username"]
        dialog = RightsDialog(self.rows[row], self.view)

        def save() -> None:
            self.shell.sync_workers.run(save_rights, self.shell.workstation, username, dialog.rights(),
                                        done=lambda _r: self._saved(username), failed=self._failed)  # fmt: skip

        dialog.accepted.connect(save)
        dialog.open()

    def _saved(self, username: str) -> None:
        self.sig_rights_saved.emit(username)
        self.reload()

    def _failed(self, error: BaseException) -> None:
        text = failure_words(
            error,
            self.tr("Prescribing rights are kept on the server, which cannot be reached now."),
        )
        self.view.message.setText(text)


def install(shell: ShellController) -> RightsController:
    """Attach the rights page and its action to the shell."""
    return RightsController(shell)

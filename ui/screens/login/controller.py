"""Logs users in on the worker lane; the same page unlocks a locked station."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from offline_cache.session import LoginRefused
from offline_cache.workstation import Workstation
from ui import tasks
from ui.screens.login.view import LoginView
from ui.workers import Workers


class LoginController(QObject):
    """Turns the view's requests into logins and reports who logged in."""

    sig_logged_in = Signal(object, object)  # Session, SyncStatus
    sig_login_failed = Signal(str)

    def __init__(
        self,
        view: LoginView,
        workstation: Workstation,
        workers: Workers,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.view, self.workstation, self.workers = view, workstation, workers
        self.locked_user: tuple[str, str] | None = None  # (username, display name)
        view.sig_login_requested.connect(self.log_in)
        view.sig_switch_user_requested.connect(self.switch_user)

    def show_login(self, note: str = "") -> None:
        """Ask any user to log in."""
        self.locked_user = None
        self.view.show_login(note)

    def show_locked(self, username: str, display_name: str) -> None:
        """Ask the locked user for their password."""
        self.locked_user = (username, display_name)
        self.view.show_locked(username, display_name)

    def switch_user(self) -> None:
        """Another user takes the station: their login ends the previous session."""
        self.show_login(self.tr("Log in as another user; the previous session will be ended."))

    def fill(self, username: str, password: str) -> None:
        """Fill the form with a login chosen from the demo users; another user than the one who
        locked the station switches user first, as the Switch user button does."""
        if self.locked_user is not None and username != self.locked_user[0]:
            self.switch_user()
        self.view.fill(username, password)

    def log_in(self, username: str, password: str) -> None:
        """Check the password on the worker lane: the locked user's locally (unlock, the session
        goes on), anyone else's by logging in (online, else from the cached login)."""
        self.view.set_busy(True, self.tr("Checking…"))
        if self.locked_user is not None and username == self.locked_user[0]:
            self.workers.run(
                tasks.unlock, self.workstation, password, done=self._done, failed=self._failed
            )
            return
        self.workers.run(
            tasks.login, self.workstation, username, password, done=self._done, failed=self._failed
        )

    def _done(self, result: object) -> None:
        session, status = result  # type: ignore[misc]
        self.view.set_busy(False)
        self.view.password.clear()
        self.sig_logged_in.emit(session, status)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, LoginRefused):
            text = self.tr("Login refused: %1").replace("%1", str(error))
        else:
            text = self.tr("Login failed: %1").replace("%1", str(error) or type(error).__name__)
        self.view.show_error(text)
        self.sig_login_failed.emit(text)

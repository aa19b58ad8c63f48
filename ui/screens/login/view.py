"""The login and lock page: user, password, Enter. Shows no patient data."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class LoginView(QWidget):
    """Two modes: log in (any user) and locked (the locked user's password, or switch user)."""

    sig_login_requested = Signal(str, str)
    sig_switch_user_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("loginPage")
        self.title = QLabel(objectName="loginTitle", alignment=Qt.AlignmentFlag.AlignCenter)
        self.subtitle = QLabel(objectName="loginSubtitle", alignment=Qt.AlignmentFlag.AlignCenter)
        self.subtitle.setWordWrap(True)
        self.username = QLineEdit(objectName="username")
        self.password = QLineEdit(objectName="password", echoMode=QLineEdit.EchoMode.Password)
        self.message = QLabel(objectName="loginMessage", wordWrap=True)
        self.submit = QPushButton(objectName="loginButton", default=True, autoDefault=True)
        self.switch_user = QPushButton(objectName="switchUserButton", autoDefault=False)
        self.username_label, self.password_label = QLabel(), QLabel()
        self._build()
        self.username.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self._submit)
        self.submit.clicked.connect(self._submit)
        self.switch_user.clicked.connect(self.sig_switch_user_requested)
        self.retranslate()

    def _build(self) -> None:
        card = QFrame(objectName="loginCard")
        form = QFormLayout()
        self.username_label.setBuddy(self.username)
        self.password_label.setBuddy(self.password)
        form.addRow(self.username_label, self.username)
        form.addRow(self.password_label, self.password)
        buttons = QHBoxLayout()
        buttons.addWidget(self.switch_user)
        buttons.addStretch(1)
        buttons.addWidget(self.submit)
        inner = QVBoxLayout(card)
        for widget in (self.title, self.subtitle):
            inner.addWidget(widget)
        inner.addLayout(form)
        inner.addWidget(self.message)
        inner.addLayout(buttons)
        card.setMinimumWidth(420)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

    def retranslate(self) -> None:
        """Fixed texts in the current language."""
        self.title.setText(self.tr("Clinical Workstation"))
        self.username_label.setText(self.tr("&User name"))
        self.password_label.setText(self.tr("&Password"))
        self.submit.setText(self.tr("Log in"))
        self.switch_user.setText(self.tr("S&witch user"))

    def show_login(self, note: str = "") -> None:
        """Empty form for any user."""
        self.title.setText(self.tr("Clinical Workstation"))
        self.subtitle.setText(note or self.tr("Log in with your hospital account."))
        self.submit.setText(self.tr("Log in"))
        self.username.setReadOnly(False)
        self.username.clear()
        self.password.clear()
        self.message.clear()
        self.switch_user.hide()
        self.username.setFocus()

    def show_locked(self, username: str, display_name: str) -> None:
        """Locked by (user): only their password unlocks; another user may switch."""
        self.title.setText(self.tr("Workstation locked"))
        self.subtitle.setText(
            self.tr("Locked by %1. Enter the password to unlock.").replace("%1", display_name)
        )
        self.submit.setText(self.tr("Unlock"))
        self.username.setText(username)
        self.username.setReadOnly(True)
        self.password.clear()
        self.message.clear()
        self.switch_user.show()
        self.password.setFocus()

    def fill(self, username: str, password: str) -> None:
        """Put a known login in the form (the demo users list), the cursor on the password:
        Enter logs in."""
        self.username.setText(username)
        self.password.setText(password)
        self.message.clear()
        self.window().activateWindow()  # back from the list, which had the keyboard
        self.password.setFocus()

    def set_busy(self, busy: bool, text: str = "") -> None:
        """Disable the form while the login runs."""
        for widget in (self.username, self.password, self.submit, self.switch_user):
            widget.setEnabled(not busy)
        self.message.setProperty("error", False)
        self.message.setText(text)

    def show_error(self, text: str) -> None:
        """Say why the login failed and put the cursor back in the password."""
        self.set_busy(False)
        self.message.setProperty("error", True)
        self.message.style().polish(self.message)
        self.message.setText(text)
        self.password.clear()
        self.password.setFocus()

    def _submit(self) -> None:
        if not self.username.text().strip():
            self.username.setFocus()
            return
        self.sig_login_requested.emit(self.username.text().strip(), self.password.text())

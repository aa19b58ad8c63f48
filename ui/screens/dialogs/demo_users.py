"""The demo's users and their passwords (demo only: real passwords are never shown), with each
user's role and wards; Enter or a double-click on a row fills the login form with it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workstation.server.demo_roster import DemoUser

ROLES = {
    "physician": QT_TRANSLATE_NOOP("DemoUsers", "physician"),
    "trainee_physician": QT_TRANSLATE_NOOP("DemoUsers", "trainee physician"),
    "nurse": QT_TRANSLATE_NOOP("DemoUsers", "nurse"),
    "pharmacist": QT_TRANSLATE_NOOP("DemoUsers", "pharmacist"),
    "lab": QT_TRANSLATE_NOOP("DemoUsers", "laboratory"),
    "admin": QT_TRANSLATE_NOOP("DemoUsers", "administrator"),
    "privacy_officer": QT_TRANSLATE_NOOP("DemoUsers", "privacy officer"),
    "head_nurse": QT_TRANSLATE_NOOP("DemoUsers", "head nurse"),
    "department_director": QT_TRANSLATE_NOOP("DemoUsers", "department director"),
    "medical_affairs": QT_TRANSLATE_NOOP("DemoUsers", "medical affairs"),
}
HEADERS = (
    QT_TRANSLATE_NOOP("DemoUsers", "Role"),
    QT_TRANSLATE_NOOP("DemoUsers", "Ward"),
    QT_TRANSLATE_NOOP("DemoUsers", "Name"),
    QT_TRANSLATE_NOOP("DemoUsers", "User name"),
    QT_TRANSLATE_NOOP("DemoUsers", "Password"),
)


def tr(text: str) -> str:
    """Translate a text of this dialog."""
    return QCoreApplication.translate("DemoUsers", text)


def row_texts(user: DemoUser, *, chinese: bool) -> tuple[str, ...]:
    """A user's line: role and wards in the reader's language, then name, user name, password."""
    wards = user.wards_zh if chinese else user.wards_en
    role = tr(ROLES[user.role]) if user.role in ROLES else user.role
    ward_text = ("、" if chinese else ", ").join(wards) or tr("no ward (whole hospital)")
    return (role, ward_text, user.display_name, user.username, user.password)


class RosterTable(QTableWidget):
    """Enter on a row chooses it (instead of closing the dialog)."""

    sig_row_chosen = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentRow() >= 0:
            self.sig_row_chosen.emit(self.currentRow())
            event.accept()
            return
        super().keyPressEvent(event)


class DemoUsersDialog(QDialog):
    """Who is who in the demo; choosing a row (Enter, double-click) hands its login on."""

    sig_login_chosen = Signal(str, str)  # user name, password

    def __init__(self, users: list[DemoUser], passwords_file: Path,
                 parent: QWidget | None = None):  # fmt: skip
        super().__init__(parent)
        self.users = list(users)
        self.setObjectName("demoUsersDialog")
        self.setWindowTitle(tr("Demo users"))
        intro = QLabel(tr(
            "This is a demonstration ward with invented patients. Choose a user with the arrow "
            "keys and press Enter (or double-click) to fill in the login. The list is kept in %1"
        ).replace("%1", str(passwords_file)), wordWrap=True)  # fmt: skip
        self.table = RosterTable(len(self.users), len(HEADERS), self, objectName="demoUsersTable")
        self._fill()
        self.table.sig_row_chosen.connect(self._choose)
        self.table.doubleClicked.connect(lambda index: self._choose(index.row()))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        for button in buttons.buttons():
            button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        for widget in (intro, self.table, buttons):
            layout.addWidget(widget)
        self.resize(880, 560)  # every demo user without scrolling
        self.table.setFocus()

    def _fill(self) -> None:
        table, chinese = self.table, QLocale().name().startswith("zh")
        table.setHorizontalHeaderLabels([tr(h) for h in HEADERS])
        for row, user in enumerate(self.users):
            for column, text in enumerate(row_texts(user, chinese=chinese)):
                table.setItem(row, column, QTableWidgetItem(text))
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        if self.users:
            table.setCurrentCell(0, 0)

    def _choose(self, row: int) -> None:
        if 0 <= row < len(self.users):
            user = self.users[row]
            self.accept()
            self.sig_login_chosen.emit(user.username, user.password)

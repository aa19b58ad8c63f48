"""The demo's users and their passwords (demo only: real passwords are never shown)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


class DemoUsersDialog(QDialog):
    """A table of user name and password, with where the list is kept."""

    def __init__(
        self, passwords: dict[str, str], passwords_file: Path, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setObjectName("demoUsersDialog")
        self.setWindowTitle(self.tr("Demo users"))
        intro = QLabel(self.tr(
            "This is a demonstration ward with invented patients. Log in as one of these users. "
            "The list is kept in %1").replace("%1", str(passwords_file)), wordWrap=True)  # fmt: skip
        table = QTableWidget(len(passwords), 2, self)
        table.setHorizontalHeaderLabels([self.tr("User name"), self.tr("Password")])
        for row, (username, password) in enumerate(sorted(passwords.items())):
            table.setItem(row, 0, QTableWidgetItem(username))
            table.setItem(row, 1, QTableWidgetItem(password))
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (intro, table, buttons):
            layout.addWidget(widget)
        self.resize(480, 360)

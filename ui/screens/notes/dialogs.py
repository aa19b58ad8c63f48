"""Small keyboard-first dialogs of the Notes tab: choose a note type, write an addendum."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs import ReturningDialog


class NoteTypeDialog(ReturningDialog):
    """Note types numbered 1-5: a digit or Enter chooses; the most urgent type is preselected."""

    def __init__(
        self, choices: list[tuple[str, str]], preselect: str, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setObjectName("noteTypeDialog")
        self.setWindowTitle(self.tr("New note"))
        self.choices = QListWidget(objectName="noteTypeList")
        for number, (code, label) in enumerate(choices, start=1):
            item = QListWidgetItem(f"{number}  {label}")
            item.setData(Qt.ItemDataRole.UserRole, code)
            self.choices.addItem(item)
        codes = [code for code, _ in choices]
        self.choices.setCurrentRow(codes.index(preselect) if preselect in codes else 0)
        self.choices.itemActivated.connect(lambda _item: self.accept())
        self.choices.installEventFilter(self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Which note? Type its number or press Enter.")))
        layout.addWidget(self.choices)
        layout.addWidget(buttons)
        self.choices.setFocus()

    def chosen(self) -> str:
        """The chosen note type code."""
        return str(self.choices.currentItem().data(Qt.ItemDataRole.UserRole))

    def eventFilter(self, watched: object, event: object) -> bool:  # noqa: N802 - Qt override
        if isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            text = event.text()
            if text.isdigit() and 1 <= int(text) <= self.choices.count():
                self.choices.setCurrentRow(int(text) - 1)
                self.accept()
                return True
        return False


class AddendumDialog(ReturningDialog):
    """Text of an addendum to a signed note; Ctrl+Enter adds it."""

    def __init__(self, note_title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("addendumDialog")
        self.setWindowTitle(self.tr("Addendum"))
        self.text = QPlainTextEdit(objectName="addendumText")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        add = buttons.addButton(
            self.tr("Add addendum (Ctrl+Enter)"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        add.setObjectName("addAddendumButton")
        buttons.accepted.connect(self._accept_if_written)
        buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self._accept_if_written)
        layout = QVBoxLayout(self)
        intro = self.tr("Addendum to “%1”. The signed note itself does not change.")
        layout.addWidget(QLabel(intro.replace("%1", note_title), wordWrap=True))
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(560, 320)
        self.text.setFocus()

    def written(self) -> str:
        """The addendum text, trimmed."""
        return self.text.toPlainText().strip()

    def _accept_if_written(self) -> None:
        if self.written():
            self.accept()

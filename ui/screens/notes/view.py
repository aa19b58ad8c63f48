"""The Notes tab: what is due, the signed notes with a reader, and the editor page."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ui.icons import icon_html
from ui.screens.notes.editor import NoteEditor


class NotesView(QWidget):
    """Layout only: the NotesController fills it and reacts to its signals."""

    sig_new_requested = Signal()
    sig_sign_requested = Signal()
    sig_addendum_requested = Signal()
    sig_cosign_requested = Signal()
    sig_close_editor_requested = Signal()
    sig_discard_requested = Signal()
    sig_note_selected = Signal(str)  # note_id

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("notesPane")
        self.due = QLabel(objectName="notesDue", wordWrap=True)
        self.drafts = QLabel(objectName="notesDrafts", wordWrap=True)
        self.message = QLabel(objectName="notesMessage", wordWrap=True)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_list_page())
        self.pages.addWidget(self._build_editor_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.due, self.drafts, self.message):
            layout.addWidget(widget)
        layout.addWidget(self.pages, 1)
        self.retranslate()
        self.clear()

    def _build_list_page(self) -> QWidget:
        page = QWidget(objectName="notesListPage")
        self.note_list = QListWidget(objectName="notesList")
        self.reader = QTextBrowser(objectName="noteReader")
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.note_list)
        split.addWidget(self.reader)
        split.setSizes([320, 600])
        self.new_button = QPushButton(objectName="newNoteButton")
        self.addendum_button = QPushButton(objectName="addendumButton")
        self.cosign_button = QPushButton(objectName="cosignButton")
        row = QHBoxLayout()
        for button in (self.new_button, self.addendum_button, self.cosign_button):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split, 1)
        layout.addLayout(row)
        self.new_button.clicked.connect(self.sig_new_requested)
        self.addendum_button.clicked.connect(self.sig_addendum_requested)
        self.cosign_button.clicked.connect(self.sig_cosign_requested)
        self.note_list.currentItemChanged.connect(self._current_changed)
        return page

    def _build_editor_page(self) -> QWidget:
        self.editor_page = QWidget(objectName="noteEditorPage")
        self.editor_title = QLabel(objectName="noteEditorTitle")
        self.editor = NoteEditor()
        self.editor_hint = QLabel(objectName="noteEditorHint", wordWrap=True)
        self.sign_button = QPushButton(objectName="signNoteButton")
        self.back_button = QPushButton(objectName="closeEditorButton")
        self.discard_button = QPushButton(objectName="discardDraftButton")
        row = QHBoxLayout()
        row.addWidget(self.discard_button)
        row.addStretch(1)
        row.addWidget(self.back_button)
        row.addWidget(self.sign_button)
        layout = QVBoxLayout(self.editor_page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.editor_title)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.editor_hint)
        layout.addLayout(row)
        self.sign_button.clicked.connect(self.sig_sign_requested)
        self.back_button.clicked.connect(self.sig_close_editor_requested)
        self.discard_button.clicked.connect(self.sig_discard_requested)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.editor_page)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.sig_close_editor_requested)
        return self.editor_page

    def retranslate(self) -> None:
        """Fixed texts in the current language."""
        self.new_button.setText(self.tr("New note (Ctrl+N)"))
        self.addendum_button.setText(self.tr("Addendum (Ctrl+Shift+N)"))
        self.cosign_button.setText(self.tr("Co-sign (Ctrl+Shift+C)"))
        self.sign_button.setText(self.tr("Sign (Ctrl+Enter)"))
        self.back_button.setText(self.tr("Keep as draft (Esc)"))
        self.discard_button.setText(self.tr("Discard draft"))
        self.editor_hint.setText(self.tr(
            "F2: next *** blank · Shift+F2: previous · .vitals .meds .allergies .problems .labs "
            "then Space: fill from the chart · Ctrl+Enter: sign · Esc: keep as draft"))  # fmt: skip

    def clear(self) -> None:
        """No patient: every text emptied (lock, logout)."""
        self.note_list.clear()
        self.reader.clear()
        self.editor.clear()
        self.editor_title.clear()
        for label in (self.due, self.drafts, self.message):
            label.clear()
            label.hide()
        self.show_list()

    def show_list(self) -> None:
        """The signed notes."""
        self.pages.setCurrentIndex(0)

    def show_editor(self, title: str) -> None:
        """The editor, its cursor on the first blank."""
        self.editor_title.setText(title)
        self.pages.setCurrentIndex(1)
        self.editor.setFocus()

    def editing(self) -> bool:
        """True while the editor page is shown."""
        return self.pages.currentIndex() == 1

    def set_label(self, label: QLabel, text: str, *, alert: bool = False) -> None:
        """Show a line of text (hidden when empty); alert lines get the theme's alert style."""
        label.setText(f"{icon_html('overdue')} {escape(text)}" if alert and text else text)
        label.setVisible(bool(text))
        label.setProperty("alert", alert)
        label.style().polish(label)

    def set_notes(self, rows: list[tuple[str, str]], keep: str | None) -> None:
        """Rows of (note_id, line); the note `keep` stays selected when still there."""
        self.note_list.blockSignals(True)
        self.note_list.clear()
        for note_id, line in rows:
            item = QListWidgetItem(line)
            item.setData(Qt.ItemDataRole.UserRole, note_id)
            self.note_list.addItem(item)
        self.note_list.blockSignals(False)
        ids = [note_id for note_id, _ in rows]
        if ids:
            self.note_list.setCurrentRow(ids.index(keep) if keep in ids else 0)
            self._current_changed(self.note_list.currentItem(), None)

    def selected_note(self) -> str | None:
        """The note id of the highlighted row."""
        item = self.note_list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def _current_changed(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is not None:
            self.sig_note_selected.emit(str(item.data(Qt.ItemDataRole.UserRole)))

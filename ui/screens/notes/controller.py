"""Notes: start from a template, keep drafts in the replica, sign, add addenda, co-sign."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale, QObject, QTimer, Signal
from PySide6.QtGui import QTextCursor

from offline_cache.drafts import NoteDraft
from offline_cache.workstation import Workstation
from ui import tasks
from ui.screens.notes.dialogs import AddendumDialog, NoteTypeDialog
from ui.screens.notes.documents import due_text, note_html, note_line
from ui.screens.notes.templates import DOCTOR_NOTE_TYPES, start_note
from ui.screens.notes.view import NotesView
from ui.terms import local_time, term
from ui.workers import Workers
from workstation.clinical.dot_phrases import expand
from workstation.security.policy import clinical_role

AUTOSAVE_MS = 1_500


class NotesController(QObject):
    """Owns the note being written; every write goes through a task on the worker lane."""

    sig_note_signed = Signal(str)  # note_id
    sig_chart_changed = Signal()  # an addendum or co-signature was saved

    def __init__(self, view: NotesView, workstation: Workstation, workers: Workers,
                 parent: QObject | None = None):  # fmt: skip
        super().__init__(parent)
        self.view, self.workstation, self.workers = view, workstation, workers
        self.chart: dict[str, Any] | None = None
        self.drafts: list[NoteDraft] = []
        self.editing: tuple[str, str] | None = None  # (note_type, title)
        self.resume: tuple[str, str, str] | None = None  # (patient, type, title) after a lock
        self.select_next: str | None = None  # the note just signed, highlighted once listed
        self.autosave = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self.autosave.timeout.connect(self._save_draft)
        view.editor.expander = self._expand
        view.editor.textChanged.connect(self._edited)
        view.sig_new_requested.connect(self.new_note)
        view.sig_sign_requested.connect(self.sign)
        view.sig_close_editor_requested.connect(self.close_editor)
        view.sig_discard_requested.connect(self.discard)
        view.sig_addendum_requested.connect(self.add_addendum)
        view.sig_cosign_requested.connect(self.cosign)
        view.sig_note_selected.connect(self._show_note)

    @property
    def language(self) -> str:
        """The language notes are written in: the program's."""
        return QLocale().name()

    @property
    def patient_id(self) -> str | None:
        """The open patient."""
        return self.chart["patient"]["patient_id"] if self.chart else None

    # -- showing -----------------------------------------------------------------------------
    def show_chart(self, chart: dict[str, Any]) -> None:
        """A (re)loaded chart: due notes, the list; the editor is left as it is."""
        same = self.chart is not None and self.patient_id == chart["patient"]["patient_id"]
        if not same and self.editing:
            self._leave_editor(save=True)
        self.chart = chart
        self.view.set_label(self.view.due, due_text(chart.get("notes_due", [])),
                            alert=any(d.overdue for d in chart.get("notes_due", [])))  # fmt: skip
        names = chart.get("user_names", {})
        keep = (
            self.select_next
            if self._note_in(chart, self.select_next)
            else self.view.selected_note()
        )
        if keep == self.select_next:
            self.select_next = None
        self.view.set_notes([(n["note_id"], note_line(n, names)) for n in chart["notes"]], keep)
        if self.workstation.sessions.current is not None:
            self.workers.run(tasks.drafts_for, self.workstation, self.workstation.user.user_id,
                             chart["patient"]["patient_id"], done=self._drafts_loaded)  # fmt: skip

    @staticmethod
    def _note_in(chart: dict[str, Any], note_id: str | None) -> bool:
        return any(n["note_id"] == note_id for n in chart["notes"])

    def _drafts_loaded(self, drafts: list[NoteDraft]) -> None:
        if not self.chart or any(d.patient_id != self.patient_id for d in drafts):
            return
        self.drafts = drafts
        listed = ", ".join(f"{term(d.note_type)} ({local_time(d.saved_at)})" for d in drafts)
        self.view.set_label(self.view.drafts, self.tr("Drafts: %1 — Ctrl+N to continue").replace(
            "%1", listed) if drafts else "")  # fmt: skip
        if self.resume and self.resume[0] == self.patient_id and not self.editing:
            _pid, note_type, _title = self.resume
            self.resume = None
            self.start_editing(note_type)

    def _show_note(self, note_id: str) -> None:
        note = self._note(note_id)
        if note is None or self.chart is None:
            return
        addenda = [
            a for a in self.chart["addenda"] if a["note_id"] == note_id and not a.get("voided")
        ]
        self.view.reader.setHtml(note_html(note, sorted(addenda, key=lambda a: a["recorded_at"]),
                                           self.chart.get("user_names", {})))  # fmt: skip

    def _note(self, note_id: str | None) -> dict[str, Any] | None:
        notes = self.chart["notes"] if self.chart else []
        return next((n for n in notes if n["note_id"] == note_id), None)

    def clear(self) -> None:
        """Lock or logout: keep the note being written as a draft, then empty every widget."""
        if self.editing and self.patient_id:
            self.resume = (self.patient_id, *self.editing)
            self._leave_editor(save=True)
        self.chart, self.drafts = None, []
        self.view.clear()

    def forget_resume(self) -> None:
        """Another user logged in: never reopen the previous user's draft on screen."""
        self.resume = None

    # -- writing -----------------------------------------------------------------------------
    def new_note(self) -> None:
        """Ctrl+N: choose a note type (the most urgent one preselected), then write it."""
        if self.chart is None or self.editing:
            if self.editing:
                self.view.editor.setFocus()
            return
        due = self.chart.get("notes_due") or []
        preselect = due[0].note_type if due else "daily_progress_note"
        drafted = {d.note_type for d in self.drafts}
        choices = [(code, term(code) + (self.tr(" (draft)") if code in drafted else ""))
                   for code in DOCTOR_NOTE_TYPES]  # fmt: skip
        dialog = NoteTypeDialog(choices, preselect, self.view)
        dialog.accepted.connect(lambda: self.start_editing(dialog.chosen()))
        dialog.open()

    def start_editing(self, note_type: str) -> None:
        """Open the editor on the draft of that type, else on its template filled from the chart."""
        if self.chart is None:
            return
        title, body = start_note(note_type, self.chart, self.language)
        draft = next((d for d in self.drafts if d.note_type == note_type), None)
        self.editing = (note_type, title)
        self.view.show_editor(title)
        self.view.editor.blockSignals(True)
        self.view.editor.set_note(draft.text if draft else body)
        self.view.editor.blockSignals(False)
        self.view.set_label(self.view.message, "")

    def _expand(self, name: str) -> str | None:
        return expand(name, self.chart, self.language) if self.chart else None

    def _edited(self) -> None:
        if self.editing:
            self.autosave.start()

    def _save_draft(self) -> None:
        self.autosave.stop()
        if self.editing and self.patient_id and self.workstation.sessions.current is not None:
            self.workers.run(tasks.save_draft, self.workstation, self.workstation.user.user_id,
                             self.patient_id, self.editing[0], self.view.editor.toPlainText())  # fmt: skip

    def _leave_editor(self, *, save: bool) -> None:
        if save:
            self._save_draft()
        self.autosave.stop()
        self.editing = None
        self.view.editor.blockSignals(True)
        self.view.editor.clear()
        self.view.editor.blockSignals(False)
        self.view.show_list()

    def close_editor(self) -> None:
        """Esc: leave the editor; the text stays as a draft on this PC."""
        if not self.editing:
            return
        self._leave_editor(save=True)
        self.view.set_label(self.view.message, self.tr("Draft kept on this computer."))
        self._reload_drafts()
        self.view.note_list.setFocus()

    def discard(self) -> None:
        """Throw the draft away."""
        if not self.editing or not self.patient_id:
            return
        note_type = self.editing[0]
        self._leave_editor(save=False)
        self.workers.run(tasks.drop_draft, self.workstation, self.workstation.user.user_id,
                         self.patient_id, note_type, done=lambda _r: self._reload_drafts())  # fmt: skip
        self.view.set_label(self.view.message, self.tr("Draft discarded."))

    def _reload_drafts(self) -> None:
        if self.chart is not None and self.workstation.sessions.current is not None:
            self.workers.run(tasks.drafts_for, self.workstation, self.workstation.user.user_id,
                             self.patient_id, done=self._drafts_loaded)  # fmt: skip

    def sign(self) -> None:
        """Ctrl+Enter: sign the note (refused while a *** blank is left); it is final afterwards."""
        if not self.editing or not self.patient_id:
            return
        editor = self.view.editor
        if editor.blanks_left():
            editor.moveCursor(QTextCursor.MoveOperation.Start)
            editor.next_blank()  # the first blank left
            editor.setFocus()
            self.view.set_label(self.view.message, self.tr(
                "Fill every *** blank before signing (F2 goes to the next one)."), alert=True)  # fmt: skip
            return
        note_type, title = self.editing
        text = editor.toPlainText().strip()
        self.autosave.stop()
        editor.setReadOnly(True)
        self.workers.run(tasks.sign_note, self.workstation, self.patient_id, note_type, title,
                         text, done=self._signed, failed=self._write_failed)  # fmt: skip

    def _signed(self, note_id: str) -> None:
        self.select_next = note_id
        self.view.editor.setReadOnly(False)
        self._leave_editor(save=False)
        self.view.set_label(self.view.message, self.tr("Note signed and saved on this computer."))
        self.drafts = []
        self.view.note_list.setFocus()
        self.sig_note_signed.emit(note_id)

    def _write_failed(self, error: BaseException) -> None:
        self.view.editor.setReadOnly(False)
        self.view.set_label(self.view.message, self.tr("Not saved: %1").replace("%1", str(error)),
                            alert=True)  # fmt: skip

    # -- after signing -----------------------------------------------------------------------
    def add_addendum(self) -> None:
        """Ctrl+Shift+N: an addendum to the highlighted note."""
        note = self._note(self.view.selected_note())
        if note is None or self.editing or self.patient_id is None:
            return
        dialog = AddendumDialog(note.get("title") or term(note["note_type"]), self.view)
        patient_id = self.patient_id
        dialog.accepted.connect(lambda: self.workers.run(
            tasks.addend_note, self.workstation, patient_id, note["note_id"], dialog.written(),
            done=lambda _r: self._saved(self.tr("Addendum saved.")), failed=self._write_failed))  # fmt: skip
        dialog.open()

    def cosign(self) -> None:
        """Ctrl+Shift+C: a licensed physician co-signs the highlighted trainee's note."""
        note = self._note(self.view.selected_note())
        if note is None or self.patient_id is None:
            return
        refusal = self._cosign_refusal(note)
        if refusal:
            self.view.set_label(self.view.message, refusal, alert=True)
            return
        self.workers.run(tasks.cosign_note, self.workstation, self.patient_id, note["note_id"],
                         done=lambda _r: self._saved(self.tr("Co-signed.")),
                         failed=self._write_failed)  # fmt: skip

    def _cosign_refusal(self, note: dict[str, Any]) -> str:
        user = self.workstation.user
        if not note.get("needs_cosign") or note.get("cosigned_by"):
            return self.tr("This note needs no co-signature.")
        if clinical_role(user.role) != "physician" or not user.licensed:
            return self.tr("Only a licensed physician can co-sign.")
        if note["author_id"] == user.user_id:
            return self.tr("The author cannot co-sign their own note.")
        return ""

    def _saved(self, text: str) -> None:
        self.view.set_label(self.view.message, text)
        self.sig_chart_changed.emit()

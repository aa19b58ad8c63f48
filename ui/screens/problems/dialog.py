"""The patient's problem list: the problems on it (active first), and a new one: type an ICD-10
code, a Chinese name or its pinyin initials, pick with the arrows and Enter (the chosen title fills
the description, which may be reworded), Ctrl+Enter records. Alt+P moves to the problems on the
list, the arrows choose, Ctrl+R resolves the chosen one. The diagnosis list is the front sheet's (workstation.clinical.icd10: WHO ICD-10 2019 with the
hospital's 国家临床版 2.0 laid over when published); a problem may also be recorded uncoded."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QListWidget, QVBoxLayout, QWidget

from ui.dialogs import ReturningDialog
from workstation.clinical.icd10 import EDITION, Diagnosis, Icd10Catalogue

MATCHES = 10


def _on_the_list(problems: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The problems not voided, active first, each group newest first."""
    live = [p for p in problems if not p.get("voided")]
    newest = sorted(live, key=lambda p: p["recorded_at"], reverse=True)
    return sorted(newest, key=lambda p: p["status"] != "active")


def _closest_first(found: list[Diagnosis], text: str) -> list[Diagnosis]:
    """The exact title (Chinese or English) first, then titles that begin with what was typed,
    then the rest in the list's order."""
    typed = text.strip()
    lower = typed.lower()

    def distance(d: Diagnosis) -> tuple[bool, bool]:
        english = d.name_en.lower()
        exact = typed == d.name_zh or lower == english
        return not exact, not (d.name_zh.startswith(typed) or english.startswith(lower))

    return sorted(found, key=distance)


class ProblemDialog(ReturningDialog):
    """One patient's problem list: sig_record_requested(payload) on Ctrl+Enter,
    sig_resolve_requested(problem_id) on Ctrl+R."""

    sig_record_requested = Signal(object)
    sig_resolve_requested = Signal(str)

    def __init__(self, patient_name: str, catalogue: Icd10Catalogue,
                 problems: list[dict[str, Any]] | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("problemDialog")
        self.setWindowTitle(self.tr("Problem list — %1").replace("%1", patient_name))
        self.catalogue = catalogue
        self.problems = _on_the_list(problems or [])
        self.listed = self._problem_list()
        self.found: list[Diagnosis] = []
        self.chosen: Diagnosis | None = None
        self.search = QLineEdit(objectName="problemSearch")
        self.search.setPlaceholderText(self.tr("ICD-10 code, Chinese name or pinyin initials"))
        self.matches = QListWidget(objectName="problemMatches")
        self.code = QLabel(objectName="problemCode")
        self.description = QLineEdit(objectName="problemDescription")
        self.description.setMaxLength(500)
        self.problem = QLabel(objectName="problemMessage", wordWrap=True)
        form = QFormLayout()
        form.addRow(self.tr("&Problems"), self.listed)
        form.addRow(self.tr("&Diagnosis"), self.search)
        form.addRow("", self.matches)
        form.addRow(self.tr("ICD-10"), self.code)
        form.addRow(self.tr("D&escription"), self.description)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(QLabel(self.tr("List: %1").replace("%1", EDITION)))
        layout.addWidget(QLabel(self.tr("↑↓ choose · Enter takes the code · Ctrl+Enter records · "
                                        "Esc closes")))  # fmt: skip
        layout.addWidget(QLabel(self.tr("Alt+P the problems on the list · Ctrl+R resolves the "
                                        "chosen one")))  # fmt: skip
        self.search.textChanged.connect(self._show_matches)
        self.search.returnPressed.connect(self._take)
        self.search.installEventFilter(self)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self._record)
        QShortcut(QKeySequence("Ctrl+R"), self, activated=self._resolve)
        self.resize(620, 420)
        self._show_code()
        self.search.setFocus()

    def _problem_list(self) -> QListWidget:
        listed = QListWidget(objectName="problemList")
        listed.setMaximumHeight(120)
        for p in self.problems:
            words = f"{p['icd10'] or '—'}  {p['description']}"
            if p["status"] != "active":
                words += "  " + self.tr("(resolved)")
            listed.addItem(words)
        return listed

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        """Up and Down in the search field move through the matches."""
        if (
            watched is self.search
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
        ):
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
            if step is not None and self.matches.count():
                row = (self.matches.currentRow() + step) % self.matches.count()
                self.matches.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)

    def _show_matches(self, text: str) -> None:
        self.matches.clear()
        self.found = _closest_first(self.catalogue.search(text, limit=MATCHES * 5), text)[:MATCHES]
        for item in self.found:
            self.matches.addItem(f"{item.code}  {item.name_zh or item.name_en}")
        if self.found:
            self.matches.setCurrentRow(0)

    def _take(self) -> None:
        row = self.matches.currentRow()
        if not 0 <= row < len(self.found):
            self.description.setFocus()
            return
        self.chosen = self.found[row]
        self.description.setText(self.chosen.name_zh or self.chosen.name_en)
        self._show_code()
        self.description.setFocus()

    def _show_code(self) -> None:
        self.code.setText(
            self.chosen.code if self.chosen else self.tr("(none: an uncoded problem)")
        )

    def payload(self) -> dict[str, Any]:
        """The ProblemRecorded payload as the dialog has it."""
        payload: dict[str, Any] = {"description": self.description.text().strip(),
                                   "status": "active"}  # fmt: skip
        if self.chosen is not None:
            payload["icd10"] = self.chosen.code
        return payload

    def _resolve(self) -> None:
        row = self.listed.currentRow()
        if not 0 <= row < len(self.problems) or self.problems[row]["status"] != "active":
            self.problem.setText(self.tr("Choose an active problem on the list to resolve."))
            self.listed.setFocus()
            return
        self.sig_resolve_requested.emit(self.problems[row]["problem_id"])
        self.accept()

    def _record(self) -> None:
        payload = self.payload()
        if not payload["description"]:
            self.problem.setText(self.tr("Choose a diagnosis or type a description."))
            self.search.setFocus()
            return
        self.sig_record_requested.emit(payload)
        self.accept()

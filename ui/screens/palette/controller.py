"""Finds every action (with its shortcut) and every patient (bed, record number, name, pinyin
initials) for the command palette, and runs or opens the chosen one."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from offline_cache.workstation import Workstation
from ui import tasks
from ui.screens.palette.view import PaletteView
from ui.terms import sex_age
from ui.workers import Workers
from workstation.domain.names import search_initials

PATIENT_LIMIT = 20
_MNEMONIC_SUFFIX = re.compile(r"\(&\w\)")


def action_label(action: QAction) -> str:
    """An action's text without its & mnemonic or ellipsis."""
    text = _MNEMONIC_SUFFIX.sub("", action.text())  # 锁定(&L) -> 锁定
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def action_matches(action: QAction, query: str) -> bool:
    """Every word of the query is in the action's text or in its pinyin/word initials."""
    label = action_label(action).lower()
    initials = search_initials(label)
    return all(word in label or initials.startswith(word) for word in query.lower().split())


def bed_matches(patients: list[dict[str, Any]], query: str) -> list[dict[str, Any]]:
    """Census patients whose bed is the query (digits of `12`, `bed 12` or `12床`), exact first."""
    bed = query.strip().lower().removesuffix("床").removeprefix("bed").strip()
    if not bed:
        return []
    exact = [p for p in patients if p["bed"].lower() == bed]
    starting = [p for p in patients if p["bed"].lower().startswith(bed) and p not in exact]
    return exact + starting


class PaletteController(QObject):
    """One palette at a time; sig_patient_open_requested asks the shell to open a chart."""

    sig_patient_open_requested = Signal(str)
    sig_palette_changed = Signal()  # the entries shown were updated

    def __init__(self, workstation: Workstation, workers: Workers, parent: QObject | None = None):
        super().__init__(parent)
        self.workstation, self.workers = workstation, workers
        self.view: PaletteView | None = None
        self.actions: list[QAction] = []
        self.census: list[dict[str, Any]] = []
        self.found: tuple[str, list[dict[str, Any]]] = ("", [])
        self.ward_id: str | None = None

    def open(self, parent: QWidget, actions: list[QAction], ward_id: str | None) -> PaletteView:
        """Show the palette over the window, listing the enabled actions at once."""
        self.actions = [a for a in actions if a.isEnabled() and a.isVisible() and a.text()]
        self.ward_id, self.found = ward_id, ("", [])
        view = PaletteView(parent)
        self.view = view
        view.sig_text_changed.connect(self._text_changed)
        view.sig_chosen.connect(self._chosen)
        view.finished.connect(lambda _result: self._closed(view))
        self._refresh()
        view.open()
        self.workers.run(tasks.census, self.workstation, ward_id, done=self._census_loaded)
        return view

    def _closed(self, view: PaletteView) -> None:
        if self.view is view:
            self.view = None

    def _census_loaded(self, patients: list[dict[str, Any]]) -> None:
        self.census = patients
        self._refresh()

    def _text_changed(self, text: str) -> None:
        self._refresh()
        if text.strip():
            self.workers.run(tasks.find_patients, self.workstation, text.strip(), done=self._found)

    def _found(self, result: tuple[str, list[dict[str, Any]]]) -> None:
        self.found = result
        self._refresh()

    def _query(self) -> str:
        return self.view.input.text().strip() if self.view is not None else ""

    def _patients(self, query: str) -> list[dict[str, Any]]:
        if not query:
            return self.census
        matches = bed_matches(self.census, query)
        if self.found[0] == query:
            seen = {p["patient_id"] for p in matches}
            matches += [p for p in self.found[1] if p["patient_id"] not in seen]
        return matches[:PATIENT_LIMIT]

    def _refresh(self) -> None:
        if self.view is None:
            return
        query = self._query()
        actions = [a for a in self.actions if not query or action_matches(a, query)]
        patients = [
            (("patient", p["patient_id"]), self._patient_line(p)) for p in self._patients(query)
        ]
        action_rows = [
            (("action", i), self._action_line(a))
            for i, a in enumerate(self.actions)
            if a in actions
        ]
        rows = patients + action_rows if query else action_rows + patients
        self.view.set_entries(rows)
        self.sig_palette_changed.emit()

    def _patient_line(self, patient: dict[str, Any]) -> str:
        bed = self.tr("Bed %1").replace("%1", patient["bed"]) if patient.get("status") == "admitted" \
            else self.tr("discharged")  # fmt: skip
        return "   ".join([self.tr("Patient:"), bed, patient["name"], patient["record_number"],
                           sex_age(patient["sex"], patient["birth_date"])])  # fmt: skip

    @staticmethod
    def _action_line(action: QAction) -> str:
        keys = action.shortcut().toString()
        return f"{action_label(action)}    {keys}" if keys else action_label(action)

    def _chosen(self, key: tuple[str, Any]) -> None:
        view = self.view
        if view is None:
            return
        kind, value = key
        view.accept()
        if kind == "patient":
            self.sig_patient_open_requested.emit(value)
        else:
            self.actions[value].trigger()

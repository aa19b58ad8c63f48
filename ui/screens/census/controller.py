"""Fills the census from the replica and runs the patient search, both on the worker lane."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale, QObject, QTimer, Signal

from offline_cache.workstation import Workstation
from ui import tasks
from ui.screens.census.model import CensusModel
from ui.screens.census.view import CensusView
from ui.workers import Workers

SEARCH_DELAY_MS = 200


def census_of_ward(
    ws: Workstation, ward_id: str | None, chinese: bool
) -> tuple[list[dict[str, Any]], str | None]:
    """The ward's patients (with their notes due) and the ward's name."""
    return tasks.census_with_notes_due(ws, ward_id), ws.store.reference.ward_name(ward_id, chinese)


class CensusController(QObject):
    """Shows the ward (or the search results) and asks for a patient to be opened."""

    sig_patient_open_requested = Signal(str)
    sig_census_changed = Signal(int)
    sig_census_patients = Signal(list)  # the ward census's patient ids, in bed order
    sig_ward_named = Signal(str)  # the ward's name from the wards snapshot, for the status bar

    def __init__(self, view: CensusView, model: CensusModel, workstation: Workstation, workers: Workers,
                 parent: QObject | None = None):  # fmt: skip
        super().__init__(parent)
        self.view, self.model, self.workstation, self.workers = view, model, workstation, workers
        self.ward_id: str | None = None
        self.shown_query = ""
        self.open_first_when_found = False
        self.active = False
        self.search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self._search_now)
        view.sig_search_changed.connect(lambda _text: self.search_timer.start())
        view.sig_search_submitted.connect(self._search_submitted)
        view.sig_open_requested.connect(self._open_row)

    def start(self, ward_id: str | None) -> None:
        """Show a ward after login or unlock."""
        self.ward_id, self.active = ward_id, True
        self.refresh()

    def refresh(self) -> None:
        """Reload what is shown (census, or the current search) from the replica."""
        if not self.active:
            return
        self._search_now()

    def clear(self) -> None:
        """Forget every patient shown (on lock and logout): no PHI left in the widgets."""
        self.active = False
        self.search_timer.stop()
        self.view.search.blockSignals(True)
        self.view.search.clear()
        self.view.search.blockSignals(False)
        self.shown_query, self.open_first_when_found = "", False
        self.model.set_patients([])
        self.view.set_heading(self.tr("Ward census"))
        self.view.set_empty_text("")

    def focus_search(self) -> None:
        """Ctrl+F: put the cursor in the search box, its text selected."""
        self.view.search.setFocus()
        self.view.search.selectAll()

    def _search_now(self) -> None:
        self.search_timer.stop()
        text = self.view.search.text().strip()
        if text:
            self.workers.run(tasks.find_patients, self.workstation, text, done=self._found)
        else:
            chinese = QLocale().name().startswith("zh")
            self.workers.run(
                census_of_ward, self.workstation, self.ward_id, chinese, done=self._census_loaded
            )

    def _search_submitted(self) -> None:
        text = self.view.search.text().strip()
        if text and text == self.shown_query and not self.search_timer.isActive():
            row = self.view.selected_row()
            self._open_row(row if row >= 0 else 0)
        elif text:
            self.open_first_when_found = True
            self._search_now()

    def _found(self, result: tuple[str, list[dict[str, Any]]]) -> None:
        text, patients = result
        if not self.active or text != self.view.search.text().strip():
            return  # an older search, or the station locked meanwhile
        self._show(text, patients, self.tr("Search results: %1").replace("%1", str(len(patients))))
        self.view.set_empty_text(
            "" if patients else self.tr("No patient matches “%1”.").replace("%1", text)
        )
        if self.open_first_when_found and patients:
            self._open_row(max(self.view.selected_row(), 0))
        self.open_first_when_found = False

    def _census_loaded(self, loaded: tuple[list[dict[str, Any]], str | None]) -> None:
        patients, name = loaded
        if name:
            self.sig_ward_named.emit(name)
        if not self.active or self.view.search.text().strip():
            return
        ward = name or self.ward_id or self.tr("all wards")
        self._show(
            "",
            patients,
            self.tr("Ward %1 · %2 patients").replace("%1", ward).replace("%2", str(len(patients))),
        )
        self.view.set_empty_text(
            "" if patients else self.tr("No patients on this ward yet (sync pending?).")
        )
        self.sig_census_changed.emit(len(patients))
        self.sig_census_patients.emit([str(p["patient_id"]) for p in patients])

    def _show(self, query: str, patients: list[dict[str, Any]], heading: str) -> None:
        selected = self.model.patient_id(self.view.selected_row())
        self.shown_query = query
        self.model.set_patients(patients)
        self.view.set_heading(heading)
        row = self.model.row_of(selected) if selected else -1
        self.view.select_row(row if row >= 0 else (0 if query and patients else -1))

    def _open_row(self, row: int) -> None:
        patient_id = self.model.patient_id(row)
        if patient_id is not None:
            self.view.select_row(row)
            self.sig_patient_open_requested.emit(patient_id)

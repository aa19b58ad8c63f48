"""Opens a chart on the worker lane and fills the banner and tabs; clears them on lock.

A chart opens with the newest rows of its long sections (notes, orders, results, vitals); older
rows are paged in when asked for ("Load older rows", or scrolling to the end of a table)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from offline_cache.workstation import Workstation
from ui.screens.chart import tasks
from ui.screens.chart.documents import summary_html
from ui.screens.chart.view import ORDERS_TAB, ChartView
from ui.screens.chart.warming import ChartWarmer
from ui.screens.notes.controller import NotesController
from ui.screens.orders.controller import OrdersController
from ui.screens.vitals_entry.controller import VitalsEntryController
from ui.workers import Workers


class ChartController(QObject):
    """Holds which patient is open; the view holds nothing it cannot lose."""

    sig_chart_opened = Signal(str)
    sig_chart_failed = Signal(str)
    sig_older_rows_loaded = Signal(str)

    def __init__(
        self,
        view: ChartView,
        workstation: Workstation,
        workers: Workers,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.view, self.workstation, self.workers = view, workstation, workers
        self.patient_id: str | None = None
        self.active = False
        self.chart: dict[str, Any] | None = None
        self.loading_older: set[str] = set()
        self.warmer = ChartWarmer(workstation, workers, self)  # the census's charts, read ahead
        view.sig_older_rows_requested.connect(self.load_older)
        self.notes = NotesController(view.notes, workstation, workers, self)
        self.notes.sig_note_signed.connect(lambda _note_id: self.reload())
        self.notes.sig_chart_changed.connect(self.reload)
        self.orders = OrdersController(view.orders, workstation, workers, self)
        self.orders.sig_chart_changed.connect(self.reload)
        self.vitals = VitalsEntryController(view.vitals, workstation, workers, self)
        self.vitals.sig_chart_changed.connect(self.reload)

    def open(self, patient_id: str) -> None:
        """Open (or reload) a patient's chart."""
        self.patient_id, self.active = patient_id, True
        self.workers.run(
            tasks.open_chart, self.workstation, patient_id, done=self._loaded, failed=self._failed
        )

    def reload(self) -> None:
        """Read the open chart again (after a sync brought new events)."""
        if self.active and self.patient_id:
            self.open(self.patient_id)

    def clear(self, *, forget: bool) -> None:
        """Empty every widget (lock, logout); forget=True also forgets which patient was open."""
        self.active, self.chart = False, None
        self.warmer.stop()
        self.workstation.store.chart_cache.clear()  # no chart kept in memory while locked
        self.loading_older.clear()
        self.view.set_older_waiting({})
        if forget:
            self.patient_id = None
            self.notes.forget_resume()
        self.view.banner.clear()
        self.view.summary.clear()
        self.notes.clear()
        self.orders.clear(forget=forget)
        self.vitals.clear()
        for model in self.view.models.values():
            model.set_rows([])
        self.view.show_hint()

    def show_tab(self, index: int) -> None:
        """Ctrl+1 … Ctrl+7: the tab, and the keyboard in what it is read or typed with (after
        Ctrl+1 it stayed in the census search, so the next keys searched instead of scrolling)."""
        if self.active and 0 <= index < self.view.tabs.count():
            self.view.tabs.setCurrentIndex(index)
            if index == ORDERS_TAB:
                self.orders.focus_entry()
            else:
                self._focus_page(self.view.tabs.widget(index))

    def _focus_page(self, page: QWidget) -> None:
        """The summary text, a table, the notes list (the note being written, when open), the
        vitals entry row or the results table (their focus proxies)."""
        notes = self.view.notes
        if page is notes:
            page = notes.editor if notes.editor.isVisibleTo(notes) else notes.note_list
        page.setFocus()

    def _loaded(self, chart: dict[str, Any]) -> None:
        patient = chart["patient"]
        if patient is None:
            self.sig_chart_failed.emit(self.tr("This patient is not in the local data."))
            return
        if not self.active or patient["patient_id"] != self.patient_id:
            return  # locked meanwhile, or another patient was asked for since
        with self.workers.after_paint():  # the checks' context, drafts, balance: after the paint
            self._hand_over(chart)
        self.sig_chart_opened.emit(patient["patient_id"])

    def _hand_over(self, chart: dict[str, Any]) -> None:
        self.view.banner.show_patient(chart)
        self.view.summary.setHtml(summary_html(chart))
        self.notes.show_chart(chart)
        self.orders.show_chart(chart)
        self.vitals.show_chart(chart)
        for key, rows in (("labs", chart["labs"]), ("vitals", chart["vitals"]),
                          ("problems", chart["problems"]), ("allergies", chart["allergies"])):  # fmt: skip
            self.view.models[key].set_rows(rows)
        self.chart = chart
        self.loading_older.clear()
        self.view.set_older_waiting({k: v is not None for k, v in chart["older"].items()})
        self.view.show_tabs()

    def load_older(self, section: str) -> None:
        """Read the next page of older rows of one section (once at a time per section)."""
        chart = self.chart
        before = (chart or {}).get("older", {}).get(section)
        if not self.active or chart is None or before is None or section in self.loading_older:
            return
        self.loading_older.add(section)
        patient_id = chart["patient"]["patient_id"]
        self.workers.run(tasks.older_rows, self.workstation, patient_id, section, before,
                         done=self._older_loaded, failed=self._failed)  # fmt: skip

    def _older_loaded(self, page: tasks.OlderRows) -> None:
        self.loading_older.discard(page.section)
        chart = self.chart
        if not self.active or chart is None or chart["patient"]["patient_id"] != page.patient_id:
            return
        if chart["older"].get(page.section) != page.before:
            return  # the chart was reloaded meanwhile
        rows = tasks.merge_older(chart, page)
        if page.section == "notes":
            self.notes.show_chart(chart)
        elif page.section == "orders":
            self.view.orders.active_model.show_rows(rows)
        elif page.section in self.view.models:
            self.view.models[page.section].show_rows(rows)
            if page.section == "vitals":
                self.vitals.show_rows(rows)
        self.view.set_older_waiting({k: v is not None for k, v in chart["older"].items()})
        self.sig_older_rows_loaded.emit(page.section)

    def _failed(self, error: BaseException) -> None:
        self.sig_chart_failed.emit(str(error))

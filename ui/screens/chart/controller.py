"""Opens a chart on the worker lane and fills the banner and tabs; clears them on lock."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from offline_cache.workstation import Workstation
from ui import tasks
from ui.screens.chart.documents import summary_html
from ui.screens.chart.view import ORDERS_TAB, ChartView
from ui.screens.notes.controller import NotesController
from ui.screens.orders.controller import OrdersController
from ui.workers import Workers


class ChartController(QObject):
    """Holds which patient is open; the view holds nothing it cannot lose."""

    sig_chart_opened = Signal(str)
    sig_chart_failed = Signal(str)

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
        self.notes = NotesController(view.notes, workstation, workers, self)
        self.notes.sig_note_signed.connect(lambda _note_id: self.reload())
        self.notes.sig_chart_changed.connect(self.reload)
        self.orders = OrdersController(view.orders, workstation, workers, self)
        self.orders.sig_chart_changed.connect(self.reload)

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
        self.active = False
        if forget:
            self.patient_id = None
            self.notes.forget_resume()
        self.view.banner.clear()
        self.view.summary.clear()
        self.notes.clear()
        self.orders.clear(forget=forget)
        for model in self.view.models.values():
            model.set_rows([])
        self.view.show_hint()

    def show_tab(self, index: int) -> None:
        """Ctrl+1 … Ctrl+7."""
        if self.active and 0 <= index < self.view.tabs.count():
            self.view.tabs.setCurrentIndex(index)
            if index == ORDERS_TAB:
                self.orders.focus_entry()

    def _loaded(self, chart: dict[str, Any]) -> None:
        patient = chart["patient"]
        if patient is None:
            self.sig_chart_failed.emit(self.tr("This patient is not in the local data."))
            return
        if not self.active or patient["patient_id"] != self.patient_id:
            return  # locked meanwhile, or another patient was asked for since
        self.view.banner.show_patient(chart)
        self.view.summary.setHtml(summary_html(chart))
        self.notes.show_chart(chart)
        self.orders.show_chart(chart)
        for key, rows in (("labs", chart["labs"]), ("vitals", chart["vitals"]),
                          ("problems", chart["problems"]), ("allergies", chart["allergies"])):  # fmt: skip
            self.view.models[key].set_rows(rows)
        self.view.show_tabs()
        self.sig_chart_opened.emit(patient["patient_id"])

    def _failed(self, error: BaseException) -> None:
        self.sig_chart_failed.emit(str(error))

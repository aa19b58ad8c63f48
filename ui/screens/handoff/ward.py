"""The ward handoff list: every patient of the ward with their handoff severity, the last saved
handoff's time and its first line; Enter opens that patient's handoff (offline too)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from offline_cache.workstation import Workstation
from ui.dialogs import ReturningDialog
from ui.workers import Workers
from workstation.clinical.handoff import severity_text, summarise
from workstation.clinical.schedule import AdministrationTimes
from workstation.clock import parse_iso, utc_now
from workstation.projections import queries
from workstation.projections.nursing_queries import nursing_chart

translate = QCoreApplication.translate


@dataclass(frozen=True)
class WardHandoffRow:
    """One patient of the ward handoff list."""

    patient_id: str
    bed: str
    name: str
    severity: str
    news2: str
    last_at: str  # ward clock
    last_line: str


def _ward_time(stamp: str, times: AdministrationTimes) -> str:
    """A stored UTC time on the ward's clock (the administration-times zone, as the MAR)."""
    return parse_iso(stamp).astimezone(times.zone).strftime("%Y-%m-%d %H:%M")


def _row(chart: dict[str, Any], times: AdministrationTimes, language: str) -> WardHandoffRow:
    summary = summarise(chart, now=utc_now(), times=times)
    live = [h for h in chart.get("handoffs") or [] if not h.get("voided")]
    last = max(live, key=lambda h: h["recorded_at"]) if live else None
    patient = chart["patient"]
    return WardHandoffRow(
        patient["patient_id"], patient["bed"] or "", patient["name"],
        severity_text(summary.severity, language),
        " → ".join(str(t) for t in summary.news2_trend),
        _ward_time(last["recorded_at"], times) if last else "",
        last["text"].splitlines()[0] if last else "",
    )  # fmt: skip


def load_ward(ws: Workstation, ward_id: str | None, language: str) -> list[WardHandoffRow]:
    """The ward's patients in bed order with their handoff state, worded in the language (worker
    lane, local replica)."""
    times = AdministrationTimes.load()
    with ws.store.reading() as conn:
        return [_row(nursing_chart(conn, p["patient_id"]), times, language)
                for p in queries.census(conn, ward_id)]  # fmt: skip


class WardHandoffDialog(ReturningDialog):
    """The ward's handoff list; Enter on a patient asks for their handoff (sig_patient_chosen)."""

    sig_patient_chosen = Signal(str)

    def __init__(self, ws: Workstation, workers: Workers, ward_id: str | None,
                 parent: QWidget | None = None):  # fmt: skip
        super().__init__(parent)
        self.setObjectName("wardHandoffDialog")
        self.setWindowTitle(translate("Handoff", "Ward handoff"))
        self.rows: list[WardHandoffRow] = []
        self.hint = QLabel(translate("Handoff", "Loading the ward…"))
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels([translate("Handoff", h) for h in (
            "Bed", "Patient", "NEWS2 (severity)", "Last handoff", "First line")])  # fmt: skip
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.activated.connect(lambda index: self._choose(index.row()))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.hint, self.table, buttons):
            layout.addWidget(widget)
        self.resize(900, 420)
        workers.run(load_ward, ws, ward_id, QLocale().name(), done=self.show_rows,
                    failed=lambda e: self.hint.setText(str(e)))  # fmt: skip

    def show_rows(self, rows: list[WardHandoffRow]) -> None:
        """Fill the list; the first patient is chosen and the list takes the keyboard."""
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            news2 = f"{row.news2 or '—'} ({row.severity})"
            texts = (row.bed, row.name, news2, row.last_at or "—", row.last_line)
            for c, text in enumerate(texts):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.hint.setText(translate("Handoff", "Enter: the chosen patient's handoff."))
        if rows:
            self.table.setCurrentCell(0, 0)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _choose(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.sig_patient_chosen.emit(self.rows[row].patient_id)
            self.accept()

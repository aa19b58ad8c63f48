"""Saves vitals sets and intake/output entries on the worker lane; keeps the balance shown."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from sqlalchemy import select

from offline_cache.workstation import Workstation
from ui.screens.trends.series import vitals_series
from ui.screens.vitals_entry.pane import VitalsPane
from ui.workers import Workers
from workstation.clinical.fluid_balance import DailyBalance, daily_balances, ward_day
from workstation.clinical.schedule import AdministrationTimes
from workstation.clock import now_iso, parse_iso
from workstation.projections import tables as pt


def record(ws: Workstation, event_type: str, patient_id: str, payload: dict[str, Any]) -> str:
    """Record one event for the patient (the policy refuses a role not allowed to)."""
    return ws.record(event_type, patient_id=patient_id, payload=payload).event_id


def todays_balance(ws: Workstation, patient_id: str) -> DailyBalance | None:
    """The current ward day's intake/output balance of the patient (None when nothing today)."""
    io = pt.intake_output
    with ws.store.reading() as conn:
        rows = [
            dict(r._mapping) for r in conn.execute(select(io).where(io.c.patient_id == patient_id))
        ]
    times = AdministrationTimes.load()
    today = ward_day(parse_iso(now_iso()), times)
    return next((b for b in daily_balances(rows, times=times) if b.day == today), None)


class VitalsEntryController(QObject):
    """Emits sig_chart_changed after a save so the chart (table, plot, banner) reads again."""

    sig_chart_changed = Signal()

    def __init__(self, pane: VitalsPane, workstation: Workstation, workers: Workers,
                 parent: QObject | None = None):  # fmt: skip
        super().__init__(parent)
        self.pane, self.workstation, self.workers = pane, workstation, workers
        self.patient_id: str | None = None
        pane.form.sig_save.connect(lambda p: self._save("VitalsRecorded", p))
        pane.intake_output.sig_save.connect(lambda p: self._save("IntakeOutputRecorded", p))

    def show_chart(self, chart: dict[str, Any]) -> None:
        """A chart was read: plot its vitals and read the day's balance."""
        self.patient_id = chart["patient"]["patient_id"]
        self.pane.plot.set_series(vitals_series(chart["vitals"]))
        self.workers.run(todays_balance, self.workstation, self.patient_id,
                         done=self.pane.intake_output.show_balance, failed=self._failed)  # fmt: skip

    def show_rows(self, rows: list[dict[str, Any]]) -> None:
        """Older rows were paged in: plot them too."""
        self.pane.plot.set_series(vitals_series(rows))

    def clear(self) -> None:
        """Lock or logout: nothing of the patient stays."""
        self.patient_id = None
        self.pane.form.clear_entry()
        self.pane.intake_output.show_balance(None)
        self.pane.plot.set_series([])
        self.pane.status.clear()

    def _save(self, event_type: str, payload: dict[str, Any]) -> None:
        if self.patient_id is None:
            return
        self.workers.run(record, self.workstation, event_type, self.patient_id, payload,
                         done=lambda _id: self._saved(event_type), failed=self._failed)  # fmt: skip

    def _saved(self, event_type: str) -> None:
        if event_type == "VitalsRecorded":
            self.pane.form.clear_entry()
            self.pane.form.first_field().setFocus()
            text = QCoreApplication.translate("VitalsEntry", "Vital signs saved.")
        else:
            text = QCoreApplication.translate("VitalsEntry", "Intake/output saved.")
        self.pane.status.setText(text)
        self.sig_chart_changed.emit()

    def _failed(self, error: BaseException) -> None:
        self.pane.status.setText(
            QCoreApplication.translate("VitalsEntry", "Not saved: %1").replace("%1", str(error))
        )

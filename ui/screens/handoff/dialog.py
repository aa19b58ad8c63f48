"""The shift handoff of the open patient: I-PASS or SBAR text filled from the chart by the core
(workstation.clinical.handoff), editable, saved as HandoffRecorded. Reads the local replica, so
it works offline; the event syncs later like any other."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from offline_cache.workstation import Workstation
from ui.dialogs import ReturningDialog
from ui.workers import Workers
from workstation.clinical.handoff import HandoffSummary, handoff_text, summarise
from workstation.clinical.schedule import AdministrationTimes
from workstation.clock import utc_now
from workstation.projections.nursing_queries import nursing_chart

translate = QCoreApplication.translate


def load_summary(ws: Workstation, patient_id: str) -> HandoffSummary:
    """The core's handoff summary of the patient from the local replica (worker lane)."""
    with ws.store.reading() as conn:
        chart = nursing_chart(conn, patient_id)
    return summarise(chart, now=utc_now(), times=AdministrationTimes.load())


def record_handoff(ws: Workstation, patient_id: str, payload: dict[str, Any]) -> str:
    """Save a HandoffRecorded event."""
    return ws.record("HandoffRecorded", patient_id=patient_id, payload=payload).event_id


class HandoffDialog(ReturningDialog):
    """Edit and save one patient's handoff; Ctrl+Enter saves, Esc leaves without saving."""

    sig_saved = Signal(str)

    def __init__(self, ws: Workstation, workers: Workers, patient_id: str,
                 parent: QWidget | None = None):  # fmt: skip
        super().__init__(parent)
        self.ws, self.workers, self.patient_id = ws, workers, patient_id
        self.summary: HandoffSummary | None = None
        self.setObjectName("handoffDialog")
        self.setWindowTitle(translate("Handoff", "Shift handoff"))
        self.style_box = QComboBox()
        self.style_box.setObjectName("handoffStyle")
        self.style_box.addItem("I-PASS", "ipass")
        self.style_box.addItem("SBAR", "sbar")
        self.style_box.currentIndexChanged.connect(self._fill)
        self.text, self.last, self.message = QPlainTextEdit(), QLabel(), QLabel()
        self.text.setObjectName("handoffText")
        self.last.setWordWrap(True)
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)  # fmt: skip
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)
        top = QHBoxLayout()
        label = QLabel(translate("Handoff", "&Style:"))
        label.setBuddy(self.style_box)
        top.addWidget(label)
        top.addWidget(self.style_box)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        for widget in (self.text, self.last, self.message, buttons):
            layout.addWidget(widget)
        self.resize(760, 480)
        self.text.setPlaceholderText(translate("Handoff", "Loading the chart…"))
        workers.run(load_summary, ws, patient_id, done=self._loaded,
                    failed=lambda e: self.message.setText(str(e)))  # fmt: skip

    def _loaded(self, summary: HandoffSummary) -> None:
        self.summary = summary
        if summary.last_handoff:
            self.last.setText(translate("Handoff", "Last handoff: %1").replace(
                "%1", summary.last_handoff.splitlines()[0]))  # fmt: skip
        self._fill()
        self.activateWindow()
        self.text.setFocus()

    def _fill(self) -> None:
        if self.summary is not None:
            self.text.setPlainText(handoff_text(self.summary, self.style_box.currentData(),
                                                language=QLocale().name()))  # fmt: skip

    def save(self) -> None:
        """Record the edited text as HandoffRecorded."""
        text = self.text.toPlainText().strip()
        if self.summary is None or not text:
            self.message.setText(translate("Handoff", "Nothing to save yet."))
            return
        payload = {"style": self.style_box.currentData(), "text": text}
        self.workers.run(record_handoff, self.ws, self.patient_id, payload,
                         done=self._saved, failed=self._failed)  # fmt: skip

    def _saved(self, event_id: str) -> None:
        self.sig_saved.emit(event_id)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.message.setText(translate("Handoff", "Not saved: %1").replace("%1", str(error)))

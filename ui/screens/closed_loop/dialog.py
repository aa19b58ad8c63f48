"""The medication closed loop of one order: every step with time and person, the exceptions
marked, and the steps not yet reached (core workstation.clinical.closed_loop)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from offline_cache.order_transmissions import transmissions
from offline_cache.workstation import Workstation
from ui import tasks as shell_tasks
from ui.dialogs import ReturningDialog
from ui.icons import icon
from ui.screens.closed_loop.facts import detail_words
from ui.terms import order_text
from ui.workers import Workers
from workstation.clinical.closed_loop import LoopEvent, closed_loop, missing_steps
from workstation.clinical.order_transmissions import (
    SENT_KINDS,
    missing_sent_steps,
    sent_order_loop,
)
from workstation.clinical.schedule import AdministrationTimes
from workstation.projections.nursing_queries import nursing_chart

translate = QCoreApplication.translate

STEPS = {
    "signed": QT_TRANSLATE_NOOP("ClosedLoop", "Signed by the doctor"),
    "verified": QT_TRANSLATE_NOOP("ClosedLoop", "Verified by pharmacy"),
    "dispensed": QT_TRANSLATE_NOOP("ClosedLoop", "Dispensed"),
    "received": QT_TRANSLATE_NOOP("ClosedLoop", "Received on the ward"),
    "bedside_check": QT_TRANSLATE_NOOP("ClosedLoop", "Bedside check"),
    "given": QT_TRANSLATE_NOOP("ClosedLoop", "Given"),
    "rejected": QT_TRANSLATE_NOOP("ClosedLoop", "Rejected by pharmacy"),
    "stopped": QT_TRANSLATE_NOOP("ClosedLoop", "Stopped"),
    "voided": QT_TRANSLATE_NOOP("ClosedLoop", "Voided"),
    "returned": QT_TRANSLATE_NOOP("ClosedLoop", "Returned"),
    "held": QT_TRANSLATE_NOOP("ClosedLoop", "Held"),
    "refused": QT_TRANSLATE_NOOP("ClosedLoop", "Refused"),
    "not_given": QT_TRANSLATE_NOOP("ClosedLoop", "Not given"),
    "adverse_reaction": QT_TRANSLATE_NOOP("ClosedLoop", "Adverse reaction"),
    "flagged": QT_TRANSLATE_NOOP("ClosedLoop", "Flagged for review"),
    "sent": QT_TRANSLATE_NOOP("ClosedLoop", "Sent to the hospital system"),
    "cancel_sent": QT_TRANSLATE_NOOP("ClosedLoop", "Cancel sent to the hospital system"),
    "infusion_round": QT_TRANSLATE_NOOP("ClosedLoop", "Infusion round"),
}


def step_words(kind: str) -> str:
    """The translated name of a closed-loop step or exception."""
    return translate("ClosedLoop", str(STEPS[kind])) if kind in STEPS else kind


def load_loop(ws: Workstation, patient_id: str, order_id: str) -> dict[str, Any]:
    """The order's loop, its open steps, its description and the staff names (worker lane)."""
    with ws.store.reading() as conn:
        chart = nursing_chart(conn, patient_id)
        sent = transmissions(conn, patient_id)
    order = next(o for o in chart["orders"] if o["order_id"] == order_id)
    if order["order_kind"] in SENT_KINDS:  # a lab or imaging order: its way to the LIS / PACS
        loop = sent_order_loop(chart, order_id, sent)
    else:
        loop = closed_loop(chart, order_id)
    # the signed step carries the order as written: shown in the user's words instead
    loop = [replace(e, detail=order_text(order)) if e.kind == "signed" else e for e in loop]
    missing = missing_sent_steps(loop) if order["order_kind"] in SENT_KINDS else missing_steps(loop)
    return {"loop": loop, "missing": missing, "description": order_text(order),
            "names": shell_tasks.user_names(ws)}  # fmt: skip


class ClosedLoopDialog(ReturningDialog):
    """The timeline of one medication order (or of a lab or imaging order's way to the LIS or
    the PACS), read from the local replica (works offline)."""

    def __init__(self, ws: Workstation, workers: Workers, patient_id: str, order_id: str,
                 parent: QWidget | None = None):  # fmt: skip
        super().__init__(parent)
        self.setObjectName("closedLoopDialog")
        self.setWindowTitle(translate("ClosedLoop", "Medication closed loop"))
        self.zone = AdministrationTimes.load().zone
        self.heading, self.open_steps = QLabel(), QLabel()
        self.heading.setWordWrap(True)
        self.open_steps.setObjectName("closedLoopOpen")
        self.open_steps.setWordWrap(True)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels([translate("ClosedLoop", h) for h in (
            "Step", "Time", "By", "Details")])  # fmt: skip
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.table, self.open_steps, buttons):
            layout.addWidget(widget)
        self.resize(820, 420)
        self.heading.setText(translate("ClosedLoop", "Loading…"))
        workers.run(load_loop, ws, patient_id, order_id, done=self.show_loop,
                    failed=lambda e: self.heading.setText(str(e)))  # fmt: skip

    def _time(self, at: str) -> str:
        return datetime.fromisoformat(at).astimezone(self.zone).strftime("%m-%d %H:%M")

    def show_loop(self, found: dict[str, Any]) -> None:
        """Fill the table: one row per step, each step's icon (done, or the exception's cross) beside its words, exceptions bold too (never
        colour alone)."""
        self.heading.setText(found["description"])
        loop: list[LoopEvent] = found["loop"]
        self.table.setRowCount(len(loop))
        bold = QFont()
        bold.setBold(True)
        for row, event in enumerate(loop):
            step = step_words(event.kind)
            by = found["names"].get(event.by, event.by) if event.by else ""
            detail = detail_words(event, found["names"])
            for column, text in enumerate((step, self._time(event.at), by, detail)):
                item = QTableWidgetItem(text)
                if event.exception:
                    item.setFont(bold)
                if column == 0:
                    item.setIcon(icon("failed" if event.exception else "success"))
                self.table.setItem(row, column, item)
        missing = translate("ClosedLoopFacts", ", ").join(
            step_words(kind) for kind in found["missing"]
        )
        self.open_steps.setText(
            translate("ClosedLoop", "Not yet: %1").replace("%1", missing) if missing
            else translate("ClosedLoop", "Every step of the loop is done.")
        )  # fmt: skip
        self.table.setFocus()

"""Morse and Braden as keyboard forms: number keys or arrows choose, Tab moves on, the total and
risk level come live from the core (workstation.clinical.assessments), Ctrl+Enter saves."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from offline_cache.workstation import Workstation
from ui.dialogs import ReturningDialog
from ui.screens.assessments.choices import ChoiceRow
from ui.screens.assessments.risk import RiskResult
from ui.workers import Workers
from workstation.clinical.assessments import SCALES, score
from workstation.clock import now_iso

translate = QCoreApplication.translate
TITLE_BAR_EXTRA = 160  # the window buttons and margins beside the title text

TITLES = {
    "morse": QT_TRANSLATE_NOOP("Assessments", "Morse Fall Scale"),
    "braden": QT_TRANSLATE_NOOP("Assessments", "Braden Scale"),
}


class ChoiceBox(QComboBox):
    """One scale item: the digit keys 1..n choose the nth answer; arrows step; Tab moves on."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        text = event.text()
        if text.isdigit() and 1 <= int(text) <= self.count():
            self.setCurrentIndex(int(text) - 1)
            return
        super().keyPressEvent(event)


def record_assessment(ws: Workstation, patient_id: str, payload: dict[str, Any]) -> str:
    """Save an AssessmentRecorded event (the core checks the total and risk again)."""
    return ws.record("AssessmentRecorded", patient_id=patient_id, payload=payload).event_id


class AssessmentDialog(ReturningDialog):
    """A nurse's form of the open patient, saved as one AssessmentRecorded on the worker lane:
    once, even when Ctrl+Enter is pressed again while the first save is on its way."""

    sig_saved = Signal(str)

    def __init__(self, patient_id: str, ws: Workstation, workers: Workers,
                 parent: QWidget | None = None):  # fmt: skip
        super().__init__(parent)
        self.patient_id, self.ws, self.workers = patient_id, ws, workers
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.saving = False

    def record(self, payload: dict[str, Any]) -> None:
        """Save the answers (the dialog closes once they are on disk)."""
        if self.saving:
            return
        self.saving = True
        self.workers.run(record_assessment, self.ws, self.patient_id, payload,
                         done=self._saved, failed=self._failed)  # fmt: skip

    def _saved(self, event_id: str) -> None:
        self.sig_saved.emit(event_id)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.saving = False
        self.message.setText(translate("Assessments", "Not saved: %1").replace("%1", str(error)))


class ScaleDialog(AssessmentDialog):
    """A scored scale for the open patient; saved as AssessmentRecorded."""

    def __init__(self, kind: str, patient_id: str, ws: Workstation, workers: Workers,
                 parent: QWidget | None = None):  # fmt: skip
        super().__init__(patient_id, ws, workers, parent)
        self.kind = kind
        self.setObjectName(f"{kind}Dialog")
        self.setWindowTitle(translate("Assessments", str(TITLES[kind])))
        form = QFormLayout()
        self.boxes: dict[str, ChoiceRow] = {}
        for item in SCALES[kind]:
            box = ChoiceRow([(f"{n}. {translate('ScaleAnswers', answer)} ({value})", value)
                             for n, (value, answer) in enumerate(item.choices, start=1)])  # fmt: skip
            box.setObjectName(item.code)
            box.currentIndexChanged.connect(self._recompute)
            form.addRow(translate("ScaleItems", item.title_en), box)  # zh: the core's title_zh
            self.boxes[item.code] = box
        hint = QLabel(translate("Assessments", "Number keys choose an answer, arrows step, Tab "
                                               "goes to the next item, Ctrl+Enter saves."))  # fmt: skip
        self.result = RiskResult(kind)
        self.total_label = self.result.total
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)  # fmt: skip
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.result)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self._recompute()
        next(iter(self.boxes.values())).setFocus()

    def items(self) -> dict[str, int]:
        """The answers chosen so far, item code -> score."""
        return {code: box.currentData() for code, box in self.boxes.items()
                if box.currentIndex() >= 0}  # fmt: skip

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Wide enough for the whole title (scale, patient, bed, record number) and the answers."""
        title = self.fontMetrics().horizontalAdvance(self.windowTitle()) + TITLE_BAR_EXTRA
        screen = self.screen().availableGeometry().width() - 40
        self.resize(min(max(self.width(), title, self.sizeHint().width()), screen), self.height())
        super().showEvent(event)

    def _recompute(self) -> None:
        items = self.items()
        self.result.show_answers(items, len(self.boxes))

    def save(self) -> None:
        """Record the answer sheet once every item is answered (Ctrl+Enter)."""
        items = self.items()
        missing = [code for code, box in self.boxes.items() if box.currentIndex() < 0]
        if missing:
            self.message.setText(translate("Assessments", "Answer every item first."))
            self.boxes[missing[0]].setFocus()
            return
        result = score(self.kind, items)
        payload = {"kind": self.kind, "items": items, "total": result.total,
                   "risk": result.risk, "assessed_at": now_iso()}  # fmt: skip
        self.record(payload)

"""The admission nursing assessment as a keyboard form: standard answers as lists (the digit keys
choose), pain 0-10 as a number, free text where the answer is the patient's own (lines and
devices, belongings, social, education needs). Enter or Tab moves on, Ctrl+Enter saves an
AssessmentRecorded of kind admission_nursing; the handoff reads its lines and devices."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from offline_cache.workstation import Workstation
from ui.screens.assessments.dialog import AssessmentDialog, ChoiceBox
from ui.workers import Workers
from workstation.clinical.assessments import ADMISSION_CHOICES, ADMISSION_NURSING_ITEMS
from workstation.clock import now_iso

translate = QCoreApplication.translate
ADMISSION = "admission_nursing"

ITEM_TITLES = {
    "arrived_by": QT_TRANSLATE_NOOP("AdmissionAssessment", "Arrived by"),
    "orientation": QT_TRANSLATE_NOOP("AdmissionAssessment", "Orientation"),
    "communication": QT_TRANSLATE_NOOP("AdmissionAssessment", "Communication"),
    "mobility": QT_TRANSLATE_NOOP("AdmissionAssessment", "Mobility"),
    "diet": QT_TRANSLATE_NOOP("AdmissionAssessment", "Diet"),
    "continence": QT_TRANSLATE_NOOP("AdmissionAssessment", "Continence"),
    "skin": QT_TRANSLATE_NOOP("AdmissionAssessment", "Skin"),
    "pain": QT_TRANSLATE_NOOP("AdmissionAssessment", "Pain (0-10)"),
    "lines_and_devices": QT_TRANSLATE_NOOP("AdmissionAssessment", "Lines and devices"),
    "belongings": QT_TRANSLATE_NOOP("AdmissionAssessment", "Belongings"),
    "social": QT_TRANSLATE_NOOP("AdmissionAssessment", "Social situation"),
    "education_needs": QT_TRANSLATE_NOOP("AdmissionAssessment", "Education needs"),
}
ANSWERS = {
    "walking": QT_TRANSLATE_NOOP("AdmissionAnswers", "walking"),
    "wheelchair": QT_TRANSLATE_NOOP("AdmissionAnswers", "wheelchair"),
    "stretcher": QT_TRANSLATE_NOOP("AdmissionAnswers", "stretcher"),
    "oriented": QT_TRANSLATE_NOOP("AdmissionAnswers", "alert and oriented"),
    "confused": QT_TRANSLATE_NOOP("AdmissionAnswers", "confused"),
    "drowsy": QT_TRANSLATE_NOOP("AdmissionAnswers", "drowsy"),
    "unresponsive": QT_TRANSLATE_NOOP("AdmissionAnswers", "unresponsive"),
    "normal": QT_TRANSLATE_NOOP("AdmissionAnswers", "normal"),
    "hard_of_hearing": QT_TRANSLATE_NOOP("AdmissionAnswers", "hard of hearing"),
    "poor_vision": QT_TRANSLATE_NOOP("AdmissionAnswers", "poor vision"),
    "speech_difficulty": QT_TRANSLATE_NOOP("AdmissionAnswers", "speech difficulty"),
    "needs_interpreter": QT_TRANSLATE_NOOP("AdmissionAnswers", "needs an interpreter"),
    "independent": QT_TRANSLATE_NOOP("AdmissionAnswers", "independent"),
    "walking_aid": QT_TRANSLATE_NOOP("AdmissionAnswers", "walks with an aid"),
    "needs_help": QT_TRANSLATE_NOOP("AdmissionAnswers", "needs help to move"),
    "bedbound": QT_TRANSLATE_NOOP("AdmissionAnswers", "bedbound"),
    "diabetic": QT_TRANSLATE_NOOP("AdmissionAnswers", "diabetic"),
    "low_salt": QT_TRANSLATE_NOOP("AdmissionAnswers", "low salt"),
    "soft": QT_TRANSLATE_NOOP("AdmissionAnswers", "soft"),
    "liquid": QT_TRANSLATE_NOOP("AdmissionAnswers", "liquid"),
    "tube_feeding": QT_TRANSLATE_NOOP("AdmissionAnswers", "tube feeding"),
    "nil_by_mouth": QT_TRANSLATE_NOOP("AdmissionAnswers", "nil by mouth"),
    "continent": QT_TRANSLATE_NOOP("AdmissionAnswers", "continent"),
    "urinary_incontinence": QT_TRANSLATE_NOOP("AdmissionAnswers", "urinary incontinence"),
    "faecal_incontinence": QT_TRANSLATE_NOOP("AdmissionAnswers", "faecal incontinence"),
    "double_incontinence": QT_TRANSLATE_NOOP("AdmissionAnswers", "urinary and faecal incontinence"),
    "urinary_catheter": QT_TRANSLATE_NOOP("AdmissionAnswers", "urinary catheter"),
    "intact": QT_TRANSLATE_NOOP("AdmissionAnswers", "intact"),
    "dry_or_fragile": QT_TRANSLATE_NOOP("AdmissionAnswers", "dry or fragile"),
    "wound": QT_TRANSLATE_NOOP("AdmissionAnswers", "wound"),
    "pressure_injury": QT_TRANSLATE_NOOP("AdmissionAnswers", "pressure injury"),
}
HINTS = {
    "lines_and_devices": QT_TRANSLATE_NOOP(
        "AdmissionAssessment", "e.g. IV cannula left forearm, urinary catheter; blank if none"),
    "belongings": QT_TRANSLATE_NOOP("AdmissionAssessment", "e.g. glasses, dentures, phone"),
    "social": QT_TRANSLATE_NOOP("AdmissionAssessment", "lives with, carer, contact person"),
    "education_needs": QT_TRANSLATE_NOOP(
        "AdmissionAssessment", "e.g. new medicines, diet, falls prevention"),
}  # fmt: skip


def item_title(code: str) -> str:
    """The translated title of an admission item."""
    return translate("AdmissionAssessment", str(ITEM_TITLES.get(code, code)))


def answer_words(code: str, value: str) -> str:
    """An answer as the user reads it: a list answer translated, pain as n/10, text as written."""
    if code == "pain":
        return f"{value}/10"
    if code in ADMISSION_CHOICES and value in ANSWERS:
        return translate("AdmissionAnswers", str(ANSWERS[value]))
    return value


class PainBox(QSpinBox):
    """Pain 0-10: type the number (Tab selects what is there); blank until scored."""

    def __init__(self) -> None:
        super().__init__()
        self.setRange(-1, 10)
        self.setSpecialValueText("—")  # -1: not scored yet
        self.setValue(-1)


class AdmissionDialog(AssessmentDialog):
    """The admission nursing assessment of the open patient; saved as AssessmentRecorded."""

    def __init__(self, patient_id: str, ws: Workstation, workers: Workers,
                 parent: QWidget | None = None):  # fmt: skip
        super().__init__(patient_id, ws, workers, parent)
        self.setObjectName("admissionDialog")
        self.setWindowTitle(translate("AdmissionAssessment", "Admission nursing assessment"))
        form = QFormLayout()
        self.choices: dict[str, ChoiceBox] = {}
        self.texts: dict[str, QLineEdit] = {}
        self.pain = PainBox()
        self.pain.setObjectName("pain")
        for code in ADMISSION_NURSING_ITEMS:
            form.addRow(item_title(code), self._field(code))
        hint = QLabel(translate("AdmissionAssessment", "Digits choose an answer, Enter or Tab "
                                "moves on, Ctrl+Enter saves."))  # fmt: skip
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)  # fmt: skip
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        for button in buttons.buttons():
            button.setAutoDefault(False)  # Enter moves on; only Ctrl+Enter saves
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        for widget in (hint, self.message, buttons):
            layout.addWidget(widget)
        next(iter(self.choices.values())).setFocus()

    def _field(self, code: str) -> QWidget:
        if code == "pain":
            return self.pain
        if code in ADMISSION_CHOICES:
            box = ChoiceBox()
            for n, answer in enumerate(ADMISSION_CHOICES[code], start=1):
                box.addItem(f"{n}. {answer_words(code, answer)}", answer)
            box.setCurrentIndex(-1)
            box.setPlaceholderText(translate("Assessments", "Press 1-%1").replace(
                "%1", str(box.count())))  # fmt: skip
            self.choices[code] = box
            widget: QWidget = box
        else:
            line = QLineEdit()
            line.setPlaceholderText(translate("AdmissionAssessment", str(HINTS.get(code, ""))))
            self.texts[code] = line
            widget = line
        widget.setObjectName(code)
        return widget

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            self.focusNextChild()  # Enter moves on through the form, like Tab
            return
        super().keyPressEvent(event)

    def items(self) -> dict[str, str]:
        """The answers given so far, item code -> text (list answers as their codes)."""
        answers = {code: str(box.currentData()) for code, box in self.choices.items()
                   if box.currentIndex() >= 0}  # fmt: skip
        if self.pain.value() >= 0:
            answers["pain"] = str(self.pain.value())
        answers.update({code: line.text().strip() for code, line in self.texts.items()
                        if line.text().strip()})  # fmt: skip
        return {code: answers[code] for code in ADMISSION_NURSING_ITEMS if code in answers}

    def _unanswered(self) -> QWidget | None:
        """The first list item or the pain score still without an answer."""
        for code in ADMISSION_NURSING_ITEMS:
            if code in self.choices and self.choices[code].currentIndex() < 0:
                return self.choices[code]
            if code == "pain" and self.pain.value() < 0:
                return self.pain
        return None

    def save(self) -> None:
        """Record the assessment once every list item and the pain score are answered."""
        missing = self._unanswered()
        if missing is not None:
            self.message.setText(translate("AdmissionAssessment", "Answer %1 first.")
                                 .replace("%1", item_title(missing.objectName())))  # fmt: skip
            missing.setFocus(Qt.FocusReason.TabFocusReason)  # a number box selects its text
            return
        payload: dict[str, Any] = {"kind": ADMISSION, "items": self.items(),
                                   "assessed_at": now_iso()}  # fmt: skip
        self.record(payload)

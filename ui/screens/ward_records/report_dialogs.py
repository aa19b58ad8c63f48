"""The adverse-event report (不良事件, from any screen: Ctrl+Shift+E) and the ward handover report
(交接班报告: Ctrl+Shift+Z), keyboard-first. In the report, the category and grade take their
digit, Alt+N makes it anonymous to colleagues (never to the quality office), a medication event
asks for the ADR report's fields and shows its 15/30-day time; Ctrl+Enter saves. The handover
report shows the shift's counts and special patients drafted from the events; Ctrl+Enter signs it
(handing over) or signs for it (receiving, once another nurse has signed)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs import ReturningDialog
from ui.terms import local_time, user_language
from workstation.clinical.adverse_events import adr_deadline
from workstation.clinical.order_words import chinese
from workstation.clinical.ward_census import COUNT_KEYS, COUNT_NAMES
from workstation.clock import now_iso
from workstation.events.ward_events import ADVERSE_CATEGORIES, SEVERITY_GRADES
from workstation.reports.handover_report import handover_word


def _save_keys(dialog: ReturningDialog, slot: Any) -> None:
    for keys in ("Ctrl+Return", "Ctrl+Enter"):
        QShortcut(QKeySequence(keys), dialog, activated=slot)


# the reporting limits of workstation.clinical.adverse_events.adr_deadline, in words
ADR_LIMITS = {
    "immediately": QT_TRANSLATE_NOOP("AdverseEventDialog", "immediately"),
    "15 days": QT_TRANSLATE_NOOP("AdverseEventDialog", "15 days"),
    "30 days": QT_TRANSLATE_NOOP("AdverseEventDialog", "30 days"),
}


CATEGORY_NAMES = {  # workstation.events.ward_events.ADVERSE_CATEGORIES in words
    "medication": QT_TRANSLATE_NOOP("AdverseEventDialog", "medication"),
    "fall": QT_TRANSLATE_NOOP("AdverseEventDialog", "fall"),
    "pressure_injury": QT_TRANSLATE_NOOP("AdverseEventDialog", "pressure injury"),
    "transfusion": QT_TRANSLATE_NOOP("AdverseEventDialog", "transfusion"),
    "device": QT_TRANSLATE_NOOP("AdverseEventDialog", "device"),
    "other": QT_TRANSLATE_NOOP("AdverseEventDialog", "other"),
}
GRADE_NAMES = {  # SEVERITY_GRADES as the 中国医院协会 reporting guide names them
    "I": QT_TRANSLATE_NOOP("AdverseEventDialog", "I — sentinel event (death or permanent harm)"),
    "II": QT_TRANSLATE_NOOP("AdverseEventDialog", "II — adverse outcome"),
    "III": QT_TRANSLATE_NOOP("AdverseEventDialog", "III — no harm"),
    "IV": QT_TRANSLATE_NOOP("AdverseEventDialog", "IV — near miss"),
}


def _words(source: str) -> str:
    return QCoreApplication.translate("AdverseEventDialog", source)


class AdverseEventDialog(ReturningDialog):
    """One adverse-event report; sig_report_requested(payload) on Ctrl+Enter."""

    sig_report_requested = Signal(object)

    def __init__(self, ward_id: str, patient_id: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("adverseEventDialog")
        self.setWindowTitle(self.tr("Report an adverse event"))
        self.ward_id, self.patient_id = ward_id, patient_id
        self.category = QComboBox(objectName="adverseCategory")
        for number, code in enumerate(ADVERSE_CATEGORIES, start=1):
            self.category.addItem(f"{number} {_words(CATEGORY_NAMES.get(code, code))}", code)
        self.severity = QComboBox(objectName="adverseSeverity")
        for grade in SEVERITY_GRADES:
            self.severity.addItem(_words(GRADE_NAMES.get(grade, grade)), grade)
        self.severity.setCurrentIndex(2)  # III: no harm
        self.description = QLineEdit(objectName="adverseDescription")
        self.action = QLineEdit(objectName="adverseAction")
        self.anonymous = QCheckBox(
            self.tr("Anonymous to colleagues, Alt+N (the quality office sees who reported)")
        )
        self.drug = QLineEdit(objectName="adrDrug")
        self.reaction = QLineEdit(objectName="adrReaction")
        self.new_reaction = QCheckBox(self.tr("New reaction, Alt+W"))
        self.serious = QCheckBox(self.tr("Serious, Alt+R"))
        self.deadline = QLabel(objectName="adrDeadline")
        form = QFormLayout()
        for label, widget in ((self.tr("&Category"), self.category), (self.tr("&Grade"), self.severity),
                              (self.tr("&What happened"), self.description), (self.tr("&Action taken"), self.action),
                              ("", self.anonymous), (self.tr("ADR: &drug"), self.drug),
                              (self.tr("ADR: reac&tion"), self.reaction), ("", self.new_reaction),
                              ("", self.serious), ("", self.deadline)):  # fmt: skip
            form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Ctrl+Enter reports · Esc closes")))
        for signal in (
            self.category.currentIndexChanged,
            self.new_reaction.toggled,
            self.serious.toggled,
        ):
            signal.connect(lambda *_: self._refresh())
        _save_keys(self, self._report)
        for keys, box in (
            ("Alt+N", self.anonymous),
            ("Alt+W", self.new_reaction),
            ("Alt+R", self.serious),
        ):
            QShortcut(QKeySequence(keys), self, activated=box.toggle)
        self._refresh()
        self.category.setFocus()

    def report(self) -> dict[str, Any]:
        """The AdverseEventReported payload."""
        payload: dict[str, Any] = {
            "ward_id": self.ward_id, "category": self.category.currentData(),
            "severity": self.severity.currentData(), "occurred_at": now_iso(),
            "description": self.description.text().strip(), "anonymous": self.anonymous.isChecked(),
        }  # fmt: skip
        if self.patient_id:
            payload["patient_id"] = self.patient_id
        if self.action.text().strip():
            payload["action_taken"] = self.action.text().strip()
        if payload["category"] == "medication":
            payload["adr"] = self._adr()
        return payload

    def _adr(self) -> dict[str, Any]:
        return {"drug_name": self.drug.text().strip() or "?", "reaction": self.reaction.text().strip() or "?",
                "reaction_at": now_iso(), "new_reaction": self.new_reaction.isChecked(),
                "serious": self.serious.isChecked(), "outcome": "unknown"}  # fmt: skip

    def _refresh(self) -> None:
        medication = self.category.currentData() == "medication"
        for widget in (self.drug, self.reaction, self.new_reaction, self.serious, self.deadline):
            widget.setEnabled(medication)
        if medication:
            due, limit = adr_deadline(self._adr())
            self.deadline.setText(self.tr("ADR report due within %1 (by %2), Art. 20 of the 2011 ADR measures (药品不良反应报告和监测管理办法)")
                                  .replace("%1", QCoreApplication.translate("AdverseEventDialog", ADR_LIMITS.get(limit, limit)))
                                  .replace("%2", local_time(due)[:10]))  # fmt: skip
        else:
            self.deadline.setText("")

    def _report(self) -> None:
        if self.description.text().strip():
            self.sig_report_requested.emit(self.report())
            self.accept()


def _heading(draft: dict[str, Any], lang: str) -> str:
    """The ward by its name, the shift in words and its hours on the ward's clock."""
    ward = (draft.get("ward_names") or {}).get("zh" if chinese(lang) else "en")
    return (f"{ward or draft['ward_id']}  {handover_word(draft['shift'], lang)}  "
            f"{local_time(draft['shift_start'])} – {local_time(draft['shift_end'])}")  # fmt: skip


class HandoverDialog(ReturningDialog):
    """The shift's drafted report; sig_sign_requested(payload) or sig_receive_requested(report_id)."""

    sig_sign_requested = Signal(object)
    sig_receive_requested = Signal(str)

    def __init__(self, draft: dict[str, Any], user_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("handoverDialog")
        self.setWindowTitle(self.tr("Ward handover report"))
        self.draft, signed = draft, draft.get("signed")
        self.receiving = bool(
            signed and not signed.get("received_by") and signed["signed_by"] != user_id
        )
        counts = signed["content"]["counts"] if self.receiving else draft["counts"]
        lang = user_language()
        column = 0 if chinese(lang) else 1
        text = "  ".join(f"{COUNT_NAMES[k][column]} {counts.get(k, 0)}" for k in COUNT_KEYS)
        self.counts = QLabel(text, objectName="handoverCounts", wordWrap=True)
        rows = (
            signed["content"]["special_patients"]["rows"]
            if self.receiving
            else draft["special_patients"]
        )
        special = "\n".join(f"{r['bed']} {r['name']}: "
                            + ", ".join(handover_word(why, lang) for why in r["reasons"])
                            for r in rows)  # fmt: skip
        self.special = QLabel(
            special or self.tr("No special patients"), objectName="handoverSpecial"
        )
        self.note = QLineEdit(objectName="handoverNote")
        layout = QVBoxLayout(self)
        for widget in (QLabel(_heading(draft, lang)), self.counts, self.special, self.note):
            layout.addWidget(widget)
        hint = (
            self.tr("Ctrl+Enter signs for it (receiving)")
            if self.receiving
            else self.tr("Ctrl+Enter signs (handing over)")
        )
        layout.addWidget(QLabel(hint + self.tr(" · Esc closes")))
        _save_keys(self, self._sign)
        self.note.setFocus()

    def payload(self) -> dict[str, Any]:
        """The WardHandoverSigned payload."""
        d = self.draft
        payload = {"ward_id": d["ward_id"], "shift": d["shift"], "shift_start": d["shift_start"],
                   "shift_end": d["shift_end"], "counts": d["counts"],
                   "special_patients": {"rows": d["special_patients"]}}  # fmt: skip
        return payload | ({"note": self.note.text().strip()} if self.note.text().strip() else {})

    def _sign(self) -> None:
        if self.receiving:
            self.sig_receive_requested.emit(self.draft["signed"]["report_id"])
        else:
            self.sig_sign_requested.emit(self.payload())
        self.accept()

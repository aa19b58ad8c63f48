"""Antibiotic stewardship questions asked when the basket is signed (keyboard first):

- restricted and special tiers: was a culture sent (抗菌药物临床应用指导原则 2015, 4.2)?
- an antibiotic above the doctor's tier right: wait for a co-signature (the default), or an
  emergency override (越级使用, 抗菌药物临床应用管理办法 2012 Art. 28) with its indication and purpose
  (预防/治疗), to be completed within 24 hours.
Space ticks a box, Tab moves, Enter signs, Esc leaves the basket unsigned."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from offline_cache.session import Session
from ui.dialogs import ReturningDialog
from ui.screens.orders.entry import DraftOrder
from ui.screens.orders.signoff import session_prescriber
from workstation.clinical.checks.prescribing import (
    MISSING_COSIGN,
    MISSING_NARCOTIC,
    MISSING_TIER,
    OrderNeeds,
    missing_rights,
)
from workstation.clinical.formulary import Formulary

Answers = dict[str, Any]  # with_signoff keywords: culture_sent, emergency


@dataclass(frozen=True)
class Questions:
    """What to ask about one basket order."""

    culture: bool  # restricted or special tier
    override: bool  # above the tier right, by a doctor who may invoke Art. 28


def questions_for(
    draft: DraftOrder, session: Session | None, formulary: Formulary
) -> Questions | None:
    """The stewardship questions of a basket order, None when there is nothing to ask."""
    prescriber = session_prescriber(session)
    if prescriber is None or session is None or draft.parsed is None:
        return None
    drug = formulary.by_code(draft.parsed.drug.code)
    needs = OrderNeeds.of(drug.entry if drug else None)
    missing = set(missing_rights(prescriber, needs, licensed=session.licensed))
    override = MISSING_TIER in missing and not missing & {MISSING_COSIGN, MISSING_NARCOTIC}
    asked = Questions(needs.asks_culture, override)
    return asked if asked.culture or asked.override else None


class StewardshipDialog(ReturningDialog):
    """The questions of one antibiotic order."""

    def __init__(self, draft: DraftOrder, questions: Questions, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("stewardshipDialog")
        self.setWindowTitle(self.tr("Antibiotic order"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>{escape(draft.description)}</b>", wordWrap=True))
        self.culture = QCheckBox(self.tr("A &culture was sent before the first dose"))
        self.culture.setVisible(questions.culture)
        self.emergency = QCheckBox(self.tr("&Emergency use above my right (Art. 28): it goes "
                                           "ahead now and is completed within 24 hours"))  # fmt: skip
        self.indication = QLineEdit(objectName="overrideIndication")
        self.indication.setPlaceholderText(self.tr("Indication (required for emergency use)"))
        self.purpose = QComboBox(objectName="overridePurpose")
        self.purpose.addItem(self.tr("treatment"), "treatment")
        self.purpose.addItem(self.tr("prophylaxis"), "prophylaxis")
        for widget in (self.emergency, self.indication, self.purpose):
            widget.setVisible(questions.override)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)  # fmt: skip
        buttons.accepted.connect(self._accept_if_complete)
        buttons.rejected.connect(self.reject)
        self.indication.returnPressed.connect(self._accept_if_complete)
        for widget in (self.culture, self.emergency, self.indication, self.purpose, buttons):
            layout.addWidget(widget)
        (self.culture if questions.culture else self.emergency).setFocus()
        self.questions = questions

    def answers(self) -> Answers:
        """The answers as with_signoff keywords."""
        answers: Answers = {}
        if self.questions.culture:
            answers["culture_sent"] = self.culture.isChecked()
        if self.questions.override and self.emergency.isChecked():
            answers["emergency"] = {"indication": self.indication.text().strip(),
                                    "purpose": self.purpose.currentData()}  # fmt: skip
        return answers

    def _accept_if_complete(self) -> None:
        if self.emergency.isChecked() and not self.indication.text().strip():
            self.indication.setFocus()
            return
        self.accept()


def ask_all(drafts: list[DraftOrder], session: Session | None, formulary: Formulary,
            parent: QWidget, done: Callable[[dict[int, Answers]], None]) -> None:  # fmt: skip
    """Ask each order's questions in turn, then `done(answers by basket index)`; Esc stops."""
    pending = [(i, q) for i, d in enumerate(drafts) if (q := questions_for(d, session, formulary))]
    answers: dict[int, Answers] = {}

    def next_one() -> None:
        if not pending:
            done(answers)
            return
        index, questions = pending.pop(0)
        dialog = StewardshipDialog(drafts[index], questions, parent)

        def given() -> None:
            answers[index] = dialog.answers()
            next_one()

        dialog.accepted.connect(given)
        dialog.open()

    next_one()

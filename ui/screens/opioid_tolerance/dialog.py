"""The opioid tolerance form: tolerant or not, and the basis in words (drug, dose, how long)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from ui.dialogs import ReturningDialog

MIN_BASIS_CHARS = 4  # 'MS 60' says nothing; '吗啡缓释片60mg q12h 3月' does


class OpioidToleranceDialog(ReturningDialog):
    """Typed top to bottom: the basis, Tab, Space to untick (withdraw), Enter."""

    def __init__(self, patient_name: str, tolerant_now: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("opioidToleranceDialog")
        self.setWindowTitle(self.tr("Opioid tolerance — %1").replace("%1", patient_name))
        self.explain = QLabel(
            self.tr("Opioid tolerant: at least 60 mg oral morphine a day (or an equianalgesic dose: "
                    "oxycodone 30 mg, fentanyl patch 25 mcg/h) for a week or longer. Without this "
                    "record the order checks hold the opioid-naive ceilings."), wordWrap=True,
        )  # fmt: skip
        self.basis = QLineEdit(objectName="opioidToleranceBasis")
        self.basis.setPlaceholderText(
            self.tr("Drug, dose and how long (e.g. morphine SR 60 mg q12h, 3 months)")
        )
        self.tolerant = QCheckBox(
            self.tr("Patient is opioid &tolerant"), objectName="opioidTolerant"
        )
        self.tolerant.setChecked(True)
        self.now = QLabel(
            self.tr("Recorded now: tolerant") if tolerant_now else self.tr("Recorded now: opioid-naive"),
            objectName="opioidToleranceNow",
        )  # fmt: skip
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        form = QFormLayout(self)
        form.addRow(self.explain)
        form.addRow(self.now)
        form.addRow(self.tr("&Basis"), self.basis)
        form.addRow(self.tolerant)
        form.addRow(self.buttons)
        self.basis.textChanged.connect(lambda: self.ok.setEnabled(self.complete()))
        self.buttons.accepted.connect(self._accept_if_complete)
        self.buttons.rejected.connect(self.reject)
        self.resize(560, 240)
        self.basis.setFocus()

    def complete(self) -> bool:
        """A basis of a few characters is given."""
        return len(self.basis.text().strip()) >= MIN_BASIS_CHARS

    def _accept_if_complete(self) -> None:
        if self.complete():
            self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._accept_if_complete()
            return
        super().keyPressEvent(event)

    def payload(self) -> dict[str, object]:
        """The OpioidToleranceRecorded payload, as typed."""
        return {"tolerant": self.tolerant.isChecked(), "basis": self.basis.text().strip()}

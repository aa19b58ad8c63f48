"""The skin-test result form (皮试结果): substance, result, reaction, and the second nurse's
user name and password (双人核对). Layout only; the MAR controller saves it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)


class SkinTestDialog(QDialog):
    """Ask for a skin test's result and the second nurse who read it too."""

    def __init__(self, substance: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("skinTestDialog")
        self.setWindowTitle(self.tr("Skin test result"))
        self.substance = QLineEdit(substance, objectName="skinTestSubstance")
        self.result = QComboBox(objectName="skinTestResult")
        self.result.addItem(self.tr("negative (-)"), "negative")
        self.result.addItem(self.tr("POSITIVE (+)"), "positive")
        self.reaction = QLineEdit(objectName="skinTestReaction")
        self.reaction.setPlaceholderText(self.tr("wheal, redness (optional)"))
        self.witness_user = QLineEdit(objectName="skinTestWitnessUser")
        self.witness_password = QLineEdit(objectName="skinTestWitnessPassword")
        self.witness_password.setEchoMode(QLineEdit.EchoMode.Password)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Substance"), self.substance)
        form.addRow(self.tr("Result"), self.result)
        form.addRow(self.tr("Reaction"), self.reaction)
        form.addRow(self.tr("Second nurse"), self.witness_user)
        form.addRow(self.tr("Password"), self.witness_password)
        form.addRow(buttons)
        self.result.setFocus()

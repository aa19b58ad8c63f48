"""The MAR tab: scan prompt and message, the dose grid, and the form that records one dose."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.icons import icon_html
from ui.screens.mar.model import MarModel

OUTCOMES = ("given", "held", "refused", "not_given")


class MarView(QWidget):
    """Layout only; the MarController fills it and reacts to it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("marPage")
        self.prompt = QLabel(objectName="marPrompt", wordWrap=True)
        self.message = QLabel(objectName="scanMessage", wordWrap=True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = MarModel(self)
        self.table = QTableView(objectName="marTable")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.scan_input = QLineEdit(objectName="scanInput")
        self.scan_input.setPlaceholderText(
            self.tr("Scan or type a code (wristband, drug label), then Enter — Ctrl+B")
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.prompt)
        layout.addWidget(self.scan_input)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self._make_form())
        self.show_message("", "info")

    def _make_form(self) -> QGroupBox:
        self.form = QGroupBox(self.tr("Record the dose"), objectName="marForm")
        self.dose_title = QLabel(objectName="marDoseTitle", wordWrap=True)
        self.outcome = QComboBox(objectName="marOutcome")
        for code, text in zip(OUTCOMES, (self.tr("Given"), self.tr("Held"), self.tr("Refused"),
                                         self.tr("Not given")), strict=True):  # fmt: skip
            self.outcome.addItem(text, code)
        self.dose_value = QLineEdit(objectName="marDose")
        self.dose_unit = QLabel(objectName="marDoseUnit")
        self.route = QLineEdit(objectName="marRoute")
        self.site = QLineEdit(objectName="marSite", placeholderText=self.tr("e.g. left upper arm"))
        self.time = QLineEdit(objectName="marTime", inputMask="99:99")
        self.reason = QComboBox(objectName="marReason", editable=True)
        self.indication = QLineEdit(objectName="marIndication")
        self.unable_reason = QComboBox(objectName="marUnableReason")
        self.witness_user = QLineEdit(objectName="witnessUser")
        self.witness_password = QLineEdit(objectName="witnessPassword")
        self.witness_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = QPushButton(self.tr("&Record (Enter)"), objectName="marConfirm")
        self.confirm.setAutoDefault(True)
        self.unable = QPushButton(self.tr("&Unable to scan… (Ctrl+U)"), objectName="marUnable")
        # two fields a line (outcome and dose; route, site and time): the table above keeps its
        # ten rows on a 1366x768 screen in the large-font theme
        dose_row = _row(self.outcome, QLabel(self.tr("Dose")), self.dose_value, self.dose_unit)
        route_row = _row(self.route, QLabel(self.tr("Site")), self.site,
                         QLabel(self.tr("Time (HH:MM)")), self.time)  # fmt: skip
        grid = QFormLayout()
        # close-set lines: the table above keeps ten rows and the large-font window stays within
        # 768 pixels (the walker measured it 2 pixels over with the style's default spacing)
        grid.setVerticalSpacing(3)
        grid.setContentsMargins(6, 3, 6, 3)
        grid.addRow(self.dose_title)
        grid.addRow(self.tr("Outcome"), dose_row)
        grid.addRow(self.tr("Route"), route_row)
        self.reason_label = QLabel(self.tr("Reason"))
        grid.addRow(self.reason_label, self.reason)
        self.indication_label = QLabel(self.tr("PRN indication"))
        grid.addRow(self.indication_label, self.indication)
        self.unable_label = QLabel(self.tr("Unable to scan because"))
        grid.addRow(self.unable_label, self.unable_reason)
        # the fields say what they take (no wrapping label: its three lines at large print
        # pushed the window past 768 pixels); the dose title marks the drug high-alert
        self.witness_user.setPlaceholderText(self.tr("Second nurse's user name"))
        self.witness_password.setPlaceholderText(self.tr("Password"))
        witness_row = _row(self.witness_user, self.witness_password)
        self.witness_row_label = QLabel(self.tr("Second nurse"))
        grid.addRow(self.witness_row_label, witness_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.unable)
        buttons.addStretch(1)
        buttons.addWidget(self.confirm)
        grid.addRow(buttons)
        self.form.setLayout(grid)
        return self.form

    def show_message(self, text: str, severity: str) -> None:
        """The scan's outcome: severity block, warn, ok or info (styled, with its icon, and said
        in words)."""
        meaning = {"block": "critical", "warn": "warning", "ok": "success"}.get(severity)
        shown = escape(text).replace("\n", "<br>")
        self.message.setText(f"{icon_html(meaning)} {shown}" if meaning and text else shown)
        self.message.setProperty("severity", severity)
        self.message.setProperty("alertBox", meaning or "")
        self.message.style().polish(self.message)
        self.message.setStyleSheet("font-weight: bold;")
        self.message.setVisible(bool(text))

    def show_witness(self, visible: bool) -> None:
        """The second nurse's fields, for a high-alert drug."""
        for widget in (
            self.witness_row_label,
            self.witness_user,
            self.witness_password,
        ):
            widget.setVisible(visible)

    def show_reason(self, visible: bool, reasons: list[str]) -> None:
        """The reason list (held, refused, not given, early or late)."""
        self.reason.clear()
        self.reason.addItems(["", *reasons])
        self.reason_label.setVisible(visible)
        self.reason.setVisible(visible)

    def show_indication(self, visible: bool) -> None:
        """The PRN indication field."""
        self.indication_label.setVisible(visible)
        self.indication.setVisible(visible)

    def show_unable(self, visible: bool, reasons: list[str]) -> None:
        """Why the codes could not be scanned."""
        self.unable_reason.clear()
        self.unable_reason.addItems(["", *reasons])
        self.unable_label.setVisible(visible)
        self.unable_reason.setVisible(visible)


def _row(*widgets: QWidget) -> QHBoxLayout:
    """Widgets side by side on one line of the form."""
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget)
    return row

"""The flowsheet entry row: one vitals set typed by keyboard (Tab moves, Enter saves), with the
units shown, plausibility checked (impossible refused, unlikely confirmed) and NEWS2 live."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QLabel, QLineEdit, QWidget

from ui.icons import icon_html
from ui.terms import unit_words
from workstation.clinical.news2 import News2, news2
from workstation.clinical.vitals_limits import UNITS, check_vitals, needs_confirmation, refused
from workstation.clock import now_iso

NUMBER_FIELDS = (
    ("temperature_c", "Temp"), ("pulse_bpm", "Pulse"), ("resp_rate", "Resp"),
    ("systolic_mmhg", "Systolic"), ("diastolic_mmhg", "Diastolic"), ("spo2_pct", "SpO₂"),
    ("weight_kg", "Weight"), ("pain_score", "Pain"), ("height_cm", "Height"),
)  # fmt: skip
# measured now and then (the BSA of per-m² doses): last in the Tab order, after ACVPU, so a
# routine set is typed with no more keys than before
OCCASIONAL_FIELDS = ("height_cm",)
DECIMAL_FIELDS = ("temperature_c", "weight_kg", "height_cm")  # height: the BSA of per-m² doses
ACVPU = (("", "—"), ("A", "A alert"), ("C", "C new confusion"), ("V", "V voice"),
         ("P", "P pain"), ("U", "U unresponsive"))  # fmt: skip
ENTRIES_PER_LINE = 6


def _tr(text: str) -> str:
    return QCoreApplication.translate("VitalsEntry", text)


def field_name(key: str) -> str:
    """The translated name of a vitals field, for messages."""
    names = dict(NUMBER_FIELDS)
    return _tr(names[key]) if key in names else key


def parse_number(key: str, text: str) -> float | int | None:
    """The typed value (None when blank); ValueError when it is not a number."""
    text = text.strip().replace(",", ".")
    if not text:
        return None
    return float(text) if key in DECIMAL_FIELDS else int(text)


class VitalsForm(QWidget):
    """Emits sig_save(payload) when a set passes the checks (unlikely values confirmed)."""

    sig_save = Signal(dict)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("vitalsEntry")
        self.edits: dict[str, QLineEdit] = {}
        self.confirming: list[str] = []
        for key, _label in NUMBER_FIELDS:
            if key not in OCCASIONAL_FIELDS:
                self._add_edit(key)
        self.oxygen = QCheckBox(_tr("On O₂"), objectName="vital_on_oxygen")
        self.oxygen.toggled.connect(self._changed)
        self.consciousness = QComboBox(objectName="vital_consciousness")
        for code, text in ACVPU:
            self.consciousness.addItem(_tr(text), code)
        self.consciousness.currentIndexChanged.connect(self._changed)
        for key in OCCASIONAL_FIELDS:
            self._add_edit(key)
        self.score = QLabel(objectName="vitalsNews2", wordWrap=True)
        self.message = QLabel(objectName="vitalsMessage", wordWrap=True)
        self._layout()
        self.clear_entry()

    def _add_edit(self, key: str) -> None:
        edit = QLineEdit(objectName=f"vital_{key}")
        edit.setMaximumWidth(80)
        edit.textChanged.connect(self._changed)
        self.edits[key] = edit

    def _layout(self) -> None:
        """Two lines of six entries, NEWS2 and the message beside them: one line of ten was
        wider than a 1366-pixel screen in the large-font theme and pushed the window off it."""
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)

        def entry(key: str, label: str) -> tuple[str, QWidget]:
            return f"{_tr(label)} {unit_words(UNITS[key])}", self.edits[key]

        entries = [entry(k, label) for k, label in NUMBER_FIELDS if k not in OCCASIONAL_FIELDS]
        entries += [(_tr("Oxygen"), self.oxygen), (_tr("ACVPU"), self.consciousness)]
        entries += [entry(k, label) for k, label in NUMBER_FIELDS if k in OCCASIONAL_FIELDS]
        for index, (label, entry) in enumerate(entries):
            row, column = divmod(index, ENTRIES_PER_LINE)
            grid.addWidget(QLabel(label), 2 * row, column)
            grid.addWidget(entry, 2 * row + 1, column)
        grid.addWidget(self.score, 0, ENTRIES_PER_LINE, 2, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.message, 2, ENTRIES_PER_LINE, 2, 1, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(ENTRIES_PER_LINE, 1)

    def first_field(self) -> QLineEdit:
        """Where typing a set starts."""
        return self.edits["temperature_c"]

    def clear_entry(self) -> None:
        """An empty row, ready for the next set."""
        for edit in self.edits.values():
            edit.clear()
        self.oxygen.setChecked(False)
        self.consciousness.setCurrentIndex(0)
        self.confirming = []
        self.message.clear()
        self._changed()

    def values(self) -> dict[str, Any]:
        """The typed set as VitalsRecorded fields; ValueError names a field that is not a number."""
        values: dict[str, Any] = {}
        for key, edit in self.edits.items():
            try:
                values[key] = parse_number(key, edit.text())
            except ValueError:
                raise ValueError(key) from None
        values["on_oxygen"] = self.oxygen.isChecked()
        values["consciousness"] = self.consciousness.currentData() or None
        return {k: v for k, v in values.items() if v is not None}

    def typed(self) -> bool:
        """Whether anything has been typed or chosen (a blank row scores "—", not NEWS2 0)."""
        return any(e.text().strip() for e in self.edits.values()) or bool(
            self.consciousness.currentData()
        )

    def live_score(self) -> News2 | None:
        """NEWS2 of what is typed so far (None while a field is not a number)."""
        try:
            return news2(self.values())
        except ValueError:
            return None

    def _changed(self, *_args: Any) -> None:
        self.confirming = []
        score = self.live_score()
        if score is None or not self.typed():
            self.score.setText(_tr("NEWS2: —"))
            return
        text = _tr("NEWS2 %1").replace("%1", str(score.total))
        if score.missing:
            text += " " + _tr("(%1 of 7 parameters)").replace("%1", str(7 - len(score.missing)))
        if score.escalate:  # the critical icon and the words: never colour alone
            escalate = _tr("Escalate: urgent review by the doctor")
            text = f"{escape(text)}   {icon_html('critical')} {escape(escalate)}"
        self.score.setText(text)
        self.score.setProperty("alert", score.escalate)
        self.score.style().polish(self.score)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
        elif event.key() == Qt.Key.Key_Escape and self.confirming:
            field = self.confirming[0]
            self.confirming = []
            self.message.setText(_tr("Not saved: correct the value."))
            self.edits[field].setFocus()
            self.edits[field].selectAll()
        else:
            super().keyPressEvent(event)

    def submit(self) -> None:
        """Enter: refuse, ask to confirm, or save (a second Enter confirms)."""
        try:
            values = self.values()
        except ValueError as error:
            self._refuse(
                str(error), _tr("%1 is not a number.").replace("%1", field_name(str(error)))
            )
            return
        findings = check_vitals(values)
        if refused(findings):
            field = findings[0].field
            value = self.edits[field].text() if field in self.edits else ""
            self._refuse(field, _tr("%1 %2 is not possible: check the reading and type it again.")
                         .replace("%1", field_name(field)).replace("%2", value))  # fmt: skip
            return
        unlikely = needs_confirmation(findings)
        if not any(k in values for k in self.edits):
            self._refuse("temperature_c", _tr("Type at least one measurement."))
            return
        if unlikely and self.confirming != unlikely:
            self.confirming = unlikely
            shown = ", ".join(
                f"{field_name(k)} {self.edits[k].text()} {unit_words(UNITS[k])}" for k in unlikely
            )
            self.message.setText(_tr("Unusual value: %1. Recheck the patient; Enter confirms, "
                                     "Esc goes back.").replace("%1", shown))  # fmt: skip
            return
        self.confirming = []
        self.sig_save.emit({"taken_at": now_iso(), **values})

    def _refuse(self, field: str, text: str) -> None:
        self.message.setText(text)
        if field in self.edits:
            self.edits[field].setFocus()
            self.edits[field].selectAll()

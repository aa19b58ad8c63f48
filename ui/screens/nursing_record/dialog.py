"""The nursing record, keyboard first: the rows with their shift and 24-hour totals above, the
form for the next row below. Tab moves through the fields (Enter too), Alt+V pulls in the newest
vital signs, Ctrl+Enter signs the row; in the table, F2 corrects the selected row of one's own
(a new row that supersedes it, with a reason), Esc leaves the correction."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs import ReturningDialog, fitted
from workstation.clinical.nursing_record import KIND_NAMES, Totals
from workstation.clinical.schedule import AdministrationTimes
from workstation.clock import iso, parse_iso

VITAL_FIELDS = ("temperature_c", "pulse_bpm", "resp_rate", "bp", "spo2_pct", "consciousness")
TEXT_FIELDS = ("observation_text", "measures", "effect", "intake", "output")


def _tr(text: str) -> str:
    return QCoreApplication.translate("NursingRecord", text)


def _labels() -> dict[str, str]:
    return {
        "time": _tr("&Time (HH:MM, blank = now)"), "temperature_c": _tr("T °C"),
        "pulse_bpm": _tr("P /min"), "resp_rate": _tr("R /min"), "bp": _tr("BP (120/80)"),
        "spo2_pct": _tr("SpO2 %"), "consciousness": _tr("ACVPU"), "pupils": _tr("Pupils"),
        "observation_text": _tr("&Observation"), "measures": _tr("&Measures"),
        "effect": _tr("&Effect"), "intake": _tr("&Intake (po 200 iv 500)"),
        "output": _tr("O&utput (u 300 drain 50)"), "reason": _tr("Why &corrected"),
    }  # fmt: skip


def _volumes(volumes: dict[str, float], zh: bool) -> str:
    return " ".join(f"{KIND_NAMES[k][0 if zh else 1]} {v:g}" for k, v in volumes.items())


class NursingRecordDialog(ReturningDialog):
    """Shows the record given to show_record(); emits sig_sign_requested(fields, correcting)."""

    sig_sign_requested = Signal(dict, object)  # typed fields, the row id corrected or None
    sig_vitals_requested = Signal()

    def __init__(self, user_id: str, parent: QWidget | None = None, *, zh: bool = False):
        super().__init__(parent)
        self.setObjectName("nursingRecordDialog")
        self.user_id, self.zh = user_id, zh
        self.rows: list[dict[str, Any] | None] = []  # table line -> row (None for a total)
        self.correcting: str | None = None
        self.vitals_id: str | None = None
        self.heading, self.totals, self.message = QLabel(), QLabel(), QLabel()
        self.heading.setObjectName("nursingRecordForm")
        self.totals.setObjectName("nursingRecordTotals")
        self.message.setObjectName("nursingRecordMessage")
        self.table = self._make_table()
        self.fields = {name: QLineEdit(objectName=f"nr_{name}") for name in _labels()}
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals)
        layout.addLayout(self._form())
        layout.addWidget(self.message)
        layout.addWidget(QLabel(_tr("Tab or Enter: next field · Alt+V: pull the newest vitals · Alt+letter: "
                                    "that field · Ctrl+Enter: sign the row · F2 in the table: correct your row "
                                    "· Esc: close")))  # fmt: skip
        for keys, slot in (("Ctrl+Return", self.sign), ("Ctrl+Enter", self.sign),
                           ("Alt+V", self.sig_vitals_requested.emit), ("F2", self.correct)):  # fmt: skip
            shortcut = QShortcut(QKeySequence(keys), self, objectName=f"nr_key_{keys}")
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.resize(fitted(QSize(1100, 760), parent))
        self.fields["time"].setFocus()

    def _make_table(self) -> QTableWidget:
        heads = [_tr("Time"), _tr("T"), _tr("P"), _tr("R"), _tr("BP"), _tr("SpO2"),
                 _tr("Intake mL"), _tr("Output mL"), _tr("Observation, measures, effect"),
                 _tr("Nurse")]  # fmt: skip
        table = QTableWidget(0, len(heads), objectName="nursingRecordTable")
        table.setHorizontalHeaderLabels(heads)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.horizontalHeader().setStretchLastSection(False)
        table.setColumnWidth(8, 380)
        return table

    def _form(self) -> QVBoxLayout:
        labels, box = _labels(), QVBoxLayout()
        vitals = QHBoxLayout()
        for name in ("time", *VITAL_FIELDS, "pupils"):
            label = QLabel(labels[name])
            label.setBuddy(self.fields[name])
            vitals.addWidget(label)
            vitals.addWidget(self.fields[name], 2 if name in ("time", "pupils") else 1)
        box.addLayout(vitals)
        form = QFormLayout()
        for name in (*TEXT_FIELDS, "reason"):
            form.addRow(labels[name], self.fields[name])
        box.addLayout(form)
        self.form_layout = form
        self._show_reason(False)
        return box

    def _show_reason(self, shown: bool) -> None:
        self.form_layout.setRowVisible(self.fields["reason"], shown)

    def show_record(self, record: dict[str, Any], names: dict[str, str]) -> None:
        """The rows and totals (nursing_record()) with the nurses' names."""
        critical = record["form"] == "critical"
        self.heading.setText(_tr("Critically ill patient nursing record") if critical
                             else _tr("General nursing record"))  # fmt: skip
        self.fields["pupils"].setEnabled(critical)
        self.table.setRowCount(0)
        self.rows = []
        for kind, item in record["lines"]:
            if kind == "row":
                self._add_row(item, names)
            elif critical or item.intake or item.output:
                self._add_total(kind, item)
        self.table.scrollToBottom()
        self.totals.setText(self._latest_totals(record))

    def _add_row(self, row: dict[str, Any], names: dict[str, str]) -> None:
        o = row["observations"]
        bp = f"{o['systolic_mmhg']}/{o['diastolic_mmhg']}" if "systolic_mmhg" in o else ""
        course = " ".join(filter(None, (row.get("observation_text"), row.get("measures"),
                                        row.get("effect"))))  # fmt: skip
        if row.get("correction_reason"):
            course = _tr("Correction (%1): ").replace("%1", row["correction_reason"]) + course
        if row.get("superseded_by"):
            course = _tr("[corrected] ") + course
        cells = [_local_time(row["written_at"]),
                 o.get("temperature_c", ""), o.get("pulse_bpm", ""), o.get("resp_rate", ""), bp,
                 o.get("spo2_pct", ""), _volumes(row["intake"], self.zh),
                 _volumes(row["output"], self.zh), course,
                 names.get(row["written_by"], row["written_by"])]  # fmt: skip
        line = self.table.rowCount()
        self.table.insertRow(line)
        for column, value in enumerate(cells):
            item = QTableWidgetItem(str(value))
            font = item.font()
            font.setStrikeOut(bool(row.get("superseded_by")))
            item.setFont(font)
            self.table.setItem(line, column, item)
        self.rows.append(row)

    def _add_total(self, kind: str, totals: Totals) -> None:
        line = self.table.rowCount()
        self.table.insertRow(line)
        self.table.setItem(line, 0, QTableWidgetItem(_total_text(kind, totals, self.zh)))
        self.table.setSpan(line, 0, 1, self.table.columnCount())
        self.rows.append(None)

    def _latest_totals(self, record: dict[str, Any]) -> str:
        parts = []
        if record["shifts"]:
            parts.append(_total_text("shift", record["shifts"][-1], self.zh))
        if record["days"]:
            parts.append(_total_text("day", record["days"][-1], self.zh))
        return "   ·   ".join(parts) or _tr("No rows yet.")

    def fill_vitals(self, pulled: dict[str, Any] | None) -> None:
        """The newest vital signs into the form (Alt+V)."""
        if pulled is None:
            self.message.setText(_tr("No vital signs recorded yet."))
            return
        o = pulled["observations"]
        for name in ("temperature_c", "pulse_bpm", "resp_rate", "spo2_pct", "consciousness"):
            if name in o:
                self.fields[name].setText(str(o[name]))
        if "systolic_mmhg" in o and "diastolic_mmhg" in o:
            self.fields["bp"].setText(f"{o['systolic_mmhg']}/{o['diastolic_mmhg']}")
        self.vitals_id = pulled["vitals_id"]
        self.fields["observation_text"].setFocus()  # the vitals are in: on to what was seen
        self.message.setText(
            _tr("Vitals of %1 pulled in.").replace("%1", _local_time(pulled["taken_at"]))
        )

    def correct(self) -> None:
        """F2: correct the selected row, if it is one's own and not yet corrected."""
        line = self.table.currentRow()
        row = self.rows[line] if 0 <= line < len(self.rows) else None
        if row is None or row["written_by"] != self.user_id or row.get("superseded_by"):
            self.message.setText(_tr("Select a row of your own that is not yet corrected."))
            return
        self.correcting, self.vitals_id = row["row_id"], row.get("vitals_id")
        o = row["observations"]
        values = {"time": _local_time(row["written_at"])[-5:], **{k: o.get(k, "") for k in VITAL_FIELDS},
                  "bp": f"{o['systolic_mmhg']}/{o['diastolic_mmhg']}" if "systolic_mmhg" in o else "",
                  "pupils": o.get("pupils", ""), "observation_text": row.get("observation_text") or "",
                  "measures": row.get("measures") or "", "effect": row.get("effect") or "",
                  "intake": _volumes(row["intake"], False), "output": _volumes(row["output"], False)}  # fmt: skip
        for name, value in values.items():
            self.fields[name].setText(str(value))
        self._show_reason(True)
        self.message.setText(_tr("Correcting the %1 row: change it, say why, Ctrl+Enter.")
                             .replace("%1", values["time"]))  # fmt: skip
        self.fields["reason"].setFocus()

    def sign(self) -> None:
        """Ctrl+Enter: ask for the row to be signed."""
        typed = {name: field.text() for name, field in self.fields.items()}
        if self.correcting and not typed["reason"].strip():
            self.message.setText(_tr("Say why the row is corrected."))
            self.fields["reason"].setFocus()
            return
        if self.vitals_id:
            typed["vitals_id"] = self.vitals_id
        self.sig_sign_requested.emit(typed, self.correcting)

    def signed(self) -> None:
        """The row is saved: an empty form for the next one."""
        for field in self.fields.values():
            field.clear()
        self.correcting, self.vitals_id = None, None
        self._show_reason(False)
        self.message.setText(_tr("Row signed."))
        self.fields["time"].setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        """Enter moves to the next field; Esc leaves a correction before it closes."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.focusNextChild()
            return
        if event.key() == Qt.Key.Key_Escape and self.correcting:
            self.signed()
            self.message.setText(_tr("Correction left."))
            return
        super().keyPressEvent(event)


def _local_time(moment: str) -> str:
    return parse_iso(moment).astimezone(AdministrationTimes.load().zone).strftime("%m-%d %H:%M")


def _total_text(kind: str, totals: Totals, zh: bool) -> str:
    shifts = {"day": _tr("day shift"), "evening": _tr("evening shift"), "night": _tr("night shift")}
    what = _tr("24-hour total") if kind == "day" else shifts.get(totals.kind, totals.kind)
    return (_tr("%1 from %2: intake %3 mL (%4), output %5 mL (%6), balance %7 mL")
            .replace("%1", what).replace("%2", _local_time(iso(totals.start)))
            .replace("%3", f"{totals.intake_ml:g}").replace("%4", _volumes(totals.intake, zh))
            .replace("%5", f"{totals.output_ml:g}").replace("%6", _volumes(totals.output, zh))
            .replace("%7", f"{totals.balance_ml:+g}"))  # fmt: skip

"""The front sheet (住院病案首页) from the keyboard: type a code, a Chinese name, pinyin initials or
English words and press Enter to add the first match (the first discharge diagnosis is the 主要诊断);
a trailing ` 1`-` 4` sets its 入院病情, a leading `+` makes it a 门(急)诊诊断; Tab to the procedure
line (ICD-9-CM-3 code, Enter), then 离院方式 (type its digit); Delete removes the chosen row; the
2016 规范 check shows as you go; Ctrl+Enter saves, Esc closes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs import ReturningDialog
from ui.screens.ward_records.entry import parse_entry
from ui.terms import user_language
from workstation.clinical.front_sheet import (
    ADMISSION_CONDITION_NAMES,
    DISPOSITION_NAMES,
    check_sheet,
)
from workstation.clinical.icd9cm3 import default_procedures
from workstation.clinical.icd10 import Icd10Catalogue, default_catalogue
from workstation.clinical.order_words import chinese
from workstation.clock import now_iso


class FrontSheetDialog(ReturningDialog):
    """Edits one patient's front sheet; sig_save_requested(sheet) on Ctrl+Enter."""

    sig_save_requested = Signal(object)

    def __init__(
        self, patient: dict[str, Any], sheet: dict[str, Any] | None, parent: QWidget | None = None,
        *, catalogue: Icd10Catalogue | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.catalogue = catalogue or default_catalogue()
        self.setObjectName("frontSheetDialog")
        self.setWindowTitle(self.tr("Front sheet — %1").replace("%1", patient["name"]))
        self.patient = patient
        sheet = sheet or {}
        self.admission: list[dict[str, Any]] = list(sheet.get("admission_diagnoses") or [])
        self.discharge: list[dict[str, Any]] = list(sheet.get("discharge_diagnoses") or [])
        self.procedures: list[dict[str, Any]] = list(sheet.get("procedures") or [])
        self.search = QLineEdit(objectName="frontSheetSearch")
        self.search.setPlaceholderText(
            self.tr(
                "Diagnosis: code, name or pinyin initials; ' 1'-' 4' on admission; '+' admission diagnosis"
            )
        )
        self.matches = QListWidget(objectName="frontSheetMatches")
        self.rows = QListWidget(objectName="frontSheetRows")
        self.procedure = QLineEdit(objectName="frontSheetProcedure")
        self.procedure.setPlaceholderText(self.tr("Procedure: ICD-9-CM-3 code or words, Enter"))
        self.disposition = QComboBox(objectName="frontSheetDisposition")
        for code, (zh, en) in DISPOSITION_NAMES.items():
            self.disposition.addItem(f"{code} {zh if chinese(user_language()) else en}", code)
        if sheet.get("disposition"):
            self.disposition.setCurrentIndex(list(DISPOSITION_NAMES).index(sheet["disposition"]))
        self.transfer_to = QLineEdit(
            sheet.get("transfer_to") or "", objectName="frontSheetTransferTo"
        )
        self.check = QLabel(objectName="frontSheetCheck", wordWrap=True)
        form = QFormLayout()
        form.addRow(self.tr("&Diagnosis"), self.search)
        form.addRow("", self.matches)
        form.addRow(self.tr("Sheet"), self.rows)
        form.addRow(self.tr("&Procedure"), self.procedure)
        form.addRow(self.tr("Dis&position"), self.disposition)
        form.addRow(self.tr("&Receiving institution"), self.transfer_to)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.check)
        layout.addWidget(
            QLabel(self.tr("Enter adds · Delete removes · Ctrl+Enter saves · Esc closes"))
        )
        self.search.textChanged.connect(self._show_matches)
        self.search.returnPressed.connect(self._add_diagnosis)
        self.procedure.returnPressed.connect(self._add_procedure)
        self.disposition.currentIndexChanged.connect(lambda _i: self._refresh())
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self._save)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.rows, activated=self._remove)
        self.resize(760, 560)
        self._refresh()
        self.search.setFocus()

    def sheet(self) -> dict[str, Any]:
        """The FrontSheetSaved payload as the dialog has it."""
        sheet: dict[str, Any] = {
            "admission_diagnoses": self.admission, "discharge_diagnoses": self.discharge,
            "procedures": self.procedures, "disposition": self.disposition.currentData(),
        }  # fmt: skip
        if self.transfer_to.text().strip():
            sheet["transfer_to"] = self.transfer_to.text().strip()
        return sheet

    def _show_matches(self, text: str) -> None:
        self.matches.clear()
        entry = parse_entry(text)
        for item in self.catalogue.search(entry.query, limit=8):
            self.matches.addItem(f"{item.code}  {item.name_zh or item.name_en}")

    def _add_diagnosis(self) -> None:
        entry = parse_entry(self.search.text())
        found = self.catalogue.search(entry.query, limit=1)
        if not found:
            return
        item = found[0]
        row: dict[str, Any] = {"code": item.code, "name": item.name_zh or item.name_en}
        if entry.admission:
            self.admission.append(row)
        else:
            self.discharge.append(
                row | ({"admission_condition": entry.condition} if entry.condition else {})
            )
        self.search.clear()
        self._refresh()

    def _add_procedure(self) -> None:
        found = default_procedures().search(self.procedure.text(), limit=1)
        if found:
            item = found[0]
            self.procedures.append(
                {"code": item.code, "name": item.name_zh or item.name_en, "performed_at": now_iso()}
            )
            self.procedure.clear()
            self._refresh()

    def _remove(self) -> None:
        index = self.rows.currentRow()
        lists = [*(("a", r) for r in self.admission), *(("d", r) for r in self.discharge),
                 *(("p", r) for r in self.procedures)]  # fmt: skip
        if 0 <= index < len(lists):
            kind, row = lists[index]
            {"a": self.admission, "d": self.discharge, "p": self.procedures}[kind].remove(row)
            self._refresh()

    def _refresh(self) -> None:
        self.rows.clear()
        for row in self.admission:
            self.rows.addItem(
                self.tr("Admission: %1 %2").replace("%1", row["code"]).replace("%2", row["name"])
            )
        for number, row in enumerate(self.discharge):
            kind = self.tr("Main") if number == 0 else self.tr("Other")
            condition = ADMISSION_CONDITION_NAMES.get(
                row.get("admission_condition") or "", ("?", "?")
            )
            self.rows.addItem(f"{kind}: {row['code']} {row['name']} — {self.tr('on admission')} "
                              f"{row.get('admission_condition') or '?'} {condition[0 if chinese(user_language()) else 1]}")  # fmt: skip
        for row in self.procedures:
            self.rows.addItem(
                self.tr("Procedure: %1 %2").replace("%1", row["code"]).replace("%2", row["name"])
            )
        result = check_sheet(self.sheet(), sex=self.patient.get("sex"), diagnoses=self.catalogue)
        errors, warnings = result.texts(user_language())
        problems = [*errors, *(f"({w})" for w in warnings)]
        self.check.setText(
            self.tr("Check: %1").replace("%1", "; ".join(problems) or self.tr("complete"))
        )

    def _save(self) -> None:
        self.sig_save_requested.emit(self.sheet())
        self.accept()

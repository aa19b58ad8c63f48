"""Table model of the ward census (or of search results): bed, name, sex and age, alerts, notes
due, nursing level, NEWS2, length of stay, attending and diagnosis; sortable by any column."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, Qt
from PySide6.QtGui import QBrush

from ui.icons import icon
from ui.screens.census.sorting import COLUMN_KEYS, sort_patients
from ui.screens.critical.texts import care_level_text, critical_text
from ui.screens.notes.documents import census_due_text, due_text
from ui.table_model import Index, TitledTableModel
from ui.terms import local_time, sex_age, stay_text, term
from ui.theme import severity_colour
from workstation.clinical.allergy_status import UNDOCUMENTED, WORDS
from workstation.clinical.same_name import same_name_warning

# The at-a-glance columns first (alerts, NEWS2, level, days), the long texts last.
BED, NAME, SEX_AGE, ALERTS, NEWS2, CARE_LEVEL, STAY, NOTES_DUE, ATTENDING, DIAGNOSIS = range(10)
SORT_FIELDS = ("bed", "name", "sex_age", "alerts", "news2", "care_level", "stay", "notes_due",
               "attending", "diagnosis")  # fmt: skip
NEWS2_HIGH = 5  # NEWS2 5 or more: urgent review (RCP 2017), drawn in the overdue red
ALERT_ACUITY = ("critical", "serious")
HEADERS = (
    QT_TRANSLATE_NOOP("CensusModel", "Bed"),
    QT_TRANSLATE_NOOP("CensusModel", "Name"),
    QT_TRANSLATE_NOOP("CensusModel", "Sex/age"),
    QT_TRANSLATE_NOOP("CensusModel", "Alerts"),
    QT_TRANSLATE_NOOP("CensusModel", "NEWS2"),  # of the latest vitals
    QT_TRANSLATE_NOOP("CensusModel", "Care level"),  # 护理级别 and its round (分级护理制度)
    QT_TRANSLATE_NOOP("CensusModel", "Stay"),  # 住院天数, on the ward's clock
    QT_TRANSLATE_NOOP("CensusModel", "Notes due"),
    QT_TRANSLATE_NOOP("CensusModel", "Attending"),  # 主治医师
    QT_TRANSLATE_NOOP("CensusModel", "Diagnosis"),
)


def sort_key_digit(column: int) -> str:
    """The digit whose Alt+digit sorts a column: 1-9, then 0 for the tenth."""
    return str((column + 1) % 10)


class CensusModel(TitledTableModel):
    """Rows are patient dicts from Workstation.census() or find_patients()."""

    context, headers = "CensusModel", HEADERS

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.patients: list[dict[str, Any]] = []
        self.sort_column, self.sort_order = BED, Qt.SortOrder.AscendingOrder

    def set_patients(self, patients: list[dict[str, Any]]) -> None:
        """Replace every row (in the order the census is sorted by)."""
        self.beginResetModel()
        self.patients = self._sorted(list(patients))
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column (a header click, Alt+digit); the selected patient stays selected."""
        if not 0 <= column < len(SORT_FIELDS):
            return
        self.sort_column, self.sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        ids = [self.patient_id(index.row()) for index in old]
        self.patients = self._sorted(self.patients)
        self.changePersistentIndexList(
            old,
            [
                self.index(self.row_of(pid or ""), i.column())
                for pid, i in zip(ids, old, strict=True)
            ],
        )
        self.layoutChanged.emit()

    def _sorted(self, patients: list[dict[str, Any]]) -> list[dict[str, Any]]:
        field = SORT_FIELDS[self.sort_column]
        key = COLUMN_KEYS.get(field) or (lambda p: len(row_alerts(p)) or None)
        return sort_patients(patients, key, self.sort_order == Qt.SortOrder.DescendingOrder)

    def patient_id(self, row: int) -> str | None:
        """The patient on a row, or None."""
        return self.patients[row]["patient_id"] if 0 <= row < len(self.patients) else None

    def row_of(self, patient_id: str) -> int:
        """The row showing a patient, or -1."""
        return next((i for i, p in enumerate(self.patients) if p["patient_id"] == patient_id), -1)

    def row_total(self) -> int:
        return len(self.patients)

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return QCoreApplication.translate(
                "CensusModel", "Sort: click or Alt+%1 (again: reverse)"
            ).replace("%1", sort_key_digit(section))
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        patient = self.patients[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(patient, column)
        if role == Qt.ItemDataRole.DecorationRole and column == ALERTS and row_alerts(patient):
            return icon(row_alerts(patient)[0][0])
        if (
            role == Qt.ItemDataRole.DecorationRole
            and column == NOTES_DUE
            and self._overdue(patient)
        ):
            return icon("overdue")
        if role == Qt.ItemDataRole.ToolTipRole and column == ALERTS:
            return "; ".join(words for _icon, words in row_alerts(patient)) or None
        if role == Qt.ItemDataRole.ToolTipRole and column == CARE_LEVEL:
            return care_level_text(patient) or None
        if role == Qt.ItemDataRole.ToolTipRole and column == NEWS2 and patient.get("news2_at"):
            return QCoreApplication.translate("CensusModel", "Latest vitals %1").replace(
                "%1", local_time(patient["news2_at"])
            )
        if role == Qt.ItemDataRole.ToolTipRole and column == NOTES_DUE:
            return due_text(patient.get("notes_due") or []) or None
        if role == Qt.ItemDataRole.ForegroundRole and (
            (column == NOTES_DUE and self._overdue(patient))
            or (column == ALERTS and patient.get("critical_open"))
            or (column == CARE_LEVEL and patient.get("round_state") == "overdue")
            or (column == NEWS2 and (patient.get("news2") or 0) >= NEWS2_HIGH)
        ):
            return QBrush(severity_colour("critical"))
        return None

    @staticmethod
    def _overdue(patient: dict[str, Any]) -> bool:
        return any(item.overdue for item in patient.get("notes_due") or [])

    def _text(self, patient: dict[str, Any], column: int) -> str:
        if column == BED:
            return (
                patient["bed"]
                if patient.get("status") == "admitted"
                else QCoreApplication.translate("CensusModel", "(discharged)")
            )
        if column == NAME:
            return patient["name"]
        if column == SEX_AGE:
            return sex_age(patient["sex"], patient["birth_date"])
        if column == NOTES_DUE:
            return census_due_text(patient.get("notes_due") or [])
        if column == CARE_LEVEL:
            return care_level_text(patient, short=True)
        if column == NEWS2:
            return "" if patient.get("news2") is None else str(patient["news2"])
        if column == STAY:
            return stay_text(patient.get("admitted_at"))
        if column == ATTENDING:
            return patient.get("attending_name") or ""
        if column == DIAGNOSIS:
            return patient.get("diagnosis") or ""
        return " ".join(words for _icon, words in row_alerts(patient)[:2])


def row_alerts(patient: dict[str, Any]) -> list[tuple[str, str]]:
    """A census row's alerts, most urgent first, each as (icon, words): the row shows the first
    one's icon beside the first words, so a column elided to one word still says what its icon
    does. A critical value (it stays until a doctor acknowledges it), 病危 / 病重, the same name
    on the ward (it decides who is who), allergies or allergies not documented."""
    alerts = []
    lang = "zh" if QLocale().name().startswith("zh") else "en"
    if patient.get("critical_open"):
        alerts.append(("critical", critical_text(patient)))
    if patient.get("acuity") in ALERT_ACUITY:
        alerts.append((f"acuity_{patient['acuity']}", term(patient["acuity"])))
    if patient.get("same_name_beds"):
        alerts.append(("warning", same_name_warning(patient["same_name_beds"], lang)))
    if patient.get("allergy_count"):
        alerts.append(("allergy", QCoreApplication.translate("CensusModel", "allergies")))
    elif "allergy_review_count" in patient and not patient["allergy_review_count"]:
        alerts.append(("warning", WORDS[UNDOCUMENTED][0 if lang == "zh" else 1]))
    return alerts

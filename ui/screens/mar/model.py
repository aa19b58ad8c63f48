"""The MAR grid: one row per dose (time, medication, dose and route, state), colour AND text."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, Qt
from PySide6.QtGui import QBrush, QFont

from ui.icons import high_alert_word, icon
from ui.table_model import Index, TitledTableModel
from ui.terms import drug_name, local_time, sig
from ui.theme import ink_on_tint, severity_tint
from workstation.clinical.mar import MarDose, MarRow
from workstation.clinical.order_group import bag_companions
from workstation.clinical.order_words import is_medication
from workstation.clinical.schedule import AdministrationTimes

STATE_TEXT = {
    "due": QT_TRANSLATE_NOOP("Mar", "DUE NOW"),
    "overdue": QT_TRANSLATE_NOOP("Mar", "OVERDUE"),
    "coming": QT_TRANSLATE_NOOP("Mar", "coming"),
    "given": QT_TRANSLATE_NOOP("Mar", "given"),
    "held": QT_TRANSLATE_NOOP("Mar", "held"),
    "refused": QT_TRANSLATE_NOOP("Mar", "refused"),
    "not_given": QT_TRANSLATE_NOOP("Mar", "not given"),
    "prn": QT_TRANSLATE_NOOP("Mar", "as needed (PRN)"),
    "early_late": QT_TRANSLATE_NOOP("Mar", "outside its time window"),
    "urgent_unverified": QT_TRANSLATE_NOOP("Mar", "urgent dose, pharmacy has not verified it yet"),
    "unverified": QT_TRANSLATE_NOOP("Mar", "NOT VERIFIED by pharmacy — do not give"),
}
# each state's meaning (ui/tokens.py): its row is drawn on that meaning's tint; held, refused
# and not given stay plain (their words say it)
STATE_MEANING = {"due": "warning", "overdue": "critical", "given": "success", "unverified": "info"}
HEADERS = (
    QT_TRANSLATE_NOOP("Mar", "Time"),
    QT_TRANSLATE_NOOP("Mar", "Medication"),
    QT_TRANSLATE_NOOP("Mar", "Dose, route, frequency"),
    QT_TRANSLATE_NOOP("Mar", "State"),
)

translate = QCoreApplication.translate


def tr(text: str) -> str:
    """Translate a MAR text."""
    return QCoreApplication.translate("Mar", text)


def dose_words(order: Any) -> str:
    """'25 mg po bid' in the user's words."""
    return sig(order)


def shown_doses(row: MarRow) -> list[MarDose]:
    """A row's doses, and for an as-needed order one line to choose when it is needed."""
    if not row.prn:
        return list(row.doses)
    return [*row.doses, MarDose(row.order_id, None, "prn" if row.verified else "unverified")]


SKIN_TEST_TEXT = {
    "pending": QT_TRANSLATE_NOOP("Mar", "skin test pending"),
    "negative": QT_TRANSLATE_NOOP("Mar", "skin test negative"),
    "positive": QT_TRANSLATE_NOOP("Mar", "SKIN TEST POSITIVE"),
}


class MarModel(TitledTableModel):
    """Doses of the open patient's medication orders (core `mar_grid` rows), in time order."""

    context, headers = "Mar", HEADERS

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.doses: list[MarDose] = []
        self.rows: dict[str, MarRow] = {}
        self.high_alert: set[str] = set()
        self.zone = AdministrationTimes.load().zone
        self.user_names: dict[str, str] = {}

    def set_rows(self, rows: list[MarRow], user_names: dict[str, str] | None = None) -> None:
        """Show these orders' doses."""
        self.beginResetModel()
        self.doses = [d for row in rows for d in shown_doses(row)]
        self.rows = {row.order_id: row for row in rows}
        self.high_alert = {row.order_id for row in rows if row.high_alert}
        self.user_names = user_names or {}
        self.endResetModel()

    def order_of(self, dose: MarDose) -> dict[str, Any]:
        """The medication order a dose belongs to."""
        return dict(self.rows[dose.order_id].order)

    def row_total(self) -> int:
        return len(self.doses)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        dose = self.doses[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(dose, index.column())
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 1:
            return icon("high_alert") if dose.order_id in self.high_alert else None
        if role == Qt.ItemDataRole.BackgroundRole and dose.status in STATE_MEANING:
            return QBrush(severity_tint(STATE_MEANING[dose.status]))
        if role == Qt.ItemDataRole.ForegroundRole and dose.status in STATE_MEANING:
            return QBrush(ink_on_tint())
        if role == Qt.ItemDataRole.FontRole and dose.status in ("unverified", "overdue", "due"):
            font = QFont()
            font.setItalic(dose.status == "unverified")
            font.setBold(dose.status != "unverified")
            return font
        return None

    def _text(self, dose: MarDose, column: int) -> str:
        order = self.rows[dose.order_id].order
        if column == 0:
            return (
                dose.scheduled_for.astimezone(self.zone).strftime("%m-%d %H:%M")
                if dose.scheduled_for
                else translate("Mar", "PRN")
            )
        if column == 1:
            name = drug_name(order) if is_medication(order) else str(order.get("description"))
            name += bag_companions(order, "zh" if QLocale().name().startswith("zh") else "en")
            skin = SKIN_TEST_TEXT.get(self.rows[dose.order_id].skin_test or "")
            if skin:  # 皮试 result beside the drug: pending and positive block the scan (bcma)
                name = f"{name}  [{translate('Mar', skin)}]"
            return high_alert_word() + "  " + name if dose.order_id in self.high_alert else name
        if column == 2:
            return dose_words(order)
        text = tr(STATE_TEXT.get(dose.status, dose.status))
        if dose.is_open and not self.rows[dose.order_id].verified:
            text = f"{text} — {tr(STATE_TEXT['urgent_unverified'])}"
        if dose.early_late:
            text = f"{text} ({tr(STATE_TEXT['early_late'])})"
        done = dose.administration
        if done is not None:
            when = local_time(done["administered_at"])
            who = self.user_names.get(done["recorded_by"], "")
            text = f"{text} {when} {who}".strip()
        return text

    def dose_at(self, row: int) -> MarDose | None:
        """The dose shown in a row."""
        return self.doses[row] if 0 <= row < len(self.doses) else None

    def row_of(self, dose: MarDose) -> int:
        """The row a dose is shown in (an as-needed dose: its order's line to choose), or -1."""
        for row, shown in enumerate(self.doses):
            same = shown.order_id == dose.order_id and shown.scheduled_for == dose.scheduled_for
            if same and (dose.scheduled_for is not None or shown.administration is None):
                return row
        return -1

"""The worklist table: one line per item, its state in words. Only what cannot wait is coloured,
and never by colour alone: an overdue line is red with the critical icon and OVERDUE, a
high-alert line (high-alert medicine, critical value, NEWS2 calling the doctor) orange with the
warning icon and its words; due-now, new and coming lines stay plain, so 56 doses due at 21:00
no longer bury the one overdue NEWS2 of 8."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QFont

from ui.icons import icon
from ui.screens.critical.texts import level_name
from ui.screens.mar.model import dose_words
from ui.screens.worklist.tasks import WorkItem
from ui.table_model import Index, TitledTableModel
from ui.terms import drug_name, lab_name, order_text, term
from ui.theme import ink_on_tint, severity_tint
from workstation.clinical.schedule import AdministrationTimes
from workstation.clock import parse_iso

ZONE = AdministrationTimes.load().zone  # ward wall-clock, as on the MAR

STATE_TEXT = {
    "overdue": QT_TRANSLATE_NOOP("Worklist", "OVERDUE"),
    "due": QT_TRANSLATE_NOOP("Worklist", "DUE NOW"),
    "coming": QT_TRANSLATE_NOOP("Worklist", "coming"),
    "new": QT_TRANSLATE_NOOP("Worklist", "NEW"),
    "flagged": QT_TRANSLATE_NOOP("Worklist", "ABNORMAL result"),
}
ACKNOWLEDGE = QT_TRANSLATE_NOOP("Worklist", "New: Space acknowledges it")
HIGH_ALERT_DRUG = QT_TRANSLATE_NOOP("Worklist", "high-alert medicine")
HEADERS = (
    QT_TRANSLATE_NOOP("Worklist", "State"),
    QT_TRANSLATE_NOOP("Worklist", "Time"),
    QT_TRANSLATE_NOOP("Worklist", "Bed"),
    QT_TRANSLATE_NOOP("Worklist", "Patient"),
    QT_TRANSLATE_NOOP("Worklist", "Task"),
)

ORDER_STATUS = {
    "awaiting_cosign": QT_TRANSLATE_NOOP("Worklist", "order awaiting a doctor's co-signature"),
    "placed": QT_TRANSLATE_NOOP("Worklist", "new order, awaiting pharmacy"),
    "verified": QT_TRANSLATE_NOOP("Worklist", "new order, verified"),
    "discontinued": QT_TRANSLATE_NOOP("Worklist", "order STOPPED"),
    "completed": QT_TRANSLATE_NOOP("Worklist", "order completed"),
    "rejected": QT_TRANSLATE_NOOP("Worklist", "order rejected by pharmacy"),
}
# Only a medication order waits for the pharmacy; a nursing, laboratory or imaging order is new.
NEW_ORDER = QT_TRANSLATE_NOOP("Worklist", "new order")

translate = QCoreApplication.translate


def tr(text: str) -> str:
    """Translate a worklist text."""
    return QCoreApplication.translate("Worklist", text)


def order_status(order: dict[str, Any]) -> str:
    """An order's state in the nurse's words."""
    status = order["status"]
    if status == "placed" and order.get("order_kind") != "medication":
        return tr(NEW_ORDER)
    return tr(ORDER_STATUS[status]) if status in ORDER_STATUS else str(status)


def tint(item: WorkItem) -> str | None:
    """The row's meaning: critical (red tint) when overdue, high_alert (orange) when a high-alert
    line, none otherwise (ui/tokens.py)."""
    if item.state == "overdue":
        return "critical"
    return "high_alert" if item.high_alert else None


def task_text(item: WorkItem) -> str:
    """What to do, in words, on one line of the narrow pane (single spaces)."""
    return " ".join(_task_words(item).split())


def _task_words(item: WorkItem) -> str:
    w = item.what
    if item.kind == "dose":
        give = (
            translate("Worklist", "Give %1 %2")
            .replace("%1", drug_name(w))
            .replace("%2", dose_words(w))
        )
        return f"{give} — {tr(HIGH_ALERT_DRUG)}" if item.high_alert else give
    if item.kind == "reassess":
        return translate("Worklist", "Reassess the effect of the PRN dose (%1)").replace(
            "%1", str(w.get("prn_indication") or "")
        )
    if item.kind == "order":
        return f"{order_status(w)}: {order_text(w)}"
    if item.kind == "round":  # 分级护理制度: the level's round, late like a dose
        return translate("Worklist", "Nursing round (%1)").replace("%1", level_name(w.get("level")))
    if item.kind == "critical":  # 危急值报告制度: receive it with read-back
        return (translate("Worklist", "Critical value %1 %2: receive it (Ctrl+Shift+K)")
                .replace("%1", lab_name(w)).replace("%2", str(w.get("value"))))  # fmt: skip
    if item.kind == "vitals":
        if w.get("news2") is None:
            return translate("Worklist", "Vital signs: none recorded yet")
        text = translate("Worklist", "Vital signs due (last NEWS2 %1)").replace(
            "%1", str(w["news2"])
        )
        return text + (
            " " + translate("Worklist", "escalated to the doctor") if w.get("escalate") else ""
        )
    flag = w.get("flag") or ""
    return translate("Worklist", "Result %1: %2 %3 (%4)").replace("%1", lab_name(w)).replace(
        "%2", str(w.get("value"))).replace("%3", str(w.get("unit") or "")).replace("%4", term(flag))  # fmt: skip


class WorklistModel(TitledTableModel):
    """The ward's items, most urgent first."""

    context, headers = "Worklist", HEADERS

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.items: list[WorkItem] = []

    def set_items(self, items: list[WorkItem]) -> None:
        """Replace what is shown."""
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def row_total(self) -> int:
        return len(self.items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            when = (
                parse_iso(item.when).astimezone(ZONE).strftime("%m-%d %H:%M") if item.when else ""
            )
            return (tr(STATE_TEXT[item.state]), when, item.bed, item.name,
                    task_text(item))[index.column()]  # fmt: skip
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.column() == 0 and item.state == "new":
                return tr(ACKNOWLEDGE)
            return task_text(item)
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
            return self._icon(item)
        colour = tint(item)
        if role == Qt.ItemDataRole.BackgroundRole and colour:
            return QBrush(severity_tint(colour))
        if role == Qt.ItemDataRole.ForegroundRole and colour:
            return QBrush(ink_on_tint())
        if role == Qt.ItemDataRole.FontRole and colour and index.column() == 0:
            font = QFont()
            font.setBold(True)
            return font
        return None

    @staticmethod
    def _icon(item: WorkItem) -> Any:
        """The critical icon on an overdue line, the warning icon on a high-alert one."""
        if item.state == "overdue":
            return icon("overdue")
        return icon("high_alert") if item.high_alert else None

    def item_at(self, row: int) -> WorkItem | None:
        """The item of a row."""
        return self.items[row] if 0 <= row < len(self.items) else None

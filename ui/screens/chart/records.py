"""A read-only table model over chart rows (dicts), with per-column text and emphasis."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont

from ui.icons import icon
from ui.theme import severity_colour

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """One column: its header and how a row becomes its text; `alert` marks cells to emphasise;
    `icon` names the ui.icons icon a cell shows beside its words (None: no icon)."""

    header: str
    text: Callable[[dict[str, Any]], str]
    alert: Callable[[dict[str, Any]], bool] | None = None
    icon: Callable[[dict[str, Any]], str | None] | None = None


class RecordTableModel(QAbstractTableModel):
    """Rows of one chart section; voided rows are shown struck through."""

    def __init__(self, columns: list[Column], parent: Any = None):
        super().__init__(parent)
        self.columns = columns
        self.rows: list[dict[str, Any]] = []

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def show_rows(self, rows: list[dict[str, Any]]) -> None:
        """Show `rows`: appended when they only add rows after the ones shown (the view keeps
        its place, as when older rows are paged in), else a reset."""
        shown = len(self.rows)
        if shown and len(rows) > shown and rows[:shown] == self.rows:
            self.beginInsertRows(QModelIndex(), shown, len(rows) - 1)
            self.rows = list(rows)
            self.endInsertRows()
        else:
            self.set_rows(rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.DecorationRole and column.icon is not None:
            kind = column.icon(row)
            return icon(kind) if kind else None
        alert = column.alert is not None and column.alert(row)
        if role == Qt.ItemDataRole.ForegroundRole and alert:
            return QBrush(severity_colour("critical"))
        if role == Qt.ItemDataRole.FontRole and (alert or row.get("voided")):
            font = QFont()
            font.setBold(alert)
            font.setStrikeOut(bool(row.get("voided")))
            return font
        return None

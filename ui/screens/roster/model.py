"""The roster grid: one row per date, one column per shift; a cell names its nurses with their
beds, marks a changed cell (not yet saved) and a shift with a staffing warning, in words."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from ui.icons import icon
from ui.screens.roster.words import shift_name, tr, warning_text, workload_text
from ui.terms import weekday_names
from workstation.clinical.roster import beds_text

Index = QModelIndex | QPersistentModelIndex


class RosterGridModel(QAbstractTableModel):
    """Dates x shifts of one ward's roster, with the head nurse's changes kept until saved."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.roster: dict[str, Any] = {}
        self.days: list[str] = []
        self.cells: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.changed: set[tuple[str, str]] = set()

    def set_roster(self, roster: dict[str, Any], *, keep_changes: bool = False) -> None:
        """Show a roster ({first, days, shifts, nurses, beds, assignments, workload?})."""
        self.beginResetModel()
        mine = {k: self.cells[k] for k in self.changed} if keep_changes else {}
        self.roster = roster
        first = date.fromisoformat(roster["first"])
        self.days = [(first + timedelta(days=i)).isoformat() for i in range(int(roster["days"]))]
        self.cells = {}
        for a in roster.get("assignments", []):
            self.cells.setdefault((a["date"], a["shift"]), []).append(
                {"nurse_id": a["nurse_id"], "beds": list(a["beds"])})  # fmt: skip
        self.cells.update(mine)
        self.changed = set(mine)
        self.endResetModel()

    def clear(self) -> None:
        """Nothing shown."""
        self.beginResetModel()
        self.roster, self.days, self.cells, self.changed = {}, [], {}, set()
        self.endResetModel()

    def shifts(self) -> list[dict[str, Any]]:
        """The ward's shift pattern."""
        return list(self.roster.get("shifts", []))

    def names(self) -> dict[str, str]:
        """nurse_id -> name."""
        return {n["user_id"]: n["display_name"] for n in self.roster.get("nurses", [])}

    def key(self, index: Index) -> tuple[str, str] | None:
        """(date, shift code) of a cell."""
        if not index.isValid() or index.row() >= len(self.days):
            return None
        return self.days[index.row()], self.shifts()[index.column()]["code"]

    def cell(self, key: tuple[str, str]) -> list[dict[str, Any]]:
        """The nurses of a cell: [{nurse_id, beds}]."""
        return [dict(a) for a in self.cells.get(key, [])]

    def set_cell(self, key: tuple[str, str], found: list[dict[str, Any]]) -> None:
        """Change a cell (kept as a change until saved)."""
        self.cells[key] = found
        self.changed.add(key)
        row, column = self.days.index(key[0]), [s["code"] for s in self.shifts()].index(key[1])
        self.dataChanged.emit(self.index(row, column), self.index(row, column))

    def load(self, key: tuple[str, str]) -> dict[str, Any] | None:
        """The workload of a cell's shift as the server weighed it (None offline or changed)."""
        if key in self.changed:
            return None
        return next(
            (w for w in self.roster.get("workload", []) if (w["date"], w["shift"]) == key), None
        )

    def edit(self) -> dict[str, Any]:
        """The changes as the server takes them: the version read and the changed cells."""
        return {"base_version": self.roster.get("version", 0), "cells": [
            {"date": d, "shift": s, "assignments": self.cells.get((d, s), [])}
            for d, s in sorted(self.changed)]}  # fmt: skip

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt
        return 0 if parent.isValid() else len(self.days)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt
        return 0 if parent.isValid() else len(self.shifts())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """A cell: its nurses and beds; the tooltip weighs the shift."""
        key = self.key(index)
        if key is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(key)
        if role == Qt.ItemDataRole.ToolTipRole:
            load = self.load(key)
            return None if load is None else workload_text(load)
        if role == Qt.ItemDataRole.DecorationRole:  # changed (not saved) or a workload warning
            load = self.load(key)
            if key in self.changed:
                return icon("edited")
            return icon("warning") if load is not None and load["warnings"] else None
        return None

    def _text(self, key: tuple[str, str]) -> str:
        names, beds = self.names(), self.roster.get("beds", [])
        parts = [f"{names.get(a['nurse_id'], '?')} ({beds_text(a['beds'], beds) or '—'})"
                 for a in self.cells.get(key, [])]  # fmt: skip
        return "\n".join(parts) or tr("nobody")

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # fmt: skip
        """Dates down the side, shifts across."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            shifts = self.shifts()
            return shift_name(shifts[section]) if section < len(shifts) else None
        if section >= len(self.days):
            return None
        day = date.fromisoformat(self.days[section])
        return f"{day.strftime('%m-%d')} {weekday_names()[day.weekday()]}"

    def warnings(self, key: tuple[str, str]) -> list[str]:
        """A cell's warnings in words."""
        load = self.load(key)
        return [] if load is None else [warning_text(w, self.names()) for w in load["warnings"]]

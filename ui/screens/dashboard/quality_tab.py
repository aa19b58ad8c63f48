"""The quality tab (质控) of the managers' dashboard: each indicator with its definition and source
(workstation.clinical.quality_indicators says the same in code), its tables and a chart; every
table goes to the Excel export as a sheet."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.screens.dashboard.charts import bar_chart
from ui.screens.dashboard.tab import DashboardTab
from ui.terms import check_term, term, ward_zone
from workstation.clock import parse_iso
from workstation.reports.xlsx import Sheet

Cell = Callable[[dict[str, Any]], Any]


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value * 100:.1f}%"


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _fit_rows(widget: QTableWidget, most: int = 12) -> None:
    """As tall as its rows (up to `most`, then it scrolls), so short tables leave no blank box."""
    shown = min(max(widget.rowCount(), 1), most)
    rows = sum(widget.rowHeight(r) for r in range(shown)) if widget.rowCount() else 24
    frame = widget.horizontalHeader().height() + 2 * widget.frameWidth() + 4
    widget.setFixedHeight(rows + frame + widget.horizontalScrollBar().sizeHint().height())


@dataclass
class _Table:
    """One table of the tab: where its rows are in the answer, its title and its columns."""

    section: str
    rows_at: tuple[str, ...]
    title: str
    columns: list[tuple[str, Cell]]
    widget: QTableWidget


def _rows(data: dict[str, Any], path: tuple[str, ...]) -> list[dict[str, Any]]:
    found: Any = data
    for key in path:
        found = (found or {}).get(key)
    return list(found or [])


class QualityTab(DashboardTab):
    """Note timeliness, order-check overrides, BCMA scans, late and missed doses, verification
    turnaround and NEWS2 escalations, for the chosen ward or the whole hospital."""

    path = "/manage/quality"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("qualityTab")
        body = QWidget(objectName="qualityBody")
        self._layout = QVBoxLayout(body)
        self.range_label = QLabel(objectName="qualityRange")
        self._layout.addWidget(self.range_label)
        self._charts: dict[str, QWidget] = {}
        self._tables: list[_Table] = []
        self._sections: dict[str, QVBoxLayout] = {}
        for key, heading, definition in self._definitions():
            self._add_section(key, heading, definition)
        for spec in self._specs():
            self._add_table(*spec)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def title(self) -> str:
        """The tab's name."""
        return self.tr("Quality")

    def _definitions(self) -> list[tuple[str, str, str]]:
        return [
            ("notes", self.tr("Note timeliness"), self.tr(
                "Share of notes signed within their deadline after admission: first progress note "
                "8 h, admission note 24 h, superior doctor's ward round 48 h; an unsigned note counts "
                "as late once its deadline has passed. Source: 病历书写基本规范 (2010), Art. 18 and 22.")),
            ("alerts", self.tr("Order-check alerts and overrides"), self.tr(
                "Alerts shown when an order was signed, and the share the prescriber overrode with "
                "a reason (stored on the order); a step taken with allergies not documented counts "
                "as an overridden allergy-status alert. Source: the order checks' own record.")),
            ("scans", self.tr("BCMA scan compliance"), self.tr(
                "Of the doses given, the share whose bedside check scanned the wristband and the "
                "drug; unable-to-scan and no check at all are not scanned. Source: bedside checks "
                "before each dose.")),
            ("doses", self.tr("Late and missed doses"), self.tr(
                "Late: a scheduled dose given more than %1 min after its time; missed: a due time of "
                "a verified order with nothing recorded when its window closed. Source: ISMP "
                "guidelines for timely administration of scheduled medications (2011).")),
            ("verification", self.tr("Pharmacist verification turnaround"), self.tr(
                "Minutes from a medication order being placed to its verification or rejection: "
                "median and 90th percentile. Source: the order and pharmacy events.")),
            ("news2", self.tr("NEWS2 escalations answered in time"), self.tr(
                "Triggers: NEWS2 5-6 or 3 in one parameter (urgent), 7 or more (emergency), RCP "
                "NEWS2 2017. The RCP names no minutes: this hospital answers urgent within %1 min and "
                "emergency within %2 min. Answered: the first doctor's note or order within 24 h "
                "after the trigger (the system records no separate escalation answer).")),
        ]  # fmt: skip

    def _specs(self) -> list[tuple[str, tuple[str, ...], str, list[tuple[str, Cell]]]]:
        share, n = self.tr("Share"), self.tr("Count")
        levels = {"urgent": self.tr("urgent"), "emergency": self.tr("emergency")}
        return [
            ("notes", ("notes", "by_ward"), self.tr("Note timeliness by ward"), [
                (self.tr("Ward"), lambda r: self.ward_name(r["ward_id"])), (self.tr("Note"), lambda r: term(r["note_type"])),
                (n, lambda r: r["n"]), (self.tr("On time"), lambda r: r["on_time"]),
                (share, lambda r: _pct(r["share"]))]),
            ("notes", ("notes", "by_doctor"), self.tr("Note timeliness by doctor"), [
                (self.tr("Doctor"), lambda r: r["doctor"]), (self.tr("Note"), lambda r: term(r["note_type"])),
                (n, lambda r: r["n"]), (self.tr("On time"), lambda r: r["on_time"]),
                (share, lambda r: _pct(r["share"]))]),
            ("alerts", ("alerts", "by_rule"), self.tr("Overrides by rule"), [
                (self.tr("Rule"), lambda r: r["rule_id"]), (self.tr("Category"), lambda r: check_term(r["category"])),
                (self.tr("Severity"), lambda r: check_term(r["severity"])), (self.tr("Alerts"), lambda r: r["n"]),
                (self.tr("Overridden"), lambda r: r["overridden"]), (self.tr("Override rate"), lambda r: _pct(r["share"]))]),
            ("alerts", ("alerts", "by_prescriber"), self.tr("Overrides by person"), [
                (self.tr("Person"), lambda r: r["prescriber"]), (self.tr("Alerts"), lambda r: r["n"]),
                (self.tr("Overridden"), lambda r: r["overridden"]), (self.tr("Override rate"), lambda r: _pct(r["share"]))]),
            ("scans", ("scans", "by_ward"), self.tr("Scans by ward"), [
                (self.tr("Ward"), lambda r: self.ward_name(r["ward_id"])), (self.tr("Doses given"), lambda r: r["n"]),
                (self.tr("Scanned"), lambda r: r["scanned"]), (self.tr("Unable to scan"), lambda r: r["unable_to_scan"]),
                (share, lambda r: _pct(r["share"]))]),
            ("scans", ("scans", "by_nurse"), self.tr("Scans by nurse"), [
                (self.tr("Nurse"), lambda r: r["nurse"]), (self.tr("Doses given"), lambda r: r["n"]),
                (self.tr("Scanned"), lambda r: r["scanned"]), (self.tr("Unable to scan"), lambda r: r["unable_to_scan"]),
                (share, lambda r: _pct(r["share"]))]),
            ("doses", ("doses",), self.tr("Late and missed doses by ward"), [
                (self.tr("Ward"), lambda r: self.ward_name(r["ward_id"])), (self.tr("Scheduled doses given"), lambda r: r["scheduled_given"]),
                (self.tr("Late"), lambda r: r["late"]), (self.tr("Late share"), lambda r: _pct(r["late_share"])),
                (self.tr("Missed"), lambda r: r["missed"])]),
            ("verification", ("verification", "by_ward"), self.tr("Verification turnaround by ward"), [
                (self.tr("Ward"), lambda r: self.ward_name(r["ward_id"])), (self.tr("Orders checked"), lambda r: r["n"]),
                (self.tr("Median (min)"), lambda r: _num(r["median_min"])), (self.tr("90th percentile (min)"), lambda r: _num(r["p90_min"])),
                (self.tr("Waiting"), lambda r: r["pending"])]),
            ("news2", ("news2",), self.tr("NEWS2 escalations by ward"), [
                (self.tr("Ward"), lambda r: self.ward_name(r["ward_id"])), (self.tr("Response"), lambda r: levels.get(r["level"], r["level"])),
                (self.tr("Triggers"), lambda r: r["n"]), (self.tr("Answered in time"), lambda r: r["in_time"]),
                (self.tr("Answered late"), lambda r: r["late"]), (self.tr("Unanswered"), lambda r: r["unanswered"]),
                (share, lambda r: _pct(r["share"]))]),
        ]  # fmt: skip

    def _add_section(self, key: str, heading: str, definition: str) -> None:
        self._layout.addWidget(QLabel(f"<b>{heading}</b>", objectName=f"qualityHeading_{key}"))
        text = QLabel(definition, objectName=f"qualityDefinition_{key}", wordWrap=True)
        self._layout.addWidget(text)
        section = QVBoxLayout()
        self._layout.addLayout(section)
        self._sections[key] = section

    def _add_table(self, section: str, rows_at: tuple[str, ...], title: str,
                   columns: list[tuple[str, Cell]]) -> None:  # fmt: skip
        widget = QTableWidget(0, len(columns), objectName="qualityTable_" + "_".join(rows_at))
        widget.setAccessibleName(title)
        widget.setHorizontalHeaderLabels([header for header, _cell in columns])
        widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._sections[section].addWidget(QLabel(title))
        self._sections[section].addWidget(widget)
        self._tables.append(_Table(section, rows_at, title, columns, widget))

    def show_data(self, data: dict[str, Any]) -> None:
        """Fill every table and chart from the server's answer."""
        self._data = data
        if data.get("start") and data.get("end"):
            first = parse_iso(data["start"]).astimezone(ward_zone()).date()
            last = (parse_iso(data["end"]) - timedelta(seconds=1)).astimezone(ward_zone()).date()
            words = self.tr("From %1 to %2").replace("%1", first.isoformat())
            self.range_label.setText(words.replace("%2", last.isoformat()))
        windows = data.get("windows") or {}
        self._fill_definitions(windows)
        for table in self._tables:
            rows = _rows(data, table.rows_at)
            table.widget.setRowCount(len(rows))
            for r, row in enumerate(rows):
                for c, (_header, cell) in enumerate(table.columns):
                    table.widget.setItem(r, c, QTableWidgetItem(str(cell(row))))
            table.widget.resizeColumnsToContents()
            _fit_rows(table.widget)
        self._show_charts(data)

    def _fill_definitions(self, windows: dict[str, Any]) -> None:
        for key, _heading, definition in self._definitions():
            label = self.findChild(QLabel, f"qualityDefinition_{key}")
            if key == "doses":
                definition = definition.replace("%1", _num(windows.get("dose_min")))
            if key == "news2":
                definition = definition.replace("%1", _num(windows.get("urgent_min")))
                definition = definition.replace("%2", _num(windows.get("emergency_min")))
            if label is not None:
                label.setText(definition)

    def _chart(self, key: str, widget: QWidget) -> None:
        old = self._charts.pop(key, None)
        if old is not None:
            old.setParent(None)
            old.deleteLater()
        widget.setObjectName(f"qualityChart_{key}")
        widget.setMinimumHeight(260)
        self._sections[key].addWidget(widget)
        self._charts[key] = widget

    def _show_charts(self, data: dict[str, Any]) -> None:
        notes = _rows(data, ("notes", "by_ward"))
        wards = sorted({r["ward_id"] for r in notes})
        kinds = ["first_progress_note", "admission_note", "ward_round_note"]
        share = {(r["ward_id"], r["note_type"]): (r["share"] or 0) * 100 for r in notes}
        self._chart("notes", bar_chart(self.tr("Notes on time (%)"), [term(k) for k in kinds],
                                       {self.ward_name(w): [share.get((w, k), 0.0) for k in kinds]
                                        for w in wards}, percent=True))  # fmt: skip
        rules = sorted(_rows(data, ("alerts", "by_rule")), key=lambda r: -r["n"])[:8]
        self._chart("alerts", bar_chart(self.tr("Alerts and overrides by rule"), [r["rule_id"] for r in rules], {
            self.tr("Alerts"): [float(r["n"]) for r in rules],
            self.tr("Overridden"): [float(r["overridden"]) for r in rules]}))  # fmt: skip
        doses = _rows(data, ("doses",))
        self._chart("doses", bar_chart(self.tr("Late and missed doses"), [self.ward_name(r["ward_id"]) for r in doses], {
            self.tr("Late"): [float(r["late"]) for r in doses],
            self.tr("Missed"): [float(r["missed"]) for r in doses]}))  # fmt: skip

    def sheets(self) -> list[Sheet]:
        """Every table of the tab, as shown, one sheet each."""
        return [
            Sheet(t.title, [h for h, _c in t.columns],
                  [[t.widget.item(r, c).text() if t.widget.item(r, c) else ""
                    for c in range(t.widget.columnCount())] for r in range(t.widget.rowCount())])
            for t in self._tables
        ]  # fmt: skip

    def clear(self) -> None:
        """Nothing shown (the lock)."""
        self.range_label.clear()
        for table in self._tables:
            table.widget.setRowCount(0)
        for key in list(self._charts):
            widget = self._charts.pop(key)
            widget.setParent(None)
            widget.deleteLater()

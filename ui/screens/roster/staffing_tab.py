"""The dashboard's staffing tab (排班 vs workload): each ward's shift running now against the
hospital's standard, and for one ward its week (nurses per shift, patients per nurse, warnings),
with the standard and its source named; what is shown goes to Excel."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from ui.screens.dashboard.charts import bar_chart
from ui.screens.dashboard.tab import DashboardTab
from ui.screens.roster.words import shift_name, warning_text
from ui.terms import number
from workstation.reports.xlsx import Sheet


def _tr(text: str) -> str:
    return QCoreApplication.translate("StaffingTab", text)


def _now_headers() -> list[str]:
    return [_tr("Ward"), _tr("Shift now"), _tr("Patients"), _tr("Nurses"), _tr("Patients per nurse"),
            _tr("Special care"), _tr("Level I"), _tr("Level II"), _tr("Level III"), _tr("NEWS2 ≥7"),
            _tr("NEWS2 5–6"), _tr("Nurses on the week's roster / beds"), _tr("Warnings")]  # fmt: skip


def _week_headers() -> list[str]:
    return [_tr("Date"), _tr("Shift"), _tr("Nurses on the shift"), _tr("Patients"), _tr("Patients per nurse"),
            _tr("Warnings")]  # fmt: skip


class StaffingTab(DashboardTab):
    """Roster beside workload, with the ratio warnings."""

    path = "/manage/staffing"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("staffingTab")
        self.standard = QLabel(objectName="staffingStandard", wordWrap=True)
        self.now = QTableWidget(0, len(_now_headers()), objectName="staffingNow")
        self.week = QTableWidget(0, len(_week_headers()), objectName="staffingWeek")
        self.chart: QWidget = QWidget()
        self._layout = QVBoxLayout(self)
        for widget, stretch in ((self.standard, 0), (self.now, 1), (self.chart, 2), (self.week, 3)):
            self._layout.addWidget(widget, stretch)
        for table in (self.now, self.week):
            table.verticalHeader().hide()
        self._rows: tuple[list[list[Any]], list[list[Any]]] = ([], [])
        self.clear()

    def title(self) -> str:
        """排班 / Staffing."""
        return _tr("Staffing")

    def show_data(self, data: dict[str, Any]) -> None:
        """Each ward now, and one ward's week."""
        s = data["standard"]
        self.standard.setText(_tr("Standard: at most %1 patients per nurse on a shift, at least %2 nurses per bed (%3).")
                              .replace("%1", number(s["patients_per_nurse"])).replace("%2", number(s["nurses_per_bed"], 2))
                              .replace("%3", s["source"]))  # fmt: skip
        now_rows = [self._now_row(w) for w in data["wards"]]
        week = data.get("week")
        week_rows = self._week_rows(week) if week else []
        self._rows = (now_rows, week_rows)
        self._fill(self.now, _now_headers(), now_rows)
        self._fill(self.week, _week_headers(), week_rows)
        self.week.setVisible(bool(week_rows))
        self._set_chart(self._chart(data))

    def _now_row(self, ward: dict[str, Any]) -> list[Any]:
        now, shifts = ward.get("now"), {s["code"]: s for s in ward["shifts"]}
        warnings = [warning_text(w, {}) for w in (now or {}).get("warnings", [])]
        if ward.get("establishment"):
            warnings.append(warning_text(ward["establishment"], {}))
        levels = (now or {}).get("levels", {})
        ratio = (now or {}).get("patients_per_nurse")
        return [self.ward_name(ward["ward_id"]), shift_name(shifts[now["shift"]]) if now else "—",
                (now or {}).get("census", ""), len((now or {}).get("nurses", [])),
                "—" if ratio is None else number(ratio), *(levels.get(k, 0) for k in ("special", "first", "second", "third")),
                (now or {}).get("news2_high", ""), (now or {}).get("news2_medium", ""),
                f"{ward['rostered_nurses']} / {ward['beds']}", "; ".join(warnings)]  # fmt: skip

    @staticmethod
    def _week_rows(week: dict[str, Any]) -> list[list[Any]]:
        names = {n["user_id"]: n["display_name"] for n in week["nurses"]}
        shifts = {s["code"]: s for s in week["shifts"]}
        return [[w["date"], shift_name(shifts[w["shift"]]), ", ".join(names.get(n, "?") for n in w["nurses"]),
                 w["census"], "—" if w["patients_per_nurse"] is None else number(w["patients_per_nurse"]),
                 "; ".join(warning_text(x, names) for x in w["warnings"])] for w in week["workload"]]  # fmt: skip

    @staticmethod
    def _chart(data: dict[str, Any]) -> QWidget:
        week = data.get("week")
        if week:  # one ward: nurses on each shift of the week
            days = sorted({w["date"] for w in week["workload"]})
            series = {shift_name(s): [float(len(next((w["nurses"] for w in week["workload"]
                                                       if (w["date"], w["shift"]) == (d, s["code"])), [])))
                                      for d in days] for s in week["shifts"]}  # fmt: skip
            labels = [date.fromisoformat(d).strftime("%m-%d") for d in days]
            return bar_chart(_tr("Nurses on each shift this week"), labels, series)
        wards = data["wards"]
        ratios = [float((w.get("now") or {}).get("patients_per_nurse") or 0) for w in wards]
        limit = float(data["standard"]["patients_per_nurse"])
        return bar_chart(_tr("Patients per nurse now, by ward"), [w["ward_id"] for w in wards],
                         {_tr("Patients per nurse"): ratios, _tr("Standard"): [limit] * len(wards)})  # fmt: skip

    def _set_chart(self, chart: QWidget) -> None:
        self._layout.replaceWidget(self.chart, chart)
        self.chart.deleteLater()
        self.chart = chart

    @staticmethod
    def _fill(table: QTableWidget, headers: list[str], rows: list[list[Any]]) -> None:
        table.setHorizontalHeaderLabels(headers)
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                table.setItem(r, c, QTableWidgetItem(str(value)))
        table.resizeColumnsToContents()

    def sheets(self) -> list[Sheet]:
        """The wards now and the week, as shown."""
        now_rows, week_rows = self._rows
        found = [Sheet(_tr("Staffing now"), _now_headers(), now_rows)] if now_rows else []
        if week_rows:
            found.append(Sheet(_tr("Roster and workload"), _week_headers(), week_rows))
        return found

    def clear(self) -> None:
        """Nothing shown."""
        self._rows = ([], [])
        self.standard.clear()
        for table in (self.now, self.week):
            table.setRowCount(0)
        self._set_chart(QWidget())

"""The patient-flow tab: movements by hour and weekday, occupancy per ward, length of stay and
the 7-day census forecast with its error band, as `/manage/flow` answers them (days on the ward
clock); the same tables go to the Excel export."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from ui.screens.dashboard.charts import MIN_HEIGHT, bar_chart, line_chart
from ui.screens.dashboard.tab import DashboardTab
from ui.terms import weekday_names
from workstation.reports.xlsx import Sheet

KINDS = ("admissions", "discharges", "transfers_in", "transfers_out")
FORECAST_CONTEXT_DAYS = 28  # days of census drawn before the forecast
ROWS = 4


class FlowTab(DashboardTab):
    """Patient flow (入出转): plots and a summary line."""

    path = "/manage/flow"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("flowTab")
        self.data: dict[str, Any] = {}
        self.summary = QLabel()
        self.summary.setObjectName("flowSummary")
        self.summary.setWordWrap(True)
        self.grid = QGridLayout()
        self.grid.setColumnStretch(0, 1)
        self.grid.setColumnStretch(1, 1)
        inner = QWidget()
        inner.setLayout(self.grid)
        inner.setMinimumHeight(
            ROWS * (MIN_HEIGHT + 24)
        )  # four rows of plots: scroll, never squeeze
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(scroll, 1)

    def title(self) -> str:
        """The tab's title."""
        return self.tr("Patient flow")

    def _kind_names(self) -> dict[str, str]:
        return {"admissions": self.tr("Admissions"), "discharges": self.tr("Discharges"),
                "transfers_in": self.tr("Transfers in"),
                "transfers_out": self.tr("Transfers out")}  # fmt: skip

    def _model_name(self, model: str | None) -> str:
        names = {"holt_winters": self.tr("Holt-Winters (weekly)"),
                 "seasonal_naive": self.tr("seasonal naive (same weekday)")}  # fmt: skip
        return names.get(model or "", self.tr("none (too little history)"))

    def show_data(self, data: dict[str, Any]) -> None:
        """Draw the figures of one scope."""
        self.clear()
        self.data = data
        self.summary.setText(self._summary(data))
        names = self._kind_names()
        moves = data["movements"]
        charts = [
            bar_chart(self.tr("Movements by hour of day"), [str(h) for h in range(24)],
                      {names[k]: moves["by_hour"][k] for k in KINDS}),
            bar_chart(self.tr("Movements by day of week"), weekday_names(),
                      {names[k]: moves["by_weekday"][k] for k in KINDS}),
            line_chart(self.tr("Occupancy at midnight (% of beds)"), _short(data["days"]),
                       {self.ward_name(w): o["percent"] for w, o in data["occupancy"].items()}),
            bar_chart(self.tr("Length of stay (days, stays ended in the period)"),
                      [str(n) for n in range(len(data["los"]["histogram"]) - 1)] + ["14+"],
                      {self.tr("Stays"): data["los"]["histogram"]}),
            self._forecast_chart(data),
        ]  # fmt: skip
        hours, weekdays, occupancy, stays, forecast = charts
        self.grid.addWidget(hours, 0, 0, 1, 2)
        self.grid.addWidget(weekdays, 1, 0)
        self.grid.addWidget(stays, 1, 1)
        self.grid.addWidget(occupancy, 2, 0, 1, 2)
        self.grid.addWidget(forecast, 3, 0, 1, 2)

    def _forecast_chart(self, data: dict[str, Any]) -> QWidget:
        past = data["census"][-FORECAST_CONTEXT_DAYS:]
        forecast = data["forecast"]
        gap: list[float | None] = [None] * len(past)
        ahead: list[float | None] = [None] * len(forecast["forecast"])
        labels = _short(data["days"][-FORECAST_CONTEXT_DAYS:] + forecast["days"])
        return line_chart(self.tr("Census and 7-day forecast (band: ± held-out error)"), labels, {
            self.tr("Census"): [*past, *ahead],
            self.tr("Forecast"): [*gap, *forecast["forecast"]],
            self.tr("Low"): [*gap, *forecast["low"]],
            self.tr("High"): [*gap, *forecast["high"]],
        })  # fmt: skip

    def _summary(self, data: dict[str, Any]) -> str:
        los, forecast = data["los"], data["forecast"]
        census, beds = (data["census"] or [0])[-1], data["beds"]
        text = self.tr("Census at midnight: %1 of %2 beds.").replace("%1", str(census))
        text = text.replace("%2", str(beds))
        if los["count"]:
            text += " " + self.tr("Stays ended: %1, median %2 days (IQR %3–%4).").replace(
                "%1", str(los["count"])).replace("%2", f"{los['median']:.1f}").replace(
                "%3", f"{los['q1']:.1f}").replace("%4", f"{los['q3']:.1f}")  # fmt: skip
        text += " " + self.tr("Forecast: %1.").replace("%1", self._model_name(forecast["model"]))
        scores = forecast.get("models", {})
        if scores:
            weeks = max(score["weeks"] for score in scores.values())
            text += " " + self.tr("Error on %1 held-out weeks:").replace("%1", str(weeks)) + " "
            text += self.tr("; ").join(
                self.tr("%1, MAE %2 patients, MAPE %3%").replace("%1", self._model_name(model))
                .replace("%2", str(score["mae"])).replace("%3", str(score["mape"]))
                for model, score in scores.items()
            ) + self.tr(".")  # fmt: skip
        return text

    def sheets(self) -> list[Sheet]:
        """Movements, occupancy, length of stay and forecast as tables."""
        data = self.data
        if not data:
            return []
        names, moves = self._kind_names(), data["movements"]
        headers = [names[k] for k in KINDS]
        wards = list(data["occupancy"])
        los = data["los"]
        forecast = data["forecast"]
        return [
            Sheet(self.tr("Flow by hour"), [self.tr("Hour"), *headers],
                  [[h, *(moves["by_hour"][k][h] for k in KINDS)] for h in range(24)]),
            Sheet(self.tr("Flow by weekday"), [self.tr("Weekday"), *headers],
                  [[d, *(moves["by_weekday"][k][n] for k in KINDS)]
                   for n, d in enumerate(weekday_names())]),
            Sheet(self.tr("Occupancy"),
                  [self.tr("Date"), *(f"{self.ward_name(w)} {self.tr('census')}" for w in wards),
                   *(f"{self.ward_name(w)} %" for w in wards)],
                  [[day, *(data["occupancy"][w]["census"][n] for w in wards),
                    *(data["occupancy"][w]["percent"][n] for w in wards)]
                   for n, day in enumerate(data["days"])]),
            Sheet(self.tr("Length of stay"), [self.tr("Days"), self.tr("Stays")],
                  [[str(n) if n < len(los["histogram"]) - 1 else "14+", c]
                   for n, c in enumerate(los["histogram"])]
                  + [[self.tr("Median"), los["median"]], [self.tr("Q1"), los["q1"]],
                     [self.tr("Q3"), los["q3"]]]),
            Sheet(self.tr("Census forecast"),
                  [self.tr("Date"), self.tr("Forecast"), self.tr("Low"), self.tr("High")],
                  [[d, f, lo, hi] for d, f, lo, hi in zip(forecast["days"], forecast["forecast"],
                                                        forecast["low"], forecast["high"],
                                                        strict=False)]),
            Sheet(self.tr("Forecast error"),
                  [self.tr("Model"), self.tr("MAE (patients)"), self.tr("MAPE (%)"),
                   self.tr("Held-out weeks")],
                  [[self._model_name(m), s["mae"], s["mape"], s["weeks"]]
                   for m, s in forecast.get("models", {}).items()]),
        ]  # fmt: skip

    def clear(self) -> None:
        """Remove every plot and figure."""
        self.data = {}
        self.summary.clear()
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item is not None and (widget := item.widget()) is not None:
                widget.hide()  # off the page now, not when the event loop deletes it
                widget.deleteLater()


def _short(days: list[str]) -> list[str]:
    """Month and day ("12-07") of each ISO date: unique within the year the plots cover; the
    line chart labels some of them (charts.MAX_X_LABELS), the Excel sheets carry the whole dates."""
    return [day[5:10] for day in days]

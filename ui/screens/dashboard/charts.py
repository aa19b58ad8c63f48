"""The dashboards' plots (Qt Charts): a bar chart of categories and a line chart over time, each
with labelled axes and a legend, coloured from the theme's tokens so the high-contrast theme
reaches them. Every dashboard uses these two; none draws its own."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QApplication

from ui.theme import current_theme

MIN_HEIGHT = 220  # px: a chart keeps its axes readable when the page is short
MAX_X_LABELS = 12  # labels on a line chart's time axis


def _series_colours(count: int) -> list[QColor]:
    """The theme's series colours (colour-blind safe), then hue steps past them."""
    colours = [QColor(c) for c in current_theme().colours.series]
    while len(colours) < count:
        colours.append(QColor.fromHsv((len(colours) * 67) % 360, 200, 200))
    return colours[:count]


def _chart(title: str) -> QChart:
    palette = QApplication.palette()
    chart = QChart()
    chart.setTitle(title)
    chart.setBackgroundBrush(palette.color(QPalette.ColorRole.Base))
    chart.setTitleBrush(palette.color(QPalette.ColorRole.Text))
    chart.legend().setLabelColor(palette.color(QPalette.ColorRole.Text))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    return chart


def _value_axis(chart: QChart, series_values: Sequence[float], percent: bool = False) -> QValueAxis:
    axis = QValueAxis()
    top = max([0.0, *series_values])
    axis.setLabelFormat("%.4g")
    axis.setLabelsColor(QApplication.palette().color(QPalette.ColorRole.Text))
    if percent and top <= 100:
        axis.setRange(0, 100)  # a share is read against the whole, never against 150 %
        axis.setTickCount(6)
    else:
        axis.setRange(0, top * 1.1 if top > 0 else 1)
        axis.applyNiceNumbers()
    chart.addAxis(axis, Qt.AlignmentFlag.AlignLeft)
    return axis


def _category_axis(chart: QChart, categories: Sequence[str]) -> QBarCategoryAxis:
    axis = QBarCategoryAxis()
    axis.append(list(categories))
    axis.setLabelsColor(QApplication.palette().color(QPalette.ColorRole.Text))
    chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
    return axis


def _view(chart: QChart) -> QChartView:
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(MIN_HEIGHT)
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return view


def bar_chart(title: str, categories: Sequence[str], series: Mapping[str, Sequence[float]],
              *, percent: bool = False) -> QChartView:  # fmt: skip
    """Bars per category, one set per named series (e.g. admissions and discharges by hour);
    `percent`: the values are shares, on a 0–100 scale."""
    chart = _chart(title)
    bars = QBarSeries()
    for (name, values), colour in zip(series.items(), _series_colours(len(series)), strict=True):
        bar_set = QBarSet(name)
        bar_set.append([float(v) for v in values])
        bar_set.setColor(colour)
        bars.append(bar_set)
    chart.addSeries(bars)
    bars.attachAxis(_category_axis(chart, categories))
    bars.attachAxis(_value_axis(chart, [float(v) for vs in series.values() for v in vs], percent))
    return _view(chart)


def _sparse_axis(chart: QChart, labels: Sequence[str]) -> QCategoryAxis:
    """Labels on the points, about MAX_X_LABELS of them counted back from the last point, so each
    has room to be read whole (a bar-category axis elides 84 days' labels to "…")."""
    axis = QCategoryAxis()
    axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    step = max(1, math.ceil(len(labels) / MAX_X_LABELS))
    last = len(labels) - 1
    for n, label in enumerate(labels):
        if (last - n) % step == 0:
            axis.append(label, float(n))
    axis.setRange(0.0, float(max(last, 1)))
    axis.setLabelsColor(QApplication.palette().color(QPalette.ColorRole.Text))
    chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
    return axis


def line_chart(title: str, x_labels: Sequence[str],
               series: Mapping[str, Sequence[float | None]]) -> QChartView:  # fmt: skip
    """Lines over the labelled points (e.g. occupancy by day, labels unique); a None leaves a
    gap."""
    chart = _chart(title)
    chart.setMargins(QMargins(4, 4, 24, 4))  # the last date's label is centred on the last point
    axis_x = _sparse_axis(chart, x_labels)
    values = [float(v) for vs in series.values() for v in vs if v is not None]
    axis_y = _value_axis(chart, values)
    for (name, points), colour in zip(series.items(), _series_colours(len(series)), strict=True):
        for run in _runs(points):
            line = QLineSeries()
            line.setName(name)
            line.setColor(colour)
            for x, y in run:
                line.append(x, y)
            chart.addSeries(line)
            line.attachAxis(axis_x)
            line.attachAxis(axis_y)
    _one_legend_entry_per_name(chart)
    return _view(chart)


def _runs(points: Sequence[float | None]) -> list[list[tuple[float, float]]]:
    """The unbroken stretches of a series (a None ends one)."""
    runs: list[list[tuple[float, float]]] = [[]]
    for x, y in enumerate(points):
        if y is None:
            runs.append([])
        else:
            runs[-1].append((float(x), float(y)))
    return [run for run in runs if run]


def _one_legend_entry_per_name(chart: QChart) -> None:
    seen: set[str] = set()
    for marker in chart.legend().markers():
        name = marker.series().name()
        marker.setVisible(name not in seen)
        seen.add(name)

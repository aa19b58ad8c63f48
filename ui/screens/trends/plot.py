"""A trend plot drawn with QPainter: one strip per measurement stacked over a shared time axis on
the ward's clock, each strip with its name and unit, a y scale, its normal band, and the value
under the mouse (or under the arrow keys) shown with its time. No plotting dependency: it opens
with the chart in well under a millisecond, which pyqtgraph's scene did not (see README)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QFocusEvent,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.screens.trends import axes
from ui.screens.trends.paint import (  # noqa: F401 - label_font, LABEL_SHRINK_FLOOR re-exported
    LABEL_SHRINK_FLOOR,
    PlotColours,
    draw_hover,
    draw_series,
    draw_time_axis,
    label_font,
)
from ui.terms import number, ward_zone

MARGIN_RIGHT, MARGIN_TOP = 14, 8
STRIP_PADDING = 10  # room above the highest and below the lowest point for its value label
LABEL_COLUMN = (56.0, 120.0)  # the name column's narrowest and widest (px)
TICK_ROOM = 1.3  # a y tick per 1.3 line heights of a strip, so tick labels never touch


def _high_low(which: str) -> str:
    """Above or below the reference range, in words (the lab's H and L), not a glyph."""
    words = {"high": QCoreApplication.translate("Trends", "(high)"),
             "low": QCoreApplication.translate("Trends", "(low)")}  # fmt: skip
    return words[which]


@dataclass
class Series:
    """One plotted measurement: its label (name and unit), (time, value) points and its normal
    range (NEWS2's score-0 band for a vital sign, the result's reference range for a lab)."""

    label: str
    points: list[tuple[datetime, float]] = field(default_factory=list)
    band: tuple[float, float] | None = None

    def outside(self, value: float) -> bool:
        """Whether a value lies outside the normal band (False without a band)."""
        return self.band is not None and not self.band[0] <= value <= self.band[1]


def _spanned(series: Series) -> tuple[float, float]:
    """The values a strip spans: its points, padded, and a band edge near them (a lab's range
    always), so "in or out of range" is seen without squashing the line into a far-off band."""
    values = [v for _, v in series.points]
    low, high = min(values), max(values)
    reach = max(high - low, abs(high) * 0.2, 1.0)
    if series.band is not None:
        low = min(low, series.band[0]) if low - series.band[0] <= reach else low
        high = max(high, series.band[1]) if series.band[1] - high <= reach else high
    pad = (high - low) * 0.08 or max(abs(high) * 0.1, 1.0)
    return low - pad, high + pad


class TrendPlot(QWidget):
    """Each series is scaled to its own strip and range (so pulse and SpO2 are read by shape and
    by their own scale). Focusable: Tab reaches it, Left/Right/Home/End walk the points, Up/Down
    change strip, and the value and time under the cursor are shown in a box."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.series: list[Series] = []
        self.empty_text = ""
        self.hover: tuple[int, int] | None = None  # (series, point) shown in the hover box
        self._spans: list[tuple[float, float]] = []
        self._times: list[list[float]] = []
        self._layout: dict[object, Any] = {}  # widths and ticks, until the size or font changes
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setMinimumHeight(160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    @property
    def band(self) -> tuple[float, float] | None:
        """The first series' normal band (a result's reference range)."""
        return self.series[0].band if self.series else None

    def set_series(self, series: list[Series], band: tuple[float, float] | None = None) -> None:
        """Plot these series (points in any order); `band`, if given, is the one series' range."""
        self.series = [Series(s.label, sorted(s.points), s.band) for s in series if s.points]
        if band is not None and len(self.series) == 1:
            self.series[0].band = band
        self._spans = [_spanned(s) for s in self.series]
        self._times = [[t.timestamp() for t, _ in s.points] for s in self.series]
        self.hover = None
        self._layout.clear()
        self.update()

    def _cached(self, key: object, compute: Callable[[], Any]) -> Any:
        if key not in self._layout:
            self._layout[key] = compute()
        return self._layout[key]

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        self._layout.clear()
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._layout.clear()
        super().changeEvent(event)

    # geometry -------------------------------------------------------------------------------

    def label_width(self) -> float:
        """The name column: the widest line of any label (a label longer than the column wraps)."""
        return float(self._cached("label", self._label_width))

    def _label_width(self) -> float:
        metrics = QFontMetricsF(self.font())
        lines = [line for s in self.series for line in s.label.splitlines()] or [""]
        widest = max(metrics.horizontalAdvance(line) for line in lines) + 12
        return min(max(widest, LABEL_COLUMN[0]), LABEL_COLUMN[1])

    def tick_width(self) -> float:
        """The y scale's column: its widest tick label."""
        return float(self._cached("ticks", self._tick_width))

    def _tick_width(self) -> float:
        metrics = QFontMetricsF(self.font())
        texts = [number(v, 2) for i in range(len(self.series)) for v in self.value_ticks(i)]
        return max((metrics.horizontalAdvance(t) for t in texts), default=0) + 8

    def plot_area(self) -> QRectF:
        """The rectangle the points are drawn in, inside the names, the scale and the time axis."""
        left = self.label_width() + self.tick_width() if self.series else 8
        bottom = QFontMetricsF(self.font()).height() + 10
        return QRectF(left, MARGIN_TOP, max(1, self.width() - left - MARGIN_RIGHT),
                      max(1, self.height() - MARGIN_TOP - bottom))  # fmt: skip

    def strip(self, index: int) -> QRectF:
        """The horizontal strip of the plot area series `index` is drawn in (one per series)."""
        area = self.plot_area()
        top, height = self._row(index)
        return QRectF(area.left(), top, area.width(), height)

    def _row(self, index: int) -> tuple[float, float]:
        # a strip's top and height: they do not depend on the scale's width (which needs them)
        bottom = QFontMetricsF(self.font()).height() + 10
        height = max(1, self.height() - MARGIN_TOP - bottom) / max(1, len(self.series))
        return MARGIN_TOP + index * height, height

    def value_ticks(self, index: int) -> list[float]:
        """The y scale's round values of series `index`: as many as its strip has room for,
        at least two (a scale, not a lone number) unless their labels would touch."""
        return list(self._cached(("scale", index), lambda: self._value_ticks(index)))

    def _value_ticks(self, index: int) -> list[float]:
        low, high = self._spans[index]
        inner = self._row(index)[1] - 2 * STRIP_PADDING
        line = QFontMetricsF(self.font()).height()
        count = max(2, int(inner / (line * TICK_ROOM)))
        while True:
            ticks = axes.value_ticks(low, high, count)
            apart = (ticks[1] - ticks[0]) * inner / (high - low) if len(ticks) > 1 else inner
            if apart >= line or count == 1:
                return ticks
            count -= 1

    def time_span(self) -> tuple[float, float]:
        """The first and last timestamps plotted."""
        return min(t[0] for t in self._times), max(t[-1] for t in self._times)

    def x_of(self, moment: float, area: QRectF | None = None) -> float:
        """Where a timestamp is drawn across the plot area."""
        area, (first, last) = area or self.plot_area(), self.time_span()
        if last == first:
            return area.center().x()
        return area.left() + area.width() * (moment - first) / (last - first)

    def y_of(self, index: int, value: float) -> float:
        """Where a value of series `index` is drawn down its strip."""
        top, height = self._row(index)
        low, high = self._spans[index]
        inner = height - 2 * STRIP_PADDING
        return top + STRIP_PADDING + inner - inner * (value - low) / (high - low)

    def plotted_points(self) -> list[list[QPointF]]:
        """The widget-coordinate points of each series, in time order (what is painted)."""
        if not self.series:
            return []
        area, (first, last) = self.plot_area(), self.time_span()
        across = area.width() / (last - first) if last > first else 0.0
        left = area.left() if last > first else area.center().x()
        plotted = []
        for index, times in enumerate(self._times):
            top, height = self._row(index)
            low, high = self._spans[index]
            inner = height - 2 * STRIP_PADDING
            bottom, down = top + STRIP_PADDING + inner, inner / (high - low)
            plotted.append([QPointF(left + (t - first) * across, bottom - (v - low) * down)
                            for t, (_, v) in zip(times, self.series[index].points, strict=True)])  # fmt: skip
        return plotted

    def band_rect(self, index: int = 0) -> QRectF | None:
        """The normal band of series `index` within its strip, or None when it has none."""
        if index >= len(self.series) or self.series[index].band is None:
            return None
        low, high = self.series[index].band  # type: ignore[misc]
        strip, area = self.strip(index), self.plot_area()
        top = max(self.y_of(index, high), strip.top())
        bottom = min(self.y_of(index, low), strip.bottom())
        return QRectF(area.left(), top, area.width(), max(0.0, bottom - top))

    # texts ----------------------------------------------------------------------------------

    def time_axis(self) -> tuple[str, str]:
        """The first and last times under the plot, on the ward's clock ('' when empty)."""
        if not self.series:
            return "", ""
        first, last = self.time_span()
        return tuple(  # type: ignore[return-value]
            datetime.fromtimestamp(stamp, ward_zone()).strftime("%m-%d %H:%M")
            for stamp in (first, last)
        )

    def time_ticks(self) -> list[tuple[float, str]]:
        """The time axis' round ward-clock ticks between its ends: (x, label)."""
        if not self.series:
            return []
        first, last = self.time_span()
        width = QFontMetricsF(self.font()).horizontalAdvance("00-00 00:00")
        count = int(self.plot_area().width() / (width * 1.6))
        step = axes.time_step(first, last, count)
        return [(self.x_of(t.timestamp()), axes.tick_label(t, step))
                for t in axes.time_ticks(first, last, ward_zone(), count)]  # fmt: skip

    def hover_text(self) -> str:
        """The hovered point: its measurement, value and ward-clock time ('' when none)."""
        if self.hover is None:
            return ""
        series = self.series[self.hover[0]]
        moment, value = series.points[self.hover[1]]
        when = moment.astimezone(ward_zone()).strftime("%m-%d %H:%M")
        flag = " " + _high_low("high") if series.band and value > series.band[1] else ""
        flag = " " + _high_low("low") if series.band and value < series.band[0] else flag
        return f"{' '.join(series.label.split())}: {number(value, 2)}{flag}  {when}"

    def drawn_texts(self) -> list[str]:
        """Every text the plot paints: labels, scale, time axis, hover box, or the empty text."""
        if not self.series:
            return [self.empty_text]
        scale = [number(v, 2) for i in range(len(self.series)) for v in self.value_ticks(i)]
        ticks = [label for _, label in self.time_ticks()]
        return [*(s.label for s in self.series), *scale, *self.time_axis(), *ticks,
                *([self.hover_text()] if self.hover else [])]  # fmt: skip

    # painting and interaction ---------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colours = PlotColours.of(self.palette())
        painter.fillRect(self.rect(), colours.base)
        area = self.plot_area()
        if not self.series:
            painter.setPen(colours.text)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self.empty_text)
        else:
            for index, points in enumerate(self.plotted_points()):
                draw_series(painter, self, index, points, colours)
            draw_time_axis(painter, self, colours)
            if self.hover is not None:
                draw_hover(painter, self, colours)
        if self.hasFocus():
            painter.setPen(colours.focus_pen())
            painter.drawRect(self.rect().adjusted(1, 1, -1, -1))

    def nearest(self, position: QPointF) -> tuple[int, int] | None:
        """The point of the strip under `position` nearest to it in time, or None."""
        rows = [self._row(i) for i in range(len(self.series))]
        index = next((i for i, (top, height) in enumerate(rows)
                      if top <= position.y() < top + height), None)  # fmt: skip
        if index is None or not self.plot_area().adjusted(-8, 0, 8, 0).contains(position):
            return None
        area, (first, last) = self.plot_area(), self.time_span()
        moment = first + (last - first) * (position.x() - area.left()) / area.width()
        return index, self._closest(index, moment)

    def _closest(self, index: int, moment: float) -> int:
        times = self._times[index]
        at = bisect_left(times, moment)
        near = [i for i in (at - 1, at) if 0 <= i < len(times)]
        return min(near, key=lambda i: abs(times[i] - moment))

    def show_hover(self, hover: tuple[int, int] | None) -> None:
        """Show (or hide, with None) the value box at a point."""
        if hover != self.hover:
            self.hover = hover
            self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        if self.series:
            self.show_hover(self.nearest(event.position()))
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: object) -> None:  # noqa: N802 - Qt API
        self.show_hover(None)
        super().leaveEvent(event)  # type: ignore[arg-type]

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        moved = self._key_hover(event.key()) if self.series else None
        if moved is None:
            super().keyPressEvent(event)
            return
        self.show_hover(moved)

    def _key_hover(self, key: int) -> tuple[int, int] | None:
        index, point = self.hover or (0, len(self.series[0].points))
        last = len(self.series[index].points) - 1
        keys = Qt.Key
        steps = {keys.Key_Left: point - 1, keys.Key_Right: point + 1, keys.Key_Home: 0,
                 keys.Key_End: last}  # fmt: skip
        if key in steps:
            return index, max(0, min(steps[keys(key)], last))
        if key in (keys.Key_Up, keys.Key_Down) and self.hover is not None:
            other = max(0, min(index + (1 if key == keys.Key_Down else -1), len(self.series) - 1))
            return other, self._closest(other, self._times[index][point])
        return None

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt API
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt API
        super().focusOutEvent(event)
        self.update()

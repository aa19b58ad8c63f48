"""A small trend plot drawn with QPainter: values over time, one line per series, and an optional
reference-range band (no plotting dependency)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFocusEvent, QFont, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.terms import number, ward_zone

MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 120, 24, 8, 22
STRIP_PADDING = 16  # room for the labels above the highest and below the lowest point
LABEL_SHRINK_FLOOR = 0.6  # a strip's label shrinks to fit, never below 60 % of the font
LABEL_SPACING = 30  # px between value labels, so neighbouring labels never overlap
PALETTE = ("#1f5fa8", "#b00020", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f")
BAND_COLOUR = QColor(46, 125, 50, 40)


def label_font(font: QFont, room: QRectF, flags: int, text: str) -> QFont:
    """The font, made smaller until the wrapped label fits its strip (down to LABEL_SHRINK_FLOOR
    of its size): with six strips and a large font, "Systolic mmHg" wrapped onto the next strip."""
    fitted = QFont(font)
    size = font.pointSizeF()
    while size > 0 and fitted.pointSizeF() > size * LABEL_SHRINK_FLOOR:
        if QFontMetricsF(fitted).boundingRect(room, flags, text).height() <= room.height():
            break
        fitted.setPointSizeF(fitted.pointSizeF() * 0.9)
    return fitted


@dataclass
class Series:
    """One plotted measurement: its legend label and (time, value) points."""

    label: str
    points: list[tuple[datetime, float]] = field(default_factory=list)


class TrendPlot(QWidget):
    """Each series is scaled to its own range (so pulse and SpO2 share one plot readable by
    shape); the value labels at each point carry the numbers. Focusable, so Tab reaches it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.series: list[Series] = []
        self.band: tuple[float, float] | None = None
        self.empty_text = ""
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumHeight(160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_series(self, series: list[Series], band: tuple[float, float] | None = None) -> None:
        """Plot these series (points in any order); `band` is a reference range (one series)."""
        self.series = [Series(s.label, sorted(s.points)) for s in series if s.points]
        self.band = band
        self.update()

    def plot_area(self) -> QRectF:
        """The rectangle the points are drawn in."""
        return QRectF(MARGIN_LEFT, MARGIN_TOP, max(1, self.width() - MARGIN_LEFT - MARGIN_RIGHT),
                      max(1, self.height() - MARGIN_TOP - MARGIN_BOTTOM))  # fmt: skip

    def _time_span(self) -> tuple[float, float]:
        stamps = [t.timestamp() for s in self.series for t, _ in s.points]
        return min(stamps), max(stamps)

    def _value_span(self, series: Series) -> tuple[float, float]:
        values = [v for _, v in series.points]
        if self.band is not None and len(self.series) == 1:
            values += list(self.band)
        low, high = min(values), max(values)
        pad = (high - low) * 0.1 or max(abs(high) * 0.1, 1.0)
        return low - pad, high + pad

    def strip(self, index: int) -> QRectF:
        """The horizontal strip of the plot area series `index` is drawn in (one per series)."""
        area = self.plot_area()
        height = area.height() / max(1, len(self.series))
        return QRectF(area.left(), area.top() + index * height, area.width(), height)

    def _scale(
        self, strip: QRectF, moment: float, value: float, spans: tuple[float, float, float, float]
    ) -> QPointF:
        first, last, low, high = spans
        x = (
            strip.center().x()
            if last == first
            else strip.left() + strip.width() * (moment - first) / (last - first)
        )
        inner = strip.adjusted(0, STRIP_PADDING, 0, -STRIP_PADDING)
        y = inner.bottom() - inner.height() * (value - low) / (high - low)
        return QPointF(x, y)

    def plotted_points(self) -> list[list[QPointF]]:
        """The widget-coordinate points of each series, in time order (what is painted)."""
        if not self.series:
            return []
        first, last = self._time_span()
        return [
            [
                self._scale(self.strip(i), t.timestamp(), v, (first, last, *self._value_span(s)))
                for t, v in s.points
            ]
            for i, s in enumerate(self.series)
        ]

    def band_rect(self) -> QRectF | None:
        """The reference-range band's rectangle (one series only), or None."""
        if self.band is None or len(self.series) != 1:
            return None
        first, last = self._time_span()
        spans = (first, last, *self._value_span(self.series[0]))
        top = self._scale(self.strip(0), first, self.band[1], spans).y()
        bottom = self._scale(self.strip(0), first, self.band[0], spans).y()
        area = self.plot_area()
        return QRectF(area.left(), top, area.width(), bottom - top)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        area = self.plot_area()
        painter.setPen(QPen(self.palette().mid().color()))
        painter.drawRect(area)
        if not self.series:
            painter.setPen(self.palette().text().color())
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        band = self.band_rect()
        if band is not None:
            painter.fillRect(band, BAND_COLOUR)
        for index, (series, points) in enumerate(
            zip(self.series, self.plotted_points(), strict=True)
        ):
            self._draw_series(painter, index, series, points)
        self._draw_time_axis(painter, area)
        if self.hasFocus():
            painter.setPen(QPen(self.palette().highlight().color(), 2))
            painter.drawRect(self.rect().adjusted(1, 1, -1, -1))

    def _draw_series(
        self, painter: QPainter, index: int, series: Series, points: list[QPointF]
    ) -> None:
        strip = self.strip(index)
        painter.setPen(QPen(self.palette().mid().color()))
        if index:
            painter.drawLine(strip.topLeft(), strip.topRight())
        colour = QColor(PALETTE[index % len(PALETTE)])
        painter.setPen(QPen(colour, 2))
        for start, end in zip(points, points[1:], strict=False):
            painter.drawLine(start, end)
        labelled_x = -LABEL_SPACING * 2.0
        for number_index, (point, (_, value)) in enumerate(zip(points, series.points, strict=True)):
            painter.drawEllipse(point, 3, 3)
            last = number_index == len(points) - 1
            if point.x() - labelled_x >= LABEL_SPACING or last:
                painter.drawText(point + QPointF(-6, -6), number(value))
                labelled_x = point.x()
        label = QRectF(4, strip.top(), MARGIN_LEFT - 8, strip.height())
        flags = int(
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
        )
        painter.save()
        painter.setFont(label_font(painter.font(), label, flags, series.label))
        painter.drawText(label, flags, series.label)
        painter.restore()

    def time_axis(self) -> tuple[str, str]:
        """The first and last times under the plot, on the ward's clock ('' when empty)."""
        if not self.series:
            return "", ""
        first, last = self._time_span()
        return tuple(  # type: ignore[return-value]
            datetime.fromtimestamp(stamp, ward_zone()).strftime("%m-%d %H:%M")
            for stamp in (first, last)
        )

    def drawn_texts(self) -> list[str]:
        """Every text the plot paints: the series' labels, the time axis, or the empty text."""
        if not self.series:
            return [self.empty_text]
        return [*(s.label for s in self.series), *self.time_axis()]

    def _draw_time_axis(self, painter: QPainter, area: QRectF) -> None:
        painter.setPen(self.palette().text().color())
        start, end = self.time_axis()
        painter.drawText(QPointF(area.left(), area.bottom() + 16), start)
        width = painter.fontMetrics().horizontalAdvance(end)
        painter.drawText(QPointF(area.right() - width, area.bottom() + 16), end)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt API
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt API
        super().focusOutEvent(event)
        self.update()

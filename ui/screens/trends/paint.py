"""Painting the trend plot: every colour comes from the widget's QPalette, so each theme (the
high-contrast one included) colours the plot as it colours the rest of the screen."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette, QPen

from ui.terms import number

LABEL_SHRINK_FLOOR = 0.6  # a strip's label shrinks to fit, never below 60 % of the font
HIGH_CONTRAST_BORDER = 7.0  # borders at 7:1 on the base (WCAG AAA): a high-contrast theme
LABEL_SPACING = 30  # px between value labels, so neighbouring labels never overlap
MARKER = 3.0
VALUE_ROOM = (
    2.2  # values are written in strips of 2.2 line heights or more (one would cover the line)
)


class TrendPlot(Protocol):
    """What painting reads of the plot widget (plot.TrendPlot), passed in by its paintEvent."""

    series: list[Any]
    hover: tuple[int, int] | None

    def strip(self, index: int) -> QRectF: ...
    def plot_area(self) -> QRectF: ...
    def band_rect(self, index: int = 0) -> QRectF | None: ...
    def value_ticks(self, index: int) -> list[float]: ...
    def y_of(self, index: int, value: float) -> float: ...
    def tick_width(self) -> float: ...
    def label_width(self) -> float: ...
    def time_axis(self) -> tuple[str, str]: ...
    def time_ticks(self) -> list[tuple[float, str]]: ...
    def hover_text(self) -> str: ...
    def plotted_points(self) -> list[list[QPointF]]: ...


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


def luminance(colour: QColor) -> float:
    """WCAG 2 relative luminance of a colour."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))  # fmt: skip


def contrast(one: QColor, other: QColor) -> float:
    """WCAG 2 contrast ratio between two colours (1 to 21)."""
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@dataclass(frozen=True)
class PlotColours:
    """The plot's colours and line widths, read from a palette."""

    base: QColor
    text: QColor
    grid: QColor
    line: QColor
    band: QColor
    band_edge: QColor
    focus: QColor
    width: float

    @classmethod
    def of(cls, palette: QPalette) -> PlotColours:
        """The line in the palette's accent (the theme's primary colour), else its highlight,
        else its text colour: the first at 3:1 or more on the base; the normal band a tint of
        the text colour edged by dashes; a high-contrast palette (borders, Mid, at 7:1 or more)
        gets thicker lines and solid edges."""
        base, text = palette.base().color(), palette.text().color()
        roles = (QPalette.ColorRole.Accent, QPalette.ColorRole.Highlight)
        line = next((palette.color(r) for r in roles if contrast(palette.color(r), base) >= 3.0),
                    text)  # fmt: skip
        strong = contrast(palette.mid().color(), base) >= HIGH_CONTRAST_BORDER
        grid, band, edge = QColor(text), QColor(text), QColor(text)
        grid.setAlpha(150 if strong else 70)
        band.setAlpha(34 if strong else 24)
        edge.setAlpha(255 if strong else 130)
        return cls(base, text, grid, line, band, edge, palette.highlight().color(),
                   2.6 if strong else 1.8)  # fmt: skip

    def focus_pen(self) -> QPen:
        """The focus frame around the plot."""
        return QPen(self.focus if contrast(self.focus, self.base) >= 3.0 else self.text, 2)


def draw_series(
    painter: QPainter, plot: TrendPlot, index: int, points: list[QPointF], colours: PlotColours
) -> None:
    """One strip: band, scale, line, markers (out-of-range ones ringed), values, name."""
    strip = plot.strip(index)
    band = plot.band_rect(index)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # level lines: crisp, cheap
    if band is not None:
        painter.fillRect(band, colours.band)
        painter.setPen(QPen(colours.band_edge, 1, Qt.PenStyle.DashLine))
        for y in {band.top(), band.bottom()} - {strip.top(), strip.bottom()}:
            painter.drawLine(QPointF(strip.left(), y), QPointF(strip.right(), y))
    _draw_scale(painter, plot, index, colours)
    painter.setPen(QPen(colours.text, 1))
    painter.drawLine(strip.topLeft(), strip.bottomLeft())
    if index:
        painter.drawLine(strip.topLeft(), strip.topRight())
    if index == len(plot.series) - 1:
        painter.drawLine(strip.bottomLeft(), strip.bottomRight())
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(colours.line, colours.width))
    if len(points) > 1:
        painter.drawPolyline(points)
    _draw_markers(painter, plot, index, points, colours)
    _draw_name(painter, plot, index, colours)


def _draw_markers(
    painter: QPainter, plot: TrendPlot, index: int, points: list[QPointF], colours: PlotColours
) -> None:
    """Dots (one drawPoints call: an antialiased ellipse per point cost 50 ms for 1,200 points),
    a ring around each out-of-range point, and the values of the newest and of out-of-range
    points (the scale and the hover box give the rest; a number at every point hid the line)."""
    series, area = plot.series[index], plot.plot_area()
    metrics = QFontMetricsF(painter.font())
    if area.width() >= len(points) * (2 * MARKER + 2):  # denser, the dots would be the line
        dot = QPen(colours.line, 2 * MARKER)
        dot.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(dot)
        painter.drawPoints(points)
    painter.setPen(QPen(colours.line, 1.5))
    for point, (_, value) in zip(points, series.points, strict=True):
        if series.outside(value):  # out of the normal range: a ring, not colour alone
            painter.drawEllipse(point, MARKER + 3, MARKER + 3)
    if plot.strip(index).height() < metrics.height() * VALUE_ROOM:
        return  # a strip thinner than that (large font, many strips): the hover box tells
    labelled_x = float("inf")  # right to left: the newest value always has its label
    for point, (_, value) in reversed(list(zip(points, series.points, strict=True))):
        newest = labelled_x == float("inf")
        if (newest or series.outside(value)) and labelled_x - point.x() >= LABEL_SPACING:
            _draw_value(painter, plot, index, point, number(value, 2), colours)
            labelled_x = point.x()


def _draw_value(
    painter: QPainter, plot: TrendPlot, index: int, point: QPointF, text: str, colours: PlotColours
) -> None:
    """A value beside its point on a patch of the base colour (the line never strikes it
    through), above the point, or below it when the strip has no room above, inside the area."""
    metrics, area, strip = QFontMetricsF(painter.font()), plot.plot_area(), plot.strip(index)
    box = QRectF(0, 0, metrics.horizontalAdvance(text) + 4, metrics.height())
    box.moveBottomLeft(point + QPointF(-box.width() / 2, -MARKER - 2))
    if box.top() < strip.top():
        box.moveTop(point.y() + MARKER + 2)
    box.moveLeft(max(area.left() + 2, min(box.left(), area.right() - box.width())))
    painter.fillRect(box, colours.base)
    painter.setPen(colours.text)
    painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), text)


def _draw_scale(painter: QPainter, plot: TrendPlot, index: int, colours: PlotColours) -> None:
    strip = plot.strip(index)
    metrics = QFontMetricsF(painter.font())
    for value in plot.value_ticks(index):
        y = plot.y_of(index, value)
        painter.setPen(QPen(colours.grid, 1, Qt.PenStyle.DotLine))
        painter.drawLine(QPointF(strip.left(), y), QPointF(strip.right(), y))
        painter.setPen(QPen(colours.text, 1))
        painter.drawLine(QPointF(strip.left() - 4, y), QPointF(strip.left(), y))
        text = number(value, 2)
        box = QRectF(strip.left() - plot.tick_width(), y - metrics.height() / 2,
                     plot.tick_width() - 6, metrics.height())  # fmt: skip
        painter.drawText(
            box, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), text
        )


def _draw_name(painter: QPainter, plot: TrendPlot, index: int, colours: PlotColours) -> None:
    strip, label = plot.strip(index), plot.series[index].label
    room = QRectF(4, strip.top(), plot.label_width() - 6, strip.height())
    flags = int(
        Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
    )
    painter.save()
    painter.setPen(colours.text)
    painter.setFont(label_font(painter.font(), room, flags, label))
    painter.drawText(room, flags, label)
    painter.restore()


def draw_time_axis(painter: QPainter, plot: TrendPlot, colours: PlotColours) -> None:
    """Round ward-clock ticks, and the first and last times at the ends (never clipped: the last
    ends at the plot's right edge, where the last point is drawn)."""
    area, metrics = plot.plot_area(), QFontMetricsF(painter.font())
    baseline = area.bottom() + 4 + metrics.ascent()
    start, end = plot.time_axis()
    start_right = area.left() + metrics.horizontalAdvance(start) + 8
    end_left = area.right() - metrics.horizontalAdvance(end) - 8
    painter.setPen(QPen(colours.text, 1))
    painter.drawText(QPointF(area.left(), baseline), start)
    if end != start:
        painter.drawText(QPointF(area.right() - metrics.horizontalAdvance(end), baseline), end)
    for x, text in plot.time_ticks():
        painter.drawLine(QPointF(x, area.bottom()), QPointF(x, area.bottom() + 4))
        half = metrics.horizontalAdvance(text) / 2
        if start_right <= x - half and x + half <= end_left:
            painter.drawText(QPointF(x - half, baseline), text)


def draw_hover(painter: QPainter, plot: TrendPlot, colours: PlotColours) -> None:
    """A line down the plot at the hovered time, a ring on the point, and a box with its value
    and time, kept inside the plot area."""
    index, at = plot.hover  # type: ignore[misc]
    point = plot.plotted_points()[index][at]
    area, text = plot.plot_area(), plot.hover_text()
    painter.setPen(QPen(colours.text, 1, Qt.PenStyle.DashLine))
    painter.drawLine(QPointF(point.x(), area.top()), QPointF(point.x(), area.bottom()))
    painter.setPen(QPen(colours.text, 2))
    painter.drawEllipse(point, MARKER + 4, MARKER + 4)
    metrics = QFontMetricsF(painter.font())
    box = QRectF(0, 0, metrics.horizontalAdvance(text) + 12, metrics.height() + 6)
    box.moveTopLeft(point + QPointF(10, 10))
    if box.right() > area.right():
        box.moveRight(point.x() - 10)
    if box.bottom() > area.bottom():
        box.moveBottom(point.y() - 10)
    box.moveLeft(max(box.left(), area.left()))
    box.moveTop(max(box.top(), area.top()))
    painter.setBrush(colours.base)
    painter.drawRect(box)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(colours.text)
    painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), text)

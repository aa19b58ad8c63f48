"""The trend plot paints the points it is given; a selected result plots its history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette
from pytestqt.qtbot import QtBot

from ui.screens.chart.columns import lab_columns, vitals_columns
from ui.screens.chart.records import RecordTableModel
from ui.screens.chart.view import _table
from ui.screens.trends.fit import rows_height
from ui.screens.trends.paint import PlotColours
from ui.screens.trends.plot import Series, TrendPlot
from ui.screens.trends.results import ResultsPane
from ui.screens.trends.series import lab_series, vitals_series
from ui.screens.vitals_entry.pane import VitalsPane
from ui.terms import ward_zone

START = datetime(2024, 1, 1, 8, tzinfo=UTC)


def test_points_are_placed_by_time_and_value_inside_the_plot_area(qtbot: QtBot) -> None:
    plot = TrendPlot()
    qtbot.addWidget(plot)
    plot.resize(400, 200)
    hours = [START + timedelta(hours=h) for h in (0, 1, 3)]
    plot.set_series([Series("Pulse", list(zip(hours, [80.0, 100.0, 90.0], strict=True)))])
    [points] = plot.plotted_points()
    area = plot.plot_area()
    expected = [area.left(), area.left() + area.width() / 3, area.right()]
    assert [p.x() for p in points] == pytest.approx(expected)
    assert points[1].y() < points[2].y() < points[0].y()  # higher value, higher on screen
    assert all(area.top() <= p.y() <= area.bottom() for p in points)
    image = QImage(plot.size(), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    plot.render(image)
    painted = image.pixelColor(points[1].toPoint())
    assert painted != plot.palette().base().color()  # a marker is drawn where the point is


def test_vitals_rows_become_one_series_per_measured_sign() -> None:
    rows = [
        {"taken_at": "2024-01-01T08:00:00.000Z", "pulse_bpm": 80, "spo2_pct": 97},
        {"taken_at": "2024-01-01T12:00:00.000Z", "pulse_bpm": 90, "temperature_c": 37.2},
        {"taken_at": "2024-01-01T16:00:00.000Z", "pulse_bpm": 200, "voided": True},
    ]
    series = {s.label: [v for _, v in s.points] for s in vitals_series(rows)}
    assert series == {"Temp °C": [37.2], "Pulse /min": [80.0, 90.0], "SpO₂ %": [97.0]}


def lab(code: str, hour: int, value: float) -> dict:
    return {
        "result_id": f"{code}{hour}", "test_code": code, "test_name": code, "value": str(value),
        "numeric_value": value, "unit": "mmol/L", "reference_low": 3.5, "reference_high": 5.3,
        "flag": None, "resulted_at": (START + timedelta(hours=hour)).isoformat(),
    }  # fmt: skip


def test_a_selected_result_plots_its_history_with_the_reference_band(qtbot: QtBot) -> None:
    model = RecordTableModel(lab_columns())
    pane = ResultsPane(_table(model, "labs"))
    qtbot.addWidget(pane)
    pane.resize(500, 400)
    pane.show()
    model.set_rows([lab("K", 5, 5.9), lab("NA", 4, 139), lab("K", 2, 4.8), lab("K", 0, 4.1)])
    assert pane.plot.series == []
    pane.table.setFocus()
    qtbot.keyClick(pane.table, Qt.Key.Key_Down)  # keyboard selects the first row: potassium
    [series] = pane.plot.series
    assert [v for _, v in series.points] == [4.1, 4.8, 5.9]  # oldest first
    band = pane.plot.band_rect()
    assert band is not None
    [points] = pane.plot.plotted_points()
    assert points[2].y() < band.top() < points[1].y() < band.bottom()  # 5.9 above 5.3
    qtbot.keyClick(pane.table, Qt.Key.Key_Down)  # sodium
    assert [v for _, v in pane.plot.series[0].points] == [139.0]


def test_the_chosen_test_stays_chosen_when_the_chart_is_read_again(qtbot: QtBot) -> None:
    model = RecordTableModel(lab_columns())
    pane = ResultsPane(_table(model, "labs"))
    qtbot.addWidget(pane)
    pane.show()
    rows = [lab("K", 5, 5.9), lab("NA", 4, 139), lab("K", 2, 4.8)]
    model.set_rows(rows)
    pane.table.setCurrentIndex(model.index(1, 0))  # sodium
    model.set_rows([lab("K", 7, 5.1), *rows])  # a sync brought a newer potassium
    assert pane.table.currentIndex().row() == 2
    assert [v for _, v in pane.plot.series[0].points] == [139.0]


def test_a_result_trend_keeps_its_unit_whole_on_a_line_of_its_own() -> None:
    troponin = {**lab("HSTNT", 1, 10), "test_name": "高敏肌钙蛋白T", "unit": "ng/L"}
    [series], _band = lab_series([troponin], "HSTNT")
    assert series.label == "高敏肌钙蛋白T\nng/L"


def _ward(day: int, hour: int) -> datetime:
    return datetime(2024, 1, day, hour, tzinfo=ward_zone())


def test_the_time_axis_ends_at_the_last_points_ward_clock_time(qtbot: QtBot) -> None:
    plot = TrendPlot()
    qtbot.addWidget(plot)
    plot.resize(900, 300)
    # stored on UTC, as the chart stores them: 07:00 on the ward is 23:00 UTC the day before
    points = [(_ward(1, 19).astimezone(UTC), 80.0), (_ward(2, 7).astimezone(UTC), 96.0)]
    plot.set_series([Series("Pulse /min", points, (51, 90))])
    assert plot.time_axis() == ("01-01 19:00", "01-02 07:00")
    [[first, last]] = plot.plotted_points()
    area = plot.plot_area()
    assert (first.x(), last.x()) == pytest.approx((area.left(), area.right()))  # 07:00 at the end
    ticks = dict((label, x) for x, label in plot.time_ticks())
    assert "01-02" in ticks and "06:00" in ticks  # round hours of the ward's clock
    assert ticks["01-02"] == pytest.approx(area.left() + area.width() * 5 / 12)  # 19:00 → 00:00


def test_each_strip_has_a_y_scale_and_its_normal_band(qtbot: QtBot) -> None:
    rows = [
        {"taken_at": "2024-01-01T00:00:00Z", "pulse_bpm": 72, "spo2_pct": 97},
        {"taken_at": "2024-01-01T04:00:00Z", "pulse_bpm": 118, "spo2_pct": 93},
    ]
    plot = TrendPlot()
    qtbot.addWidget(plot)
    plot.resize(900, 400)
    plot.set_series(vitals_series(rows))
    assert [s.band for s in plot.series] == [(51, 90), (96, 100)]  # NEWS2 score-0 ranges
    for index in range(2):
        ticks = plot.value_ticks(index)
        assert len(ticks) >= 2
        strip = plot.strip(index)
        assert all(strip.top() <= plot.y_of(index, v) <= strip.bottom() for v in ticks)
        assert "100" in plot.drawn_texts()  # the pulse scale reaches 100, SpO2's band too
    pulse_band = plot.band_rect(0)
    assert pulse_band is not None
    [low, high] = plot.plotted_points()[0]
    assert pulse_band.top() < low.y() < pulse_band.bottom()  # 72 inside 51-90
    assert high.y() < pulse_band.top()  # 118 above it
    assert plot.plot_area().left() >= plot.label_width() + plot.tick_width()  # nothing overlaps


def test_hovering_a_point_shows_its_value_and_ward_time(qtbot: QtBot) -> None:
    plot = TrendPlot()
    qtbot.addWidget(plot)
    plot.resize(800, 300)
    points = [(_ward(1, 7), 4.1), (_ward(1, 15), 5.9), (_ward(2, 7), 4.8)]
    plot.set_series([Series("K\nmmol/L", points)], (3.5, 5.3))
    plot.show()
    middle = plot.plotted_points()[0][1]
    qtbot.mouseMove(plot, middle.toPoint())
    assert plot.hover == (0, 1)
    assert plot.hover_text() == "K mmol/L: 5.9 (high)  01-01 15:00"  # above range: in words
    assert plot.hover_text() in plot.drawn_texts()
    plot.setFocus()
    qtbot.keyClick(plot, Qt.Key.Key_Right)  # the keyboard walks the points too
    assert plot.hover_text() == "K mmol/L: 4.8  01-02 07:00"
    qtbot.keyClick(plot, Qt.Key.Key_Home)
    assert plot.hover == (0, 0)


def test_the_plot_takes_its_colours_from_the_palette(qtbot: QtBot) -> None:
    plot = TrendPlot()
    qtbot.addWidget(plot)
    plot.resize(400, 200)
    palette = plot.palette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#000000"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Accent, QColor("#ffff00"))
    palette.setColor(QPalette.ColorRole.Mid, QColor("#ffffff"))  # borders as strong as text
    plot.setPalette(palette)
    plot.set_series([Series("Pulse", [(START, 80.0), (START + timedelta(hours=2), 90.0)])])
    colours = PlotColours.of(plot.palette())
    assert colours.line == QColor("#ffff00") and colours.width > 2  # high contrast: thick
    palette.setColor(QPalette.ColorRole.Accent, QColor("#202020"))  # unreadable on black
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#303030"))
    assert PlotColours.of(palette).line == QColor("#ffffff")  # falls back to the text colour
    image = plot.grab().toImage()
    assert image.pixelColor(2, 2) == QColor("#000000")  # the base, not a pastel white
    [[first, _]] = plot.plotted_points()
    assert image.pixelColor(first.toPoint()) == QColor("#ffff00")


def test_the_vitals_tab_shows_ten_flowsheet_rows_or_the_trend(qtbot: QtBot) -> None:
    model = RecordTableModel(vitals_columns())
    model.set_rows([{"taken_at": "2026-01-01T00:00:00Z", "temperature_c": 36.5}] * 30)
    pane = VitalsPane(_table(model, "vitals"))
    qtbot.addWidget(pane)
    pane.resize(700, 400)  # too short for ten rows: the table's minimum holds them anyway
    pane.show()
    table = pane.table
    assert table.minimumHeight() == rows_height(table)
    assert table.height() >= rows_height(table) and pane.views.currentWidget() is table
    pane.show_trend.click()  # Trend (Alt+T): the plot in the table's place
    assert pane.views.currentWidget() is pane.plot and pane.show_trend.isChecked()
    pane.show_view(trend=False)
    assert pane.views.currentWidget() is table and pane.show_table.isChecked()

"""The trend plot paints the points it is given; a selected result plots its history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from ui.screens.chart.columns import lab_columns
from ui.screens.chart.records import RecordTableModel
from ui.screens.chart.view import _table
from ui.screens.trends.plot import Series, TrendPlot
from ui.screens.trends.results import ResultsPane
from ui.screens.trends.series import lab_series, vitals_series

START = datetime(2024, 1, 1, 8, tzinfo=UTC)


def test_points_are_placed_by_time_and_value_inside_the_plot_area(qtbot: QtBot) -> None:
    plot = TrendPlot()
    qtbot.addWidget(plot)
    plot.resize(400, 200)
    hours = [START + timedelta(hours=h) for h in (0, 1, 3)]
    plot.set_series([Series("Pulse", list(zip(hours, [80.0, 100.0, 90.0], strict=True)))])
    [points] = plot.plotted_points()
    area = plot.plot_area()
    assert [p.x() for p in points] == [area.left(), area.left() + area.width() / 3, area.right()]
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

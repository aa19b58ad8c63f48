"""The census by keyboard: its NEWS2, length-of-stay and diagnosis columns, Alt+digit sorts (again
reverses, a header click too), Ctrl+\\ hides it so the open chart takes the whole width."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from tests.ui.flows import CTRL, log_in, open_by_search, wait_for_census
from ui.screens.census.model import DIAGNOSIS, NAME, NEWS2, STAY

ALT = Qt.KeyboardModifier.AltModifier


def test_the_census_sorts_by_keys_and_collapses_beside_the_chart(
    qtbot: QtBot, open_station
) -> None:  # noqa: ANN001
    station = open_station()
    log_in(qtbot, station)
    wait_for_census(qtbot, station)
    view, model = station.view, station.view.census_model

    def names() -> list[str]:
        return [p["name"] for p in model.patients]

    zhang = model.row_of(next(p["patient_id"] for p in model.patients if p["name"] == "张三"))
    assert model.index(zhang, NEWS2).data() == "1"  # pulse 96 scores 1, the rest 0
    assert model.index(zhang, STAY).data() == "0 d"  # admitted today on the ward's clock
    assert model.index(zhang, DIAGNOSIS).data() == "heart failure"
    assert names() == ["张三", "李四"]  # by bed
    table = view.census.table
    qtbot.keyClick(view.census.search, Qt.Key.Key_Down)  # into the table, on 张三
    assert table.hasFocus() and view.census.selected_row() == 0
    qtbot.keyClick(table, Qt.Key.Key_2, ALT)  # by name: li si before zhang san
    assert names() == ["李四", "张三"]
    assert model.patients[view.census.selected_row()]["name"] == "张三"  # still selected
    qtbot.keyClick(table, Qt.Key.Key_2, ALT)  # again: reversed
    assert names() == ["张三", "李四"]
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(NAME) + header.sectionSize(NAME) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert header.sortIndicatorSection() == NAME and names() == ["李四", "张三"]

    open_by_search(qtbot, station, "zs")
    chart_width = view.chart.width()
    qtbot.keyClick(view, Qt.Key.Key_Backslash, CTRL)
    assert not view.census.isVisible()  # the left pane (census and worklist tabs) hidden
    qtbot.waitUntil(lambda: view.chart.width() > chart_width)
    qtbot.keyClick(view, Qt.Key.Key_Backslash, CTRL)
    assert view.census.isVisible() and table.hasFocus()
    qtbot.keyClick(view, Qt.Key.Key_Backslash, CTRL)
    qtbot.keyClick(view, Qt.Key.Key_F, CTRL)  # finding a patient brings the census back
    assert view.census.isVisible() and view.census.search.hasFocus()


def test_an_alerts_icon_is_its_first_word(qapp) -> None:  # noqa: ANN001
    # a 病重 patient with allergies showed the 病重 icon beside the word "allergies": elided in a
    # narrow column, the icon and the one word left told two different things
    from ui.screens.census.model import ALERTS, CensusModel, row_alerts

    serious = {"patient_id": "p1", "bed": "03", "name": "郭春梅", "sex": "F",
               "birth_date": "1948-01-01", "status": "admitted", "allergy_count": 1,
               "acuity": "serious", "same_name_beds": ["07"]}  # fmt: skip
    alerts = row_alerts(serious)
    assert [icon for icon, _words in alerts] == ["acuity_serious", "warning", "allergy"]
    model = CensusModel()
    model.set_patients([serious])
    cell = model.index(0, ALERTS)
    assert cell.data().startswith(alerts[0][1] + " ")  # the icon's alert is the first word
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == "; ".join(words for _icon, words in alerts)


def test_a_narrow_cell_shows_its_first_words_elided_not_its_second_line(qapp) -> None:  # noqa: ANN001
    # with word wrap on, "病重 过敏" broke at the space into two lines in the one-line row and the
    # cell showed the second, "过…", beside the 病重 icon (large font, Chinese)
    from ui.screens.census.model import CensusModel
    from ui.screens.census.view import CensusView

    view = CensusView(CensusModel())
    assert not view.table.wordWrap()
    assert view.table.textElideMode() == Qt.TextElideMode.ElideRight

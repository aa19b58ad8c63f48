"""The dashboard's quality tab shows the indicators of the hand-built history
(tests/support/quality_history.py) with each definition and source, in Chinese too, exports what
it shows as sheets, and empties on lock."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QLabel, QTableWidget
from pytestqt.qtbot import QtBot

from tests.support.quality_history import folded_engine, indicators
from ui.screens.dashboard.quality_tab import QualityTab
from ui.screens.dashboard.tabs import TABS


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    """The indicators of the folded history, all wards."""
    engine = folded_engine()
    try:
        return indicators(engine)
    finally:
        engine.dispose()


def _table(tab: QualityTab, name: str) -> list[list[str]]:
    table = tab.findChild(QTableWidget, name)
    assert table is not None
    return [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]  # fmt: skip


def test_the_tab_shows_each_indicator_with_its_source_and_exports_it(
    qtbot: QtBot, data: dict[str, Any]
) -> None:
    assert QualityTab in TABS
    tab = QualityTab()
    qtbot.addWidget(tab)
    tab.show_data(data)
    assert tab.title() == "Quality" and tab.path == "/manage/quality"
    notes = tab.findChild(QLabel, "qualityDefinition_notes").text()
    assert "病历书写基本规范 (2010)" in notes and "8 h" in notes
    assert "within 60 min" in tab.findChild(QLabel, "qualityDefinition_news2").text()
    assert "ISMP" in tab.findChild(QLabel, "qualityDefinition_doses").text()
    assert _table(tab, "qualityTable_doses") == [["CARD", "1", "0", "0.0%", "1"],
                                                 ["RESP", "1", "1", "100.0%", "0"]]  # fmt: skip
    rules = {row[0]: row[3:] for row in _table(tab, "qualityTable_alerts_by_rule")}
    assert rules["r2"] == ["2", "1", "50.0%"]
    sheets = {s.title: s for s in tab.sheets()}
    assert len(sheets) == 9
    assert sheets["Verification turnaround by ward"].rows == [["CARD", "2", "37.5", "45", "0"],
                                                               ["RESP", "1", "120", "120", "0"]]  # fmt: skip
    tab.clear()
    assert _table(tab, "qualityTable_notes_by_doctor") == [] and tab.sheets()[0].rows == []


def test_the_tab_speaks_chinese(qtbot: QtBot, chinese: None, data: dict[str, Any]) -> None:
    tab = QualityTab()
    qtbot.addWidget(tab)
    tab.show_data(data)
    assert tab.title() == "质控"
    assert "《病历书写基本规范》" in tab.findChild(QLabel, "qualityDefinition_notes").text()
    by_doctor = _table(tab, "qualityTable_notes_by_doctor")
    assert ["王医生", "首次病程记录", "1", "1", "100.0%"] in by_doctor
    assert tab.sheets()[1].headers[0] == "医生"

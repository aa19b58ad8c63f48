"""The screens' tables share their counts and titles (ui.table_model) yet keep their own
translation contexts: the column titles still come out in Chinese."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ui.screens.census.model import CensusModel
from ui.screens.mar.model import MarModel
from ui.screens.worklist.model import WorklistModel
from ui.table_model import TitledTableModel

EXPECTED = {
    MarModel: ("时间", 4),
    WorklistModel: ("状态", 5),
    CensusModel: ("床号", 10),
}


@pytest.mark.parametrize("model_class", list(EXPECTED), ids=lambda c: c.__name__)
def test_titles_are_translated_in_the_screens_own_context(
    chinese, model_class: type[TitledTableModel]
) -> None:
    model = model_class()
    first_title, columns = EXPECTED[model_class]
    assert model.columnCount() == columns and model.rowCount() == 0
    assert model.headerData(0, Qt.Orientation.Horizontal) == first_title
    assert model.headerData(0, Qt.Orientation.Vertical) is None

"""Guard against a Qt binding that leaks references to None.

PySide6 6.12.0 dropped a reference to None each time a model's data() returned None (and on
QApplication.focusWidget() with no focus). Python 3.11 aborts when None's count reaches zero
("Fatal Python error: none_dealloc"), which a ward PC would reach within hours of scrolling.
pyproject pins PySide6 below 6.12; this test fails if a binding with that leak comes back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QApplication


class _EmptyModel(QAbstractTableModel):
    def rowCount(self, parent=QModelIndex()):  # noqa: B008 - Qt's own signature
        return 2

    def columnCount(self, parent=QModelIndex()):  # noqa: B008
        return 2

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return None


def test_model_data_returning_none_keeps_nones_reference_count(qapp):
    model = _EmptyModel()
    index = model.index(1, 1)
    before = sys.getrefcount(None)
    for _ in range(500):
        index.data(Qt.ItemDataRole.ToolTipRole)
        QApplication.focusWidget()
    assert sys.getrefcount(None) - before > -50

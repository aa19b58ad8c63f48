"""Tables that keep ten rows in view beside a trend plot, whatever the theme's font: the table's
minimum height is what ten rows take, read again when the rows or the style change."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QTableView

MIN_ROWS = 10  # the screen walker's rule for a screen's main table at 1366x768
_RESTYLED = (QEvent.Type.Show, QEvent.Type.StyleChange, QEvent.Type.FontChange,
             QEvent.Type.Polish)  # fmt: skip


def rows_height(table: QTableView, rows: int = MIN_ROWS) -> int:
    """The height `table` needs to show `rows` whole rows: its header, the rows (as tall as its
    first row, or the default row before it has rows), its frame and a horizontal scroll bar."""
    model = table.model()
    row = table.sizeHintForRow(0) if model is not None and model.rowCount() else -1
    if row <= 0:
        row = table.verticalHeader().defaultSectionSize()
    header = table.horizontalHeader()
    head = header.sizeHint().height() if not header.isHidden() else 0
    scroll = table.horizontalScrollBar().sizeHint().height()
    return head + rows * row + 2 * table.frameWidth() + scroll


class KeepRows(QObject):
    """Holds `table` at least MIN_ROWS rows tall (a splitter or layout gives the rest to others).

    The height is measured again when the table is shown or restyled (a theme), and once when
    its first rows arrive, not on every reload: measuring a row lays the table out, which a
    chart opening on another tab should not pay for (bench/chart_open.py)."""

    def __init__(self, table: QTableView):
        super().__init__(table)
        self.table = table
        self.measured_a_row = False
        table.installEventFilter(self)
        table.model().modelReset.connect(self._rows_changed)
        self.fit()

    def fit(self) -> None:
        """Set the table's minimum height to what ten rows take now."""
        self.measured_a_row = self.table.model().rowCount() > 0
        self.table.setMinimumHeight(rows_height(self.table))

    def _rows_changed(self) -> None:
        if not self.measured_a_row and self.table.isVisible():
            self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.table and event.type() in _RESTYLED:
            self.fit()
        return False

"""What the screen walker measures on a window at 1366x768: a widget drawn outside its parent (cut
off: the user never sees its end), a window wider or taller than the ward's screen (pushed off
it), and a main table (the screen's content) showing fewer than ten rows."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QMenu,
    QTabBar,
    QTableView,
    QWidget,
)

SCREEN = (1366, 768)  # the commonest ward PC screen
MIN_ROWS = 10
SLACK = 2  # pixels a style's border may overhang its parent
# tables that are the whole content of their screen: they must show ten rows at 1366x768
MAIN_TABLES = {"censusTable", "worklistTable", "marTable", "labsTable", "vitalsTable",
               "verificationQueue", "stockLots", "pickLines", "alertsTable", "rightsTable"}  # fmt: skip
# tables whose first columns must all be in view without scrolling: the census's bed to stay
GLANCE_COLUMNS = {"censusTable": 7}


@dataclass(frozen=True)
class Flaw:
    """One layout fault: the screen, the widget and what is wrong."""

    screen: str
    where: str
    what: str


def _where(widget: QWidget) -> str:
    return f"{type(widget).__name__}#{widget.objectName()}"


def _scrolled(widget: QWidget) -> bool:
    """Inside a scroll area's viewport: it may stand beyond the viewport (scrolled to)."""
    parent = widget.parentWidget()
    while parent is not None:
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and parent is area.viewport():
            return True
        parent = area
    return False


def _clipped(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    if parent is None or widget.isWindow() or isinstance(widget, QMenu):
        return False
    if isinstance(parent, QTabBar) or _scrolled(widget):  # the tab bar scrolls its own tabs
        return False
    rect = widget.geometry()
    if rect.width() <= 0 or rect.height() <= 0:
        return False
    return (rect.left() < -SLACK or rect.top() < -SLACK
            or rect.right() > parent.width() + SLACK or rect.bottom() > parent.height() + SLACK)  # fmt: skip


def _rows_shown(table: QAbstractItemView) -> float:
    rows = table.model().rowCount() if table.model() is not None else 0
    row_height = table.sizeHintForRow(0) if rows else table.fontMetrics().height() + 8
    return table.viewport().height() / max(row_height, 1)


def _columns_out_of_view(screen: str, table: QTableView) -> list[Flaw]:
    """The at-a-glance columns past the right edge of the table's view."""
    room = table.viewport().width()
    model = table.model()
    return [Flaw(screen, _where(table), f"column {model.headerData(c, Qt.Orientation.Horizontal)!r} "
                 f"is past the edge ({table.columnViewportPosition(c) + table.columnWidth(c)} > {room})")
            for c in range(GLANCE_COLUMNS[table.objectName()])
            if table.columnViewportPosition(c) + table.columnWidth(c) > room + SLACK]  # fmt: skip


def _widest(root: QWidget) -> str:
    """The chain of widgets down to the one whose minimum width holds the window wide."""
    chain, widget = [], root
    while True:
        children = [c for c in widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
                    if c.isVisible() and not c.isWindow()]  # fmt: skip
        if not children:
            return " > ".join(chain)
        widget = max(children, key=lambda c: max(c.minimumSizeHint().width(), c.minimumWidth()))
        chain.append(f"{_where(widget)}({widget.minimumSizeHint().width()})")


def layout_flaws(screen: str, window: QWidget) -> list[Flaw]:
    """Clipped widgets, windows off the screen and short main tables, in the window and its
    visible dialogs."""
    roots = [window] + [w for w in QApplication.topLevelWidgets()
                        if w is not window and w.isVisible() and w.isWindow()
                        and not isinstance(w, QMenu)]  # fmt: skip
    flaws = []
    for root in roots:
        if root.width() > SCREEN[0] or root.height() > SCREEN[1]:
            size = f"{root.width()}x{root.height()}"
            flaws.append(Flaw(screen, _where(root),
                              f"window {size} is larger than the screen: {_widest(root)}"))  # fmt: skip
        for widget in root.findChildren(QWidget):
            if not widget.isVisible():
                continue
            if _clipped(widget):
                flaws.append(Flaw(screen, _where(widget), "drawn outside its parent"))
            if widget.objectName() in GLANCE_COLUMNS and isinstance(widget, QTableView):
                flaws += _columns_out_of_view(screen, widget)
            if widget.objectName() in MAIN_TABLES and isinstance(widget, QAbstractItemView):
                shown = _rows_shown(widget)
                if shown < MIN_ROWS:
                    flaws.append(Flaw(screen, _where(widget), f"shows {shown:.1f} rows"))
    return flaws

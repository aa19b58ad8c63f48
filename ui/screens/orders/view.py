"""The Orders tab: the order line with its live reading and checks, the basket, active orders."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.icons import icon
from ui.screens.chart import columns
from ui.screens.chart.records import RecordTableModel

Key = Qt.Key
ORDER_COLUMN = 2  # the order's words in columns.order_columns()
RESIZE_SAMPLE_ROWS = 50
BASKET_ROWS = 8  # the basket grows to this many lines, then scrolls


class OrdersView(QWidget):
    """Layout only; key presses become intents the OrdersController acts on."""

    sig_text_edited = Signal(str)
    sig_add_requested = Signal()  # Enter in the order line
    sig_complete_requested = Signal()  # Tab: take the highlighted suggestion
    sig_suggestion_moved = Signal(int)  # Up / Down
    sig_clear_requested = Signal()  # Esc
    sig_basket_remove_requested = Signal(int)  # Delete in the basket
    sig_basket_edit_requested = Signal(int)  # Enter in the basket
    sig_term_flip_requested = Signal(int)  # F8: 长期 <-> 临时 of a basket line (-1: the newest)
    sig_discontinue_requested = Signal(int)  # Delete in the active orders
    sig_modify_requested = Signal(int)  # Enter in the active orders

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ordersPane")
        self.line = QLineEdit(objectName="orderLine")
        self.line.setPlaceholderText(self.tr(
            "Order: amox 500mg po tid 7d · 阿莫西林 0.5g 口服 tid 7天 · 血常规 · CXR · os pneumonia · n daily weight"
        ))  # fmt: skip
        self.keys_hint = QLabel(objectName="orderKeysHint", wordWrap=True)
        self.keys_hint.setText(self.tr(
            "Enter adds to the basket · Tab takes the highlighted suggestion · F9 signs the basket · "
            "F6 moves between line, basket and active orders (Delete stops, Enter modifies) · "
            "F8 flips long-term / temporary · dc before a sentence with its days: discharge medication"
        ))  # fmt: skip
        self.preview = QLabel(objectName="orderPreview", wordWrap=True)
        self.preview.setTextFormat(Qt.TextFormat.RichText)
        self.alerts = QLabel(objectName="orderAlerts", wordWrap=True)
        self.alerts.setTextFormat(Qt.TextFormat.RichText)
        self.suggestions = QListWidget(objectName="orderSuggestions")
        self.suggestions.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.suggestions.setMaximumHeight(120)
        self.basket_title = QLabel(objectName="basketTitle")
        self.basket = QListWidget(objectName="orderBasket")
        self.active_model = RecordTableModel(columns.order_columns(), self)
        self.active = _table(self.active_model)
        self._layout()
        self.line.textEdited.connect(self.sig_text_edited)
        for widget in (self.line, self.basket, self.active):
            widget.installEventFilter(self)
        self.show_basket([])

    def _layout(self) -> None:
        entry = QWidget()
        top = QVBoxLayout(entry)
        top.setContentsMargins(0, 0, 0, 0)
        for widget in (self.line, self.keys_hint, self.suggestions, self.preview, self.alerts):
            top.addWidget(widget)
        basket = QWidget()
        middle = QVBoxLayout(basket)
        middle.setContentsMargins(0, 0, 0, 0)
        middle.addWidget(self.basket_title)
        middle.addWidget(self.basket)
        active = QWidget()
        bottom = QVBoxLayout(active)
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(QLabel(self.tr("Orders of this patient (newest first)")))
        bottom.addWidget(self.active)
        self.split = QSplitter(Qt.Orientation.Vertical)
        for part in (entry, basket, active):
            self.split.addWidget(part)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.split)
        self.setFocusProxy(self.line)

    def show_reading(self, preview_html: str, alerts_html: str, suggestions: list[str]) -> None:
        """What the line means now, its alerts and its completions (first one highlighted)."""
        self.preview.setText(preview_html)
        self.alerts.setText(alerts_html)
        self.alerts.setVisible(bool(alerts_html))
        self.suggestions.clear()
        self.suggestions.addItems(suggestions)
        self.suggestions.setVisible(bool(suggestions))
        if suggestions:
            self.suggestions.setCurrentRow(0)

    def show_basket(self, lines: list[str], icons: list[str | None] | None = None) -> None:
        """The basket lines, each with its icon (ui.icons kind, or None), and its title with the
        count and the key that signs."""
        row = self.basket.currentRow()
        self.basket.clear()
        for line, kind in zip(lines, icons or [None] * len(lines), strict=True):
            item = QListWidgetItem(line)
            if kind:
                item.setIcon(icon(kind))
            self.basket.addItem(item)
        if lines:
            self.basket.setCurrentRow(min(max(row, 0), len(lines) - 1))
        self.basket_title.setText(
            self.tr("Basket: %n order(s) to sign — F9 signs them all", "", len(lines))
        )
        self._fit_basket(len(lines))

    def _fit_basket(self, count: int) -> None:
        """As high as its lines (one empty row at least, BASKET_ROWS at most, then it scrolls):
        an empty basket no longer takes the rows of the patient's orders below it."""
        row = self.basket.sizeHintForRow(0) if count else self.basket.fontMetrics().height() + 6
        frame = 2 * self.basket.frameWidth()
        wanted = max(1, min(count, BASKET_ROWS)) * row + frame + 2
        self.basket.setMaximumHeight(wanted)
        sizes = self.split.sizes()  # a splitter does not give a grown maximum back by itself
        grow = min(wanted - self.basket.height(), sizes[2] // 2) if sum(sizes) else 0
        if grow > 0:
            self.split.setSizes([sizes[0], sizes[1] + grow, sizes[2] - grow])

    def cycle_focus(self) -> None:
        """F6: order line -> basket -> active orders -> order line."""
        order = [self.line, self.basket, self.active]
        current = next((i for i, w in enumerate(order) if w.hasFocus()), -1)
        target = order[(current + 1) % len(order)]
        target.setFocus()
        if (
            target is self.active
            and self.active_model.rowCount()
            and not self.active.currentIndex().isValid()
        ):
            self.active.selectRow(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key, plain = event.key(), event.modifiers() == Qt.KeyboardModifier.NoModifier
        if key == Key.Key_F6:
            self.cycle_focus()
            return True
        if key == Key.Key_F8 and watched in (self.line, self.basket):
            self.sig_term_flip_requested.emit(
                self.basket.currentRow() if watched is self.basket else -1
            )
            return True
        if watched is self.line:
            return self._line_key(key, plain)
        if watched is self.basket and plain and self.basket.currentRow() >= 0:
            signal = {Key.Key_Delete: self.sig_basket_remove_requested,
                      Key.Key_Return: self.sig_basket_edit_requested,
                      Key.Key_Enter: self.sig_basket_edit_requested}.get(Key(key))  # fmt: skip
            if signal is not None:
                signal.emit(self.basket.currentRow())
                return True
        if watched is self.active and plain and self.active.currentIndex().isValid():
            signal = {Key.Key_Delete: self.sig_discontinue_requested,
                      Key.Key_Return: self.sig_modify_requested,
                      Key.Key_Enter: self.sig_modify_requested}.get(Key(key))  # fmt: skip
            if signal is not None:
                signal.emit(self.active.currentIndex().row())
                return True
        return False

    def _line_key(self, key: int, plain: bool) -> bool:
        if not plain:
            return False
        if key in (Key.Key_Return, Key.Key_Enter):
            self.sig_add_requested.emit()
            return True
        if key == Key.Key_Tab and self.suggestions.count():
            self.sig_complete_requested.emit()
            return True
        if key in (Key.Key_Down, Key.Key_Up) and self.suggestions.count():
            self.sig_suggestion_moved.emit(1 if key == Key.Key_Down else -1)
            return True
        if key == Key.Key_Escape and self.line.text():
            self.sig_clear_requested.emit()
            return True
        return False

    def move_suggestion(self, step: int) -> None:
        """Highlight the next or previous suggestion."""
        count = self.suggestions.count()
        if count:
            self.suggestions.setCurrentRow((self.suggestions.currentRow() + step) % count)


def _table(model: RecordTableModel) -> QTableView:
    table = QTableView(objectName="activeOrders")
    table.setModel(model)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    # columns fit their text (sampling the first rows, as the chart's tables do) and the order's
    # words take the rest: at Qt's fixed 100 pixels the placed time read "2026-11-26 …"
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setResizeContentsPrecision(RESIZE_SAMPLE_ROWS)
    header.setSectionResizeMode(ORDER_COLUMN, QHeaderView.ResizeMode.Stretch)
    return table

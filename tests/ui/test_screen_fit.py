"""What bench/screenshots.py showed on a 1366x768 ward screen: the window, the dialogs and the
tables' important columns fit, so nothing the user needs is cut off or pushed off the screen."""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from ui.dialogs import WINDOW_FRAME, fitted
from ui.screens.dialogs.shortcuts import ShortcutsDialog
from ui.screens.orders.view import BASKET_ROWS, OrdersView
from ui.screens.pharmacy.counter_view import ITEM_DRUG, CounterView
from ui.screens.pharmacy.stock_view import PICK_ORDER, StockView, WardPickView
from ui.screens.pharmacy.verification_view import VerificationView
from ui.screens.trends.plot import LABEL_SHRINK_FLOOR, label_font
from ui.screens.worklist.tasks import WorkItem
from ui.screens.worklist.view import WorklistView
from ui.theme import apply_theme
from workstation.clinical.dispensing import PickLine, Prescription

WARD_SCREEN_WIDTH = 1366
CELL_MARGINS = 6  # the item delegate's text margins, left and right


def test_the_large_font_window_fits_a_ward_screen(qapp: QApplication, open_station) -> None:  # noqa: ANN001
    station = open_station()
    station.view.pages.setCurrentWidget(station.view.work)
    apply_theme(qapp, "large-font")
    try:
        assert station.view.minimumSizeHint().width() <= WARD_SCREEN_WIDTH
    finally:
        qapp.setStyleSheet("")


def test_a_dialog_is_never_taller_or_wider_than_its_screen(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    room = window.screen().availableGeometry().size()
    size = fitted(QSize(900, room.height() + 300), window)
    assert size.height() == room.height() - WINDOW_FRAME and size.width() <= 900
    assert fitted(QSize(300, 200), window) == QSize(300, 200)


def test_f1_shows_every_action_whole(qtbot: QtBot) -> None:
    dialog = ShortcutsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.wait(100)  # let the rows take the height of their wrapped text
    table = dialog.table
    metrics = table.fontMetrics()
    room = dialog.screen().availableGeometry()
    assert dialog.height() <= room.height() and dialog.width() <= room.width()
    for row in range(table.rowCount()):
        text = table.item(row, 1).text()
        width = table.columnWidth(1) - CELL_MARGINS
        needed = metrics.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, text)
        assert needed.height() <= table.rowHeight(row), text


WORKLIST = [
    WorkItem("p1", "08", "黄淑珍", "order", "new", "2026-11-26T07:02:00.000Z",
             {"status": "completed", "description": "肾功能+电解质"}, "k1"),
    WorkItem("p2", "05", "Margaret Evans", "dose", "overdue", "2026-11-26T18:55:00.000Z",
             {"drug_name": "Ticagrelor", "dose_value": 180, "dose_unit": "mg", "route": "po",
              "frequency": "st"}, "k2"),
]  # fmt: skip


def test_the_worklist_task_is_readable_beside_a_new_order_state(qtbot: QtBot) -> None:
    view = WorklistView()
    qtbot.addWidget(view)
    view.resize(556, 400)  # the left pane beside the chart on a 1366-pixel screen
    view.show()
    view.model.set_items(WORKLIST)
    metrics = view.table.fontMetrics()
    for row in range(len(WORKLIST)):
        task = view.model.data(view.model.index(row, 4))
        assert view.table.columnWidth(4) >= metrics.horizontalAdvance(task), task


def test_the_pick_list_order_takes_the_room(qtbot: QtBot) -> None:
    view = WardPickView()
    qtbot.addWidget(view)
    view.resize(1300, 500)
    view.show()
    line = PickLine(order_id="o1", patient_id="p1", bed="02", patient_name="何立新",
                    drug_code="isosorbide_mononitrate", description="单硝酸异山梨酯 40 mg po qd",
                    doses=1, quantity=1, unit="tab", dispensed=0)  # fmt: skip
    view.show_lines([line])
    metrics = view.lines.fontMetrics()
    assert view.lines.columnWidth(PICK_ORDER) >= metrics.horizontalAdvance(line.description)
    assert view.lines.verticalHeader().isHidden()


def test_a_trend_label_shrinks_to_its_strip_but_not_below_the_floor() -> None:
    font = QFont()
    font.setPointSizeF(15)
    room = QRectF(0, 0, 112, 40)
    flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
    shrunk = label_font(font, room, flags, "Diastolic mmHg")
    assert QFontMetricsF(shrunk).boundingRect(room, flags, "Diastolic mmHg").height() <= 40
    tiny = label_font(font, QRectF(0, 0, 20, 4), flags, "Diastolic mmHg")
    assert tiny.pointSizeF() >= 15 * LABEL_SHRINK_FLOOR * 0.9
    assert label_font(font, QRectF(0, 0, 300, 100), flags, "Temp °C") == font


def test_the_counter_shows_the_drug_whole(qtbot: QtBot) -> None:
    view = CounterView()
    qtbot.addWidget(view)
    view.resize(1300, 600)
    view.show()
    item = {"drug_name": "对乙酰氨基酚 (Paracetamol) 500 mg tab", "quantity": 12, "unit": "tab"}
    view.show_serving(Prescription("rx1", 1, "周建国", "OP20260001", [item], {}, None))
    metrics = view.items.fontMetrics()
    assert view.items.columnWidth(ITEM_DRUG) >= metrics.horizontalAdvance(item["drug_name"])
    assert view.items.verticalHeader().isHidden()


def test_the_pharmacy_tables_show_no_row_numbers(qtbot: QtBot) -> None:
    stock, picks, counter, queue = StockView(), WardPickView(), CounterView(), VerificationView()
    for view in (stock, picks, counter, queue):
        qtbot.addWidget(view)
    tables = (stock.lots, picks.lines, counter.items, queue.table)
    assert [table.verticalHeader().isHidden() for table in tables] == [True] * 4


def test_an_empty_basket_leaves_the_room_to_the_patients_orders(qtbot: QtBot) -> None:
    view = OrdersView()
    qtbot.addWidget(view)
    view.resize(700, 620)  # the Orders tab beside the census at 1366x768
    view.show()
    qtbot.waitExposed(view)
    row = view.basket.fontMetrics().height() + 6
    assert view.basket.height() <= 2 * row  # one empty line, not a third of the tab
    assert view.active.height() > 6 * view.basket.height()
    view.show_basket([f"order {n}" for n in range(BASKET_ROWS + 3)])
    line = view.basket.sizeHintForRow(0)
    qtbot.waitUntil(lambda: view.basket.height() >= BASKET_ROWS * line)  # grows, then scrolls
    assert view.basket.maximumHeight() < (BASKET_ROWS + 1) * line

"""The stock screen names drugs and words its alerts in the user's language, and the pick list and
the counter count in Chinese units: the screenshots showed 'amoxicillin AMX2511N — expiry
2026-12-21, 60 on hand' and '2 syringe' on the Chinese screens."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui.i18n import compile_translation
from ui.screens.pharmacy.counter_view import CounterView
from ui.screens.pharmacy.stock_view import StockView, WardPickView
from workstation.clinical.dispensing import PickLine, Prescription
from workstation.clinical.formulary import load_formulary
from workstation.clinical.stock import LotStock, StockSettings, stock_alerts

TODAY = date(2026, 11, 26)


@contextmanager
def chinese(app: QApplication, build_dir: Path) -> Iterator[None]:
    """The zh_CN translation installed while the block runs."""
    translator = QTranslator()
    assert translator.load(str(compile_translation("zh_CN", build_dir)))
    app.installTranslator(translator)
    try:
        yield
    finally:
        app.removeTranslator(translator)


def _show(view: StockView) -> list[str]:
    lots = [
        LotStock("PHARM", "amoxicillin", "AMX2511N", TODAY + timedelta(days=25), 60),
        LotStock("PHARM", "aspirin", "A2609117", TODAY + timedelta(days=400), -3),
        LotStock("PHARM", "no_such_drug", "X1", None, 1),
    ]
    settings = StockSettings(expiry_bands=(30,), minimum_levels={"no_such_drug": 5})
    formulary = load_formulary()
    names = {lot.drug_code: drug.name("zh") for lot in lots
             if (drug := formulary.by_code(lot.drug_code)) is not None}  # fmt: skip
    view.show_stock(lots, stock_alerts(lots, TODAY, settings), names)
    return [view.alerts.item(i).text() for i in range(view.alerts.count())]


def test_the_chinese_stock_screen_names_drugs_and_words_alerts_in_chinese(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path
) -> None:
    with chinese(qapp, tmp_path):
        view = StockView()
        qtbot.addWidget(view)
        alerts = _show(view)
    assert "30 天内过期: PHARM 阿莫西林 AMX2511N — 有效期 2026-12-21，现存 60" in alerts
    assert "需对账: PHARM 阿司匹林 A2609117 — -3：发出超过库存，请盘点对账" in alerts
    assert "库存不足: PHARM no_such_drug  — 可用 1，最低 5" in alerts  # no name: the code
    assert view.lots.item(0, 1).text() == "阿莫西林"
    assert not any(word in " ".join(alerts) for word in ("expiry", "on hand", "usable", "minimum"))


def test_the_pick_list_and_the_counter_count_in_chinese_units(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path
) -> None:
    line = PickLine("o1", "p1", "05", "宋丽华", "enoxaparin", "依诺肝素钠 40mg sc qd", 2, 2,
                    "syringe", 0)  # fmt: skip
    item = {"drug_name": "阿莫西林胶囊", "quantity": 15, "unit": "cap"}
    with chinese(qapp, tmp_path):
        picks, counter = WardPickView(), CounterView()
        qtbot.addWidget(picks)
        qtbot.addWidget(counter)
        picks.show_lines([line])
        counter.show_serving(Prescription("rx1", 1, "周建国", "OP20260001", [item], {}, None))
    assert picks.lines.item(0, 4).text() == "2 支"
    assert counter.items.item(0, 2).text() == "粒"


def test_the_pick_list_shows_empty_ampoules_not_back(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path
) -> None:
    line = PickLine("o1", "p1", "05", "宋丽华", "fentanyl", "芬太尼 0.05mg iv q4h", 6, 6, "amp", 0,
                    empties_out=2)  # fmt: skip
    returned = PickLine(
        "o2", "p2", "06", "何立新", "fentanyl", "芬太尼 0.05mg iv q4h", 6, 6, "amp", 0
    )
    with chinese(qapp, tmp_path):
        picks = WardPickView()
        qtbot.addWidget(picks)
        picks.show_lines([line, returned])
    assert picks.lines.item(0, 2).text() == "芬太尼 0.05mg iv q4h  空安瓿/废贴 2 未交回"
    assert not picks.lines.item(0, 2).icon().isNull()  # the warning icon beside the words
    assert picks.lines.item(1, 2).text() == "芬太尼 0.05mg iv q4h"
    english = WardPickView()
    qtbot.addWidget(english)
    english.show_lines([line])
    assert english.lines.item(0, 2).text().endswith("  2 empty ampoule(s) or patch(es) not back")

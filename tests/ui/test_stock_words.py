"""The stock screen names drugs and words its alerts in the user's language: the screenshots showed
'amoxicillin AMX2511N — expiry 2026-12-21, 60 on hand' on the Chinese screen."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui.i18n import compile_translation
from ui.screens.pharmacy.stock_view import StockView
from workstation.clinical.formulary import load_formulary
from workstation.clinical.stock import LotStock, StockSettings, stock_alerts

TODAY = date(2026, 11, 26)


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
    translator = QTranslator()
    assert translator.load(str(compile_translation("zh_CN", tmp_path)))
    qapp.installTranslator(translator)
    try:
        view = StockView()
        qtbot.addWidget(view)
        alerts = _show(view)
    finally:
        qapp.removeTranslator(translator)
    assert "30 天内过期: PHARM 阿莫西林 AMX2511N — 有效期 2026-12-21，现存 60" in alerts
    assert "需对账: PHARM 阿司匹林 A2609117 — -3：发出超过库存，请盘点对账" in alerts
    assert "库存不足: PHARM no_such_drug  — 可用 1，最低 5" in alerts  # no name: the code
    assert view.lots.item(0, 1).text() == "阿莫西林"
    assert not any(word in " ".join(alerts) for word in ("expiry", "on hand", "usable", "minimum"))

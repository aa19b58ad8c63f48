"""Translations compile and are complete; the demo prepares once and reuses; themes load."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from tests.support.tr_strings import ts_translations, ui_tr_strings
from ui import launch
from ui.i18n import TRANSLATOR_NAME, compile_translation, install_language, ts_source
from ui.screens.orders.dialogs import RuleStatisticsDialog
from ui.screens.pharmacy.detail import detail_html
from ui.theme import apply_theme, theme_names
from workstation.clinical.checks.model import Alert
from workstation.clinical.verification import WaitingOrder


def test_every_chinese_translation_is_finished() -> None:
    translations = ts_translations(ts_source("zh_CN"))
    assert len(translations) > 150
    assert [source for source, text in translations.items() if not text] == []
    # a translation that is the English itself (proper names and codes like ICD-10 aside)
    assert [source for (_, source), text in translations.items()
            if text == source and re.search("[a-z]{3,}", source)] == []  # fmt: skip
    # every placeholder kept, and a mnemonic (&X) wherever the English has one
    assert [source for (_, source), text in translations.items()
            if sorted(re.findall("%[0-9n]", source)) != sorted(re.findall("%[0-9n]", text))
            or bool(re.search("&[^&\\s]", source)) != bool(re.search("&[^&\\s]", text))] == []  # fmt: skip


def test_every_ui_string_has_a_chinese_translation_in_its_context() -> None:
    strings = ui_tr_strings(Path(__file__).resolve().parents[2])
    assert len(strings) > 300  # the reader finds self.tr, translate, QT_TRANSLATE_NOOP, _tr(...)
    translations = ts_translations(ts_source("zh_CN"))
    missing = [f"{s.where} [{s.context}] {s.source}" for s in strings
               if not translations.get((s.context, s.source))]  # fmt: skip
    assert missing == []


def test_compiled_chinese_translates_the_login_page(qapp: QApplication, tmp_path: Path) -> None:
    compiled = compile_translation("zh_CN", tmp_path)
    assert compiled is not None and compiled.stat().st_size > 0
    translator = QTranslator()
    assert translator.load(str(compiled))
    qapp.installTranslator(translator)
    try:
        assert QCoreApplication.translate("LoginView", "Workstation locked") == "工作站已锁定"
        assert QCoreApplication.translate("Terms", "%1, %2 y") == "%1，%2岁"
    finally:
        qapp.removeTranslator(translator)


def test_qt_standard_buttons_follow_the_language_and_english_leaves_no_translator(
    qapp: QApplication, tmp_path: Path
) -> None:
    def cancel_text() -> str:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        return box.button(QDialogButtonBox.StandardButton.Cancel).text()

    before = QLocale()
    try:
        assert len(install_language(qapp, "zh_CN", tmp_path)) == 2  # Qt's qtbase and ours
        assert cancel_text() == "取消"
        assert QCoreApplication.translate("LoginView", "Workstation locked") == "工作站已锁定"
        assert install_language(qapp, "zh_CN", tmp_path) and cancel_text() == "取消"  # no pile-up
        assert len(qapp.findChildren(QTranslator, TRANSLATOR_NAME)) == 2
    finally:
        assert install_language(qapp, "en", tmp_path) == []
        QLocale.setDefault(before)
    assert cancel_text() == "Cancel"
    assert QCoreApplication.translate("LoginView", "Workstation locked") == "Workstation locked"
    assert qapp.findChildren(QTranslator, TRANSLATOR_NAME) == []


def _mnemonic(title: str) -> str | None:
    found = re.search(r"&([^&])", title)
    return found.group(1).upper() if found else None


def _menus(station) -> dict[str, list[str]]:  # noqa: ANN001
    """Each top-level menu's title and the texts of the actions in it."""
    return {action.text(): [a.text() for a in action.menu().actions() if not a.isSeparator()]
            for action in station.view.menuBar().actions() if action.menu()}  # fmt: skip


def test_menus_are_translated_and_their_mnemonics_unique(
    qapp: QApplication, open_station, tmp_path: Path
) -> None:  # noqa: ANN001
    first = open_station()
    english = _menus(first)
    first.shell.shut_down()
    before = QLocale()
    install_language(qapp, "zh_CN", tmp_path / "i18n")
    try:
        chinese = _menus(open_station())
    finally:
        install_language(qapp, "en", tmp_path / "i18n")
        QLocale.setDefault(before)
    assert len(english) == len(chinese) >= 6  # station, patient, note, orders, help, pharmacy
    words = [*chinese, *(text for items in chinese.values() for text in items)]
    assert [text for text in words if not re.search("[\u4e00-\u9fff]", text)] == []
    for menus in (english, chinese):
        for titles in (list(menus), *menus.values()):  # the menu bar, then each menu
            keys = [key for key in map(_mnemonic, titles) if key]
            assert len(set(keys)) == len(keys), titles
        assert None not in map(_mnemonic, menus)


def test_order_check_words_are_chinese_in_pharmacy_and_statistics(
    qapp: QApplication, tmp_path: Path
) -> None:
    alert = Alert("drug-allergy", "critical", "Penicillin allergy", "青霉素过敏",
                  "allergy-penicillin", "BNF")  # fmt: skip
    entry = WaitingOrder({"description": "amox 500mg po tid"},
                         {"name": "张三", "bed": "1", "record_number": "MRN1"}, False, [alert])  # fmt: skip
    row = {"rule_id": "allergy-penicillin", "category": "drug-allergy", "severity": "critical",
           "fired": 2, "overridden": 1, "override_rate": 0.5}  # fmt: skip
    before = QLocale()
    install_language(qapp, "zh_CN", tmp_path)
    try:
        html = detail_html(entry)
        statistics = RuleStatisticsDialog([row])
        cells = [statistics.table.item(0, column).text() for column in range(3)]
    finally:
        install_language(qapp, "en", tmp_path)
        QLocale.setDefault(before)
    assert "[严重] 青霉素过敏" in html and "critical" not in html
    assert cells == ["allergy-penicillin", "药物过敏", "严重"]
    assert "[critical] Penicillin allergy" in detail_html(entry)


def test_the_three_themes_load(qapp: QApplication) -> None:
    assert {"default", "high-contrast", "large-font"} <= set(theme_names())
    for name in theme_names():
        apply_theme(qapp, name)
        assert "QWidget" in qapp.styleSheet()
    qapp.setStyleSheet("")


def test_demo_is_created_once_then_reused_with_its_saved_passwords(tmp_path: Path) -> None:
    database, passwords = launch.prepare_demo_server(tmp_path / "demo")
    saved = tmp_path / "demo" / launch.DEMO_PASSWORDS
    assert passwords and saved.exists() and oct(saved.stat().st_mode & 0o777) == "0o600"
    assert launch.read_passwords(saved) == passwords
    assert launch.prepare_demo_server(tmp_path / "demo") == (database, passwords)


def test_no_secure_keyring_says_so_and_leaves_no_replica(
    qtbot, qapp, tmp_path, monkeypatch
) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QMessageBox

    from offline_cache import keystore
    from ui.app import Program, parse_args

    keystore.forget_accepted_backends()  # the plaintext test keyring is no longer accepted
    program = Program(
        qapp, parse_args(["--data-dir", str(tmp_path / "station"), "--language", "en"])
    )
    program.start()
    qtbot.waitUntil(
        lambda: program.error_box is not None and program.error_box.isVisible(), timeout=20_000
    )
    box = program.error_box
    assert (
        isinstance(box, QMessageBox)
        and "not changed" in box.text()
        and "not secure" in box.informativeText()
    )
    exits: list[int] = []
    monkeypatch.setattr(
        program, "app", type("RecordsExit", (), {"exit": staticmethod(exits.append)})
    )
    box.accept()
    assert exits == [2]
    assert not (tmp_path / "station" / "replica.db").exists()
    program.workers.wait()
    for lane in (program.workers, program.sync_workers):
        lane.setParent(None)
        lane.deleteLater()
    qapp.setStyleSheet("")

"""Needs-attention words a conflict in the user's language: the Chinese list read "conflict: the
record changed since it was read" and its table "weight_kg", "You sent", "Server now"."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from offline_cache.link import Refused
from ui.i18n import compile_translation
from ui.refusals import REFUSALS, refusal_text
from ui.refusals import refusal_words as refusal_request_words
from ui.screens.attention.controller import details_html, refusal_words

CONFLICT = {
    "type": "DemographicsUpdated", "reject_code": "conflict",
    "reject_message": "the record changed since it was read (version 7, now 0)",
    "payload": {"base_version": 7, "weight_kg": 70.0},
    "patient": {"name": "张三", "ward_id": "W1", "bed": "1", "weight_kg": 68.5, "version": 0},
}  # fmt: skip


def test_a_conflict_is_worded_in_chinese(qapp: QApplication, tmp_path: Path) -> None:
    translator = QTranslator()
    assert translator.load(str(compile_translation("zh_CN", tmp_path)))
    qapp.installTranslator(translator)
    try:
        row, details = refusal_words(CONFLICT), details_html(CONFLICT)
    finally:
        qapp.removeTranslator(translator)
    assert row == "读取后已被他人修改（您的版本 7，服务器版本 0）"
    assert "<td>体重 kg</td><td>70.0</td><td><b>68.5</b></td>" in details
    assert "服务器现有记录" in details and "您发送的" in details and "拒收原因" in details
    assert "weight_kg</td>" not in details  # the field's name, not its code


def test_another_refusal_is_worded_by_its_code_never_by_the_servers_english(
    qapp: QApplication, tmp_path: Path
) -> None:
    forbidden = {**CONFLICT, "reject_code": "forbidden", "reject_message": "not your ward"}
    unknown = {**CONFLICT, "reject_code": "new_rule", "reject_message": "a rule of tomorrow"}
    assert refusal_words(forbidden) == "your role may not make this change"
    assert refusal_words(unknown) == "the server refused this change: a rule of tomorrow"
    refused = Refused(404, "not_found", "no such patient")
    assert refusal_request_words(refused) == "the server has no such record: no such patient"
    translator = QTranslator()
    assert translator.load(str(compile_translation("zh_CN", tmp_path)))
    qapp.installTranslator(translator)
    before = QLocale()
    QLocale.setDefault(QLocale("zh_CN"))
    try:
        chinese = [refusal_text(code) for code in REFUSALS]
        words = refusal_words(forbidden), refusal_words(unknown), refusal_request_words(refused)
    finally:
        qapp.removeTranslator(translator)
        QLocale.setDefault(before)
    assert all(re.search(r"[\u4e00-\u9fff]", t) and not re.search(r"[a-z]{3,}", t)
               for t in chinese), chinese  # fmt: skip
    assert words == ("您的角色无权进行此项修改", "服务器拒收了此项修改", "服务器上没有该记录")

"""The front sheet's check and the archive gate's refusal in the user's language (issue 17's
leftover: both were English on a Chinese screen)."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QLocale
from pytestqt.qtbot import QtBot

from offline_cache.record_archive import ArchiveRefusal
from tests.support.ward import front_sheet
from ui.screens.archive.controller import ArchiveDesk, _gaps
from ui.screens.ward_records.front_sheet_dialog import FrontSheetDialog
from workstation.clinical.front_sheet import RecordState, archive_notes

PATIENT = {"name": "张三", "sex": "male"}


@pytest.fixture
def zh_locale() -> Iterator[None]:
    """The user's language is Chinese for the test (as ui.i18n sets it at start-up)."""
    before = QLocale()
    QLocale.setDefault(QLocale("zh_CN"))
    yield
    QLocale.setDefault(before)


def test_the_front_sheet_check_speaks_chinese(qtbot: QtBot, zh_locale: None) -> None:
    dialog = FrontSheetDialog(PATIENT, front_sheet(disposition="2"))
    qtbot.addWidget(dialog)
    assert "离院方式 2/3 须填写拟接收医疗机构名称" in dialog.check.text()
    assert "receiving institution" not in dialog.check.text()


def test_the_archive_refusal_names_the_gaps_in_chinese(zh_locale: None) -> None:
    notes = archive_notes(
        RecordState(sheet=None, discharge_summary_signed=False, awaiting_cosign=0)
    )
    refusal = ArchiveRefusal("record_incomplete", "english", tuple(notes))
    assert _gaps(refusal) == "出院记录未签名；病案首页：尚未保存住院病案首页"
    assert _gaps(ArchiveRefusal("record_incomplete", "as the server said")) == "as the server said"
    desk = SimpleNamespace(tr=str)  # the archive desk's own words untranslated, its gaps not
    assert ArchiveDesk.refusal_text(desk, refusal).endswith(  # type: ignore[arg-type]
        ": 出院记录未签名；病案首页：尚未保存住院病案首页"
    )

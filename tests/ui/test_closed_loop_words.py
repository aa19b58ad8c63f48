"""The closed loop's details read in the user's language: lot and amount, bedside result, end time
on the ward clock, mL given, and the witness by name rather than by user id."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from ui.screens.closed_loop.facts import detail_words
from workstation.clinical.closed_loop import LoopEvent

AT = "2026-11-26T01:00:00.000Z"
NAMES = {"u-witness": "李护士"}
DISPENSED = LoopEvent(
    "dispensed", AT, "u1", facts=(("lot", "A26"), ("quantity", "3"), ("unit", "tab"))
)
GIVEN = LoopEvent("given", AT, "u2", facts=(
    ("dose", "1000 mL ivgtt"), ("ended", "2026-11-26T03:30:00.000Z"), ("given_ml", "950"),
    ("witness", "u-witness"),
))  # fmt: skip
UNABLE = LoopEvent(
    "bedside_check", AT, "u2", "wristband torn", True, (("result", "unable_to_scan"),)
)
SKIN_TEST = LoopEvent("bedside_check", AT, "u2", "", True, (("result", "skin_test"),))
RETURNED = LoopEvent("returned", AT, "u3", "patient discharged", True,
                     (("lot", "A26"), ("quantity", "2"), ("unit", "tab")))  # fmt: skip


def test_details_in_chinese(chinese) -> None:
    assert detail_words(DISPENSED, NAMES) == "批号 A26，3 片"
    assert detail_words(GIVEN, NAMES) == (
        "1000 mL ivgtt，结束于 2026-11-26 11:30，实际输入 950 mL，双人核对：李护士"
    )
    assert detail_words(UNABLE, NAMES) == "无法扫描：wristband torn"
    assert detail_words(RETURNED, NAMES) == "批号 A26，2 片：patient discharged"
    assert detail_words(SKIN_TEST, NAMES) == "皮试未阴性，拦截给药"


def test_details_in_english(qapp: QApplication) -> None:
    assert detail_words(DISPENSED, NAMES) == "lot A26, 3 tab"
    assert detail_words(SKIN_TEST, NAMES) == "blocked: no negative skin test"
    assert detail_words(GIVEN, {}) == (
        "1000 mL ivgtt, ended 2026-11-26 11:30, 950 mL given, checked by u-witness"
    )
    assert detail_words(LoopEvent("voided", AT, None, "", True, (("voided", "dose"),)), {}) == (
        "the dose record was voided"
    )

"""A label for a patient now on another ward names that ward as people know it."""

from __future__ import annotations

from ui.screens.ward_receipt.dialog import match_words
from workstation.clinical.ward_receipt import LabelMatch


def test_another_ward_is_named_not_coded(chinese) -> None:
    match = LabelMatch("other_ward", ward_id="RESP")
    assert match_words(match, {}, "呼吸内科") == (
        "此标签属于病区 呼吸内科 的患者，不是本病区：未作记录，请退回药房。"
    )
    assert "病区 RESP 的患者" in match_words(match, {})  # before the wards snapshot arrives

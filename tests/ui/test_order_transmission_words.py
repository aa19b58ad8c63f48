"""A lab order's timeline from its OrderTransmitted events: signed, sent to the LIS and accepted
(with the answer's time on the ward clock), a cancel, a rejection with the LIS's words; worded
in both languages."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from ui.screens.closed_loop.dialog import step_words
from ui.screens.closed_loop.facts import detail_words
from workstation.clinical.order_transmissions import missing_sent_steps, sent_order_loop

ORDER = "01a24f49-75d5-7ea8-8134-d650a2d099ad"
CHART = {"orders": [{"order_id": ORDER, "placed_at": "2026-12-07T02:00:00.000Z",
                     "placed_by": "u-doc", "description": "CBC", "status": "discontinued",
                     "ended_at": "2026-12-07T03:00:00.000Z", "ended_by": "u-doc",
                     "end_reason": "duplicate"}]}  # fmt: skip
SENT = [
    {"order_id": ORDER, "destination": "LIS", "action": "new", "control_id": "N1",
     "sent_at": "2026-12-07T02:02:00.000Z", "answered_at": "2026-12-07T02:02:01.000Z",
     "outcome": "accepted", "ack_code": "AA"},
    {"order_id": ORDER, "destination": "LIS", "action": "cancel", "control_id": "C1",
     "sent_at": "2026-12-07T03:00:05.000Z", "answered_at": "2026-12-07T03:00:06.000Z",
     "outcome": "rejected", "ack_code": "AE", "ack_text": "specimen already taken"},
    {"order_id": "another", "destination": "PACS", "action": "new", "control_id": "N2",
     "sent_at": "2026-12-07T02:30:00.000Z", "answered_at": "2026-12-07T02:30:00.000Z",
     "outcome": "accepted", "ack_code": "AA"},
]  # fmt: skip


def _rows() -> list[tuple[str, str]]:
    loop = sent_order_loop(CHART, ORDER, SENT)
    assert missing_sent_steps(loop) == []
    return [(step_words(e.kind), detail_words(e, {})) for e in loop]


def test_the_way_to_the_lis_in_english(qapp: QApplication) -> None:
    assert _rows() == [
        ("Signed by the doctor", "CBC"),
        ("Sent to the hospital system", "LIS, accepted 2026-12-07 10:02"),
        ("Stopped", "duplicate"),
        ("Cancel sent to the hospital system",
         "LIS, rejected 2026-12-07 11:00: specimen already taken"),
    ]  # fmt: skip
    assert missing_sent_steps(sent_order_loop(CHART, ORDER, [])) == ["sent"]


def test_the_way_to_the_lis_in_chinese(chinese) -> None:
    assert _rows()[1] == ("已发送至医院系统", "LIS，2026-12-07 10:02 已接收")
    assert _rows()[3][1] == "LIS，2026-12-07 11:00 已拒收：specimen already taken"

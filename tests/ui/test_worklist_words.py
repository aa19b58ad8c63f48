"""The worklist words an order's state for the nurse: only a medication order waits for the
pharmacy; a new nursing, laboratory or imaging order is just new."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from ui.screens.worklist.model import order_status


@pytest.mark.parametrize(
    ("kind", "status", "words"),
    [
        ("medication", "placed", "新医嘱，待药房审核"),
        ("nursing", "placed", "新医嘱"),
        ("lab", "placed", "新医嘱"),
        ("medication", "verified", "新医嘱，已审核"),
        ("nursing", "discontinued", "医嘱已停止"),
    ],
)
def test_only_a_medication_order_waits_for_the_pharmacy(chinese, kind, status, words) -> None:
    assert order_status({"order_kind": kind, "status": status}) == words


def test_english_words(qapp: QApplication) -> None:
    assert order_status({"order_kind": "imaging", "status": "placed"}) == "new order"
    assert order_status({"order_kind": "medication", "status": "placed"}) == (
        "new order, awaiting pharmacy"
    )

"""The usage tab shows the server's usage figures (what to fix next first), exports them and empties
itself; filled from usage_summary over a few records, as the server answers."""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, insert

from ui.screens.dashboard.usage_tab import UsageTab
from workstation.server.usage_summary import usage_summary
from workstation.server.usage_tables import metadata, usage_records


def _figures() -> dict[str, object]:
    engine = create_engine("sqlite://")
    metadata.create_all(engine)
    rows = [("login", "online", 0, 0), ("action", "F9", 0, 0), ("catalog", "F9", 0, 0), ("catalog", "F4", 0, 0),
            ("screen", "ChartView/OrdersView", 40, 90_000), ("screen", "CensusView", 2, 10_000),
            ("error", "builtins.KeyError", 0, 0)]  # fmt: skip
    with engine.begin() as conn:
        conn.execute(insert(usage_records), [
            {"record_id": str(uuid.uuid4()), "user_id": "u1", "device_id": "pc", "ward_id": "CARD", "kind": kind,
             "name": name, "version": "0.1.0", "count": keys, "duration_ms": ms, "at": "2026-12-07T09:00:00+08:00",
             "received_at": "2026-12-07T01:00:00Z"} for kind, name, keys, ms in rows])  # fmt: skip
        return usage_summary(conn, None, date(2026, 12, 7))


def test_the_usage_tab_lists_what_to_fix_next_and_exports_every_table(qtbot: QtBot) -> None:
    window = QMainWindow()  # the station's window: its actions name the log's action ids
    qtbot.addWidget(window)
    feedback = window.menuBar().addMenu("&Help").addAction("&Feedback…")
    feedback.setShortcut(QKeySequence("F4"))
    tab = UsageTab()
    window.setCentralWidget(tab)
    window.show()
    tab.show_data(_figures())
    assert tab.title() == "Usage" and tab.path == "/manage/usage"
    assert tab.fix.item(0, 1).text() == "Crash" and tab.fix.item(0, 2).text() == "builtins.KeyError"
    assert [tab.fix.item(r, 2).text() for r in range(tab.fix.rowCount())][-1] == "Feedback…"
    assert (
        tab.screens.item(0, 0).text() == "Chart › Orders"  # the screen's name, not its class
        and tab.screens.item(0, 5).text() == "40.0"
    )
    assert "1 user(s) active" in tab.summary.text() and len(tab.charts) == 2
    titles = [sheet.title for sheet in tab.sheets()]
    assert titles == ["What to fix next", "Features", "Screens", "Errors", "Active users"]
    tab.clear()
    assert (
        tab.fix.rowCount() == 0
        and tab.sheets() == []
        and tab.charts == []
        and not tab.summary.text()
    )

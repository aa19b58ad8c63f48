"""危急值 on the desktop (危急值报告制度, 医疗质量安全核心制度要点 2018): an open critical value is a red
line on the banner, an alert on the census and a count on the status bar; the doctor acknowledges
it in at most 3 keys (Ctrl+Shift+K, a digit), which writes the linked 病程 entry and clears it; a
nurse records the receipt only after ticking the read-back."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from offline_cache.workstation import Workstation
from tests.ui.flows import CTRL, SHIFT, open_patient
from tests.ui.helpers import LOGIN_SECONDS_MS
from tests.ui.ward import LAB, NURSE, PASSWORD, WARD
from ui.screens.critical.dialogs import AcknowledgeDialog, ReceiveDialog
from workstation.clinical.ward_safety import WardSafetySettings, critical_report
from workstation.clock import now_iso, utc_now
from workstation.projections import safety_queries as sq


@pytest.fixture
def critical_for_li(ward_server, tmp_path: Path) -> str:  # noqa: ANN001
    """李四's potassium of 6.9 mmol/L (HH), reported by the laboratory through the entry point."""
    server, ward = ward_server
    ws = Workstation.open(tmp_path / "lab-station", server_url=server.url, ward_id=WARD)
    ws.login(LAB, PASSWORD)
    result = ws.record("LabResulted", patient_id=ward.li_si, payload={
        "test_code": "K", "test_name": "potassium", "value": "6.9", "numeric_value": 6.9,
        "unit": "mmol/L", "reference_low": 3.5, "reference_high": 5.3, "flag": "HH",
        "resulted_at": now_iso()})  # fmt: skip
    report = critical_report(result, WardSafetySettings.load(), reporter="Lab Zhao")
    assert report is not None
    ws.record("CriticalValueReported", patient_id=ward.li_si, payload=report)
    ws.sync()
    ws.close()
    return str(ward.li_si)


def _dialog(qtbot: QtBot, station, kind: type) -> object:  # noqa: ANN001
    qtbot.keyClick(QApplication.focusWidget() or station.view, Qt.Key.Key_K, CTRL | SHIFT)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in station.view.findChildren(kind)),
                    timeout=LOGIN_SECONDS_MS)  # fmt: skip
    return next(d for d in station.view.findChildren(kind) if d.isVisible())


def _open_values(station, patient_id: str) -> list[dict]:  # noqa: ANN001
    with station.workstation.store.reading() as conn:
        return sq.critical_register(conn, now=utc_now(),
                                    settings=WardSafetySettings.load(), patient_id=patient_id,
                                    open_only=True)  # fmt: skip


def test_the_doctor_acknowledges_a_critical_value_in_two_keys(
    qtbot: QtBot, open_station, critical_for_li: str
) -> None:  # noqa: ANN001
    station = open_station()
    open_patient(qtbot, station, "ls")
    banner = station.view.chart.banner
    qtbot.waitUntil(banner.critical.isVisible, timeout=LOGIN_SECONDS_MS)
    assert "6.9 mmol/L (HH)" in banner.critical.text() and "Lab Zhao" in banner.critical.text()
    row = station.view.census_model.row_of(critical_for_li)
    assert "critical value" in station.view.census_model.index(row, 3).data()
    status = station.shell.critical.count
    assert status.isVisible() and "Critical values: 1" in status.text()

    dialog = _dialog(qtbot, station, AcknowledgeDialog)  # key 1: Ctrl+Shift+K
    qtbot.keyClick(dialog, Qt.Key.Key_2)  # key 2: the action "treated", accepted at once
    qtbot.waitUntil(lambda: not banner.critical.isVisible(), timeout=LOGIN_SECONDS_MS)
    assert _open_values(station, critical_for_li) == []
    assert station.view.chart.tabs.currentIndex() == 1  # the linked 病程 entry is shown
    notes = station.shell.chart.chart["notes"]
    assert any("Critical value" in (n.get("title") or "") for n in notes)
    qtbot.waitUntil(lambda: not status.isVisible(), timeout=LOGIN_SECONDS_MS)


def test_a_nurse_receives_it_only_after_the_read_back(
    qtbot: QtBot, open_station, critical_for_li: str
) -> None:  # noqa: ANN001
    station = open_station()
    open_patient(qtbot, station, "ls", username=NURSE)
    qtbot.waitUntil(station.view.chart.banner.critical.isVisible, timeout=LOGIN_SECONDS_MS)
    dialog = _dialog(qtbot, station, ReceiveDialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # not read back yet: nothing recorded
    assert dialog.isVisible()
    qtbot.keyClick(dialog.confirmed, Qt.Key.Key_Space)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(_open_values(station, critical_for_li)[0]["notified_at"]),
                    timeout=LOGIN_SECONDS_MS)  # fmt: skip
    [value] = _open_values(station, critical_for_li)
    # the result named in the user's language
    assert value["read_back_text"] == "Potassium 6.9 mmol/L" and value["notified_doctor"]
    assert "received" in station.view.chart.banner.critical.text()

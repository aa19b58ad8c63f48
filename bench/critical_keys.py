"""The doctor acknowledging a critical value (危急值报告制度) in the bench window: with the chart of
bed 12 open, Ctrl+Shift+K opens the form on its oldest open value and a digit picks the action
taken and records it (with its linked 病程 entry): 2 keys (the issue asks for at most 3)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

LAB = "bench.lab"
BED12_NAME = "王五"  # the patient seed_ward admits to bed 12


def seed_critical(folder: Path, url: str, server_url: str, ward: str, password: str) -> None:
    """A laboratory user, and an HH potassium for bed 12 reported through the entry point."""
    from offline_cache.workstation import Workstation
    from workstation.clinical.ward_safety import WardSafetySettings, critical_report
    from workstation.clock import now_iso
    from workstation.server import auth, refdata
    from workstation.server.db import make_engine, writer

    engine = make_engine(url)
    with writer(engine) as conn:
        auth.add_user(conn, username=LAB, password=password, display_name="Lab Bench",
                      role="lab", wards=[ward])  # fmt: skip
        refdata.publish_directory(conn)
    engine.dispose()
    ws = Workstation.open(folder / "lab-seeding", server_url=server_url, ward_id=ward)
    try:
        ws.login(LAB, password)
        ws.sync()  # the ward's patients into this fresh replica
        [bed12] = [p for p in ws.census(ward) if p["bed"] == "12"]
        result = ws.record("LabResulted", patient_id=bed12["patient_id"], payload={
            "test_code": "K", "test_name": "potassium", "value": "6.9", "numeric_value": 6.9,
            "unit": "mmol/L", "flag": "HH", "resulted_at": now_iso()})  # fmt: skip
        report = critical_report(result, WardSafetySettings.load(), reporter="Lab Bench")
        assert report is not None
        ws.record("CriticalValueReported", patient_id=bed12["patient_id"], payload=report)
        ws.sync()
        ws.logout()
    finally:
        ws.close()


def acknowledge_critical_value(view: Any, shell: Any, count: Any,
                               wait_until: Callable[..., None]) -> Any:  # fmt: skip
    """Ctrl+Shift+K, then 2 (treated): the value is acknowledged and leaves the banner.

    The task before this one leaves another bed's chart open, so bed 12's chart is opened first
    (Ctrl+K, 12, Enter; not counted: getting to the chart is not part of acknowledging)."""
    from order_keys import _open_bed

    from ui.screens.critical.dialogs import AcknowledgeDialog

    if view.chart.banner.name.text() != BED12_NAME:
        _open_bed(view, type(count)(), "12", BED12_NAME, wait_until)
    shell.chart.reload()
    banner = view.chart.banner
    wait_until(banner.critical.isVisible)
    count.chord(view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier
                | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    wait_until(lambda: any(d.isVisible() for d in view.findChildren(AcknowledgeDialog)))
    dialog = next(d for d in view.findChildren(AcknowledgeDialog) if d.isVisible())
    count.chord(dialog, "2")
    wait_until(lambda: not banner.critical.isVisible())
    return count

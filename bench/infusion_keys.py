"""The nurse's infusion round (输液巡视) in the bench window, on a bag of furosemide in NS 100 mL
hung 20 minutes ago for bed 12: by scan, the label opens the form on the bag, the rate is typed
(40: 2 keys) and Enter records: 3 keys and one scan; the next round by key, Ctrl+I, Enter on
the bag (the last rate is filled in), Enter records: 3 keys."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

BAG_SEEDED = "infusion-bag.txt"


def seed_bag(folder: Path, server_url: str, ward: str, users: tuple[str, str, str],
             password: str) -> str:  # fmt: skip
    """Bed 12's bag: ordered by the doctor, verified by the pharmacist, hung by the nurse."""
    from offline_cache.workstation import Workstation
    from workstation.clock import iso, utc_now

    marker = folder / BAG_SEEDED
    if marker.exists():
        return marker.read_text()
    doctor, pharmacist, nurse = users
    started = utc_now() - timedelta(minutes=30)
    ws = Workstation.open(folder / "infusion-seeding", server_url=server_url, ward_id=ward)
    try:
        ws.login(doctor, password)
        ws.sync()
        patient = next(p for p in ws.census(ward) if p["bed"] == "12")["patient_id"]
        order = ws.record("OrderPlaced", patient_id=patient, payload={
            "order_kind": "medication", "description": "NS 100ml + 呋塞米 20mg ivgtt st",
            "start_at": iso(started), "group": {"carrier": {"code": "ns", "volume_ml": 100}, "members": []},
            "medication": {"drug_code": "furosemide", "drug_name": "呋塞米", "dose_value": 20,
                           "dose_unit": "mg", "route": "ivgtt", "frequency": "st"}}).event_id  # fmt: skip
        ws.sync()
        for user, event_type, payload in (
            (pharmacist, "OrderVerified", {"order_id": order}),
            (nurse, "MedicationAdministered", {
                "order_id": order, "outcome": "given", "administered_at": iso(started + timedelta(minutes=10)),
                "scheduled_for": iso(started), "dose_value": 20, "dose_unit": "mg", "route": "ivgtt"}),
        ):  # fmt: skip
            ws.login(user, password)
            ws.record(event_type, patient_id=patient, payload=payload)
            ws.sync()
        ws.logout()
    finally:
        ws.close()
    marker.write_text(order)
    return order


def _dialog_open(shell: Any) -> bool:
    return shell.infusion.dialog is not None and shell.infusion.dialog.isVisible()


def round_by_scan(view: Any, shell: Any, count: Any, wait_until: Callable[..., None],
                  order_id: str) -> Any:  # fmt: skip
    """Scan the bag's label, type the rate, Enter."""
    from PySide6.QtWidgets import QApplication

    from workstation.clinical.barcodes import label_code

    rounds = shell.infusion
    wait_until(lambda: order_id in rounds.round_orders)
    count.scan(QApplication.focusWidget(), label_code(order_id))
    wait_until(lambda: _dialog_open(shell) and rounds.dialog.rate.hasFocus())
    count.type(QApplication.focusWidget(), "40")
    count.chord(QApplication.focusWidget(), Qt.Key.Key_Return)
    wait_until(lambda: rounds.dialog is None)
    return count


def round_by_key(view: Any, shell: Any, count: Any, wait_until: Callable[..., None]) -> Any:
    """Ctrl+I, Enter on the bag (its last rate filled in), Enter records."""
    from PySide6.QtWidgets import QApplication

    rounds = shell.infusion
    count.chord(view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    wait_until(lambda: _dialog_open(shell) and rounds.dialog.bags.hasFocus())
    wait_until(lambda: rounds.dialog.rate.value() == 40)  # the last round's rate
    count.chord(QApplication.focusWidget(), Qt.Key.Key_Return)
    wait_until(rounds.dialog.rate.hasFocus)
    count.chord(QApplication.focusWidget(), Qt.Key.Key_Return)
    wait_until(lambda: rounds.dialog is None)
    return count

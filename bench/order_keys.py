"""The doctor's medication-order tasks of bench/keystrokes.py (same window, real keys).

  medication_order_first_on_ward  bed 14, the first amoxicillin course on this ward: Ctrl+K, 14,
      Enter, Ctrl+3 (Orders, cursor in the order line), `amx` (pinyin initials of 阿莫西林), Tab
      (takes the formulary's default: amoxicillin 500mg po tid), `7d`, Enter (to the basket),
      F9 (sign) = 13 keys.
  medication_order  bed 12, once the ward has ordered that course before (here: the order just
      signed for bed 14): Ctrl+K, 12, Enter, Ctrl+3, `amx` — the first suggestion is now the
      ward's usual sentence `amoxicillin 500mg po tid 7d`, shown with its checks — Enter adds it,
      F9 signs = 10 keys.
  temporary_nursing_order  bed 14: Ctrl+K, 14, Enter, Ctrl+3, `n catheter` (导尿), Enter, F8
      (临时), F9 = 18 keys, of which choosing 临时 is one (F8).
Each task checks the signed OrderPlaced: amoxicillin 500 mg po tid for 7 days; 导尿 as 临时.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from PySide6.QtCore import Qt
from sqlalchemy import select

from workstation.clock import now_iso

CTRL = Qt.KeyboardModifier.ControlModifier
SECOND_BED = "14"


def seed_second_patient(
    folder: Path, server_url: str, ward: str, doctor: str, password: str
) -> None:
    """A patient in bed 14 (no allergy), admitted and synced."""
    from offline_cache.workstation import Workstation

    ws = Workstation.open(folder / "seeding-orders", server_url=server_url, ward_id=ward)
    try:
        ws.login(doctor, password)
        pid = ws.admit_patient({
            "record_number": "", "name": "赵六", "sex": "female", "birth_date": "1968-09-10",
            "ward_id": ward, "bed": SECOND_BED, "admitted_at": now_iso(), "weight_kg": 62.0,
            "diagnosis": "community-acquired pneumonia",
        }).patient_id  # fmt: skip
        # asked at admission: no known allergies (an undocumented status holds the pharmacist's
        # verification of her orders, and verify_order verifies the oldest, her amoxicillin)
        ws.record("NoKnownAllergiesRecorded", patient_id=pid, payload={"source": "patient"})
        ws.sync()
        ws.logout()
    finally:
        ws.close()


def _open_bed(view: Any, count: Any, bed: str, name: str, wait_until: Callable[..., None]) -> None:
    from ui.screens.palette.view import PaletteView

    count.chord(view, Qt.Key.Key_K, CTRL)
    wait_until(
        lambda: any(p.isVisible() and p.input.hasFocus() for p in view.findChildren(PaletteView))
    )
    palette = next(p for p in view.findChildren(PaletteView) if p.isVisible())
    count.type(palette.input, bed)
    wait_until(
        lambda: bool(palette.lines()) and palette.lines()[0].startswith(f"Patient:   Bed {bed}")
    )
    count.chord(palette.input, Qt.Key.Key_Return)
    wait_until(lambda: view.chart.banner.name.text() == name)


def _orders_line(view: Any, shell: Any, count: Any, wait_until: Callable[..., None]) -> Any:
    count.chord(view, Qt.Key.Key_3, CTRL)
    line = view.chart.orders.line
    wait_until(line.hasFocus)
    wait_until(lambda: shell.chart.orders.context_ready)
    return line


def _sign(view: Any, shell: Any, count: Any, wait_until: Callable[..., None]) -> str:
    signed: list[list[str]] = []
    shell.chart.orders.sig_orders_signed.connect(signed.append)
    count.chord(view.chart.orders.line, Qt.Key.Key_F9)
    wait_until(lambda: bool(signed))
    shell.chart.orders.sig_orders_signed.disconnect(signed.append)
    [order_id] = signed[0]
    return order_id


def _check_signed(ws: Any, order_id: str) -> None:
    from offline_cache.tables import local_events

    with ws.store.reading() as conn:
        payload = conn.execute(
            select(local_events.c.payload).where(local_events.c.event_id == order_id)
        ).scalar_one()
    med = orjson.loads(payload)["medication"]
    got = (med["drug_code"], med["dose_value"], med["dose_unit"], med["route"], med["frequency"],
           med["duration_days"])  # fmt: skip
    if got != ("amoxicillin", 500.0, "mg", "po", "tid", 7):
        raise AssertionError(f"the signed order is not amoxicillin 500 mg po tid 7 days: {got}")


def medication_order_first_on_ward(
    view: Any, shell: Any, count: Any, wait_until: Callable[..., None]
) -> Any:
    """Bed 14: amx, Tab (formulary default), 7d, Enter, F9."""
    _open_bed(view, count, SECOND_BED, "赵六", wait_until)
    line = _orders_line(view, shell, count, wait_until)
    count.type(line, "amx")
    wait_until(lambda: view.chart.orders.suggestions.count() > 0)
    count.chord(line, Qt.Key.Key_Tab)
    count.type(line, "7d")
    count.chord(line, Qt.Key.Key_Return)
    _check_signed(shell.workstation, _sign(view, shell, count, wait_until))
    return count


def medication_order(view: Any, shell: Any, count: Any, wait_until: Callable[..., None]) -> Any:
    """Bed 12: amx, Enter (the ward's usual amoxicillin sentence), F9."""
    _open_bed(view, count, "12", "王五", wait_until)
    line = _orders_line(view, shell, count, wait_until)
    count.type(line, "amx")
    orders = view.chart.orders
    wait_until(lambda: orders.suggestions.count() > 0)
    if "7d" not in orders.suggestions.item(0).text():
        raise AssertionError("the ward's usual amoxicillin course is not the first suggestion")
    count.chord(line, Qt.Key.Key_Return)
    _check_signed(shell.workstation, _sign(view, shell, count, wait_until))
    return count


def temporary_nursing_order(
    view: Any, shell: Any, count: Any, wait_until: Callable[..., None]
) -> Any:
    """Bed 14: `n catheter` (导尿), Enter, F8 (长期 -> 临时: the one key the choice costs), F9."""
    _open_bed(view, count, SECOND_BED, "赵六", wait_until)
    line = _orders_line(view, shell, count, wait_until)
    count.type(line, "n catheter")  # 导尿 (the test driver types ASCII keys only)
    count.chord(line, Qt.Key.Key_Return)
    wait_until(lambda: "catheter" in view.chart.orders.basket.item(0).text())
    before = count.keys
    count.chord(line, Qt.Key.Key_F8)
    if count.keys - before != 1 or "[temporary]" not in view.chart.orders.basket.item(0).text():
        raise AssertionError("F8 did not make the basket line temporary in one key")
    order_id = _sign(view, shell, count, wait_until)
    from offline_cache.tables import local_events

    with shell.workstation.store.reading() as conn:
        payload = orjson.loads(conn.execute(
            select(local_events.c.payload).where(local_events.c.event_id == order_id)
        ).scalar_one())  # fmt: skip
    if payload["term"] != "temporary" or payload["description"] != "catheter":
        raise AssertionError(f"the signed nursing order is not 导尿 as 临时: {payload}")
    return count

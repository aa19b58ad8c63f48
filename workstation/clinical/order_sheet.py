"""The order sheet's rules (医嘱单), Qt-free: 长期 or 临时, the verbal order's signing deadline,
the reorganised long-term sheet and the discharge medicines.

Sources: 病历书写基本规范 (卫医政发〔2010〕11号) Art. 26 — 长期医嘱单 columns (patient, start date and
time, order, doctor's signature, executing time and nurse's signature, stop date and time, the
stop's doctor and nurse), 临时医嘱单 columns (order time, order, doctor, time executed, executing
nurse), 口头医嘱 only in a rescue, the nurse repeats it back and the doctor records it 即刻 after
the rescue (Art. 22, 抢救记录: what a rescue kept from being written is written within 6 h — the
default of `verbal_order_sign_within_hours`, which the hospital sets); 重整医嘱 draws a red line under the last order and re-writes the orders in force.
医疗质量安全核心制度要点 (国卫医发〔2018〕8号), 查对制度: the nurse checks every order (医嘱核对).
处方管理办法 (卫生部令第53号, 2007) Art. 19: a prescription is for 7 days at most (急诊 3 days),
longer for a chronic illness with the reason written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from workstation.clock import parse_iso
from workstation.resources import resource

LONG_TERM, TEMPORARY = "long_term", "temporary"
ONE_OFF_FREQUENCIES = frozenset({"st"})  # st / once: carried out once, on the 临时 sheet
ONE_OFF_KINDS = frozenset({"lab", "imaging"})


@dataclass(frozen=True, slots=True)
class OrderSheetSettings:
    """The hospital's order sheet settings: hours the doctor has to sign a verbal order."""

    verbal_sign_within: timedelta = timedelta(hours=6)

    @classmethod
    def load(cls, path: Path | None = None) -> OrderSheetSettings:
        """Read resources/settings/order_sheet.json (or another file)."""
        raw = json.loads((path or resource("settings", "order_sheet.json")).read_text("utf-8"))
        return cls(timedelta(hours=float(raw["verbal_order_sign_within_hours"])))


def default_term(order_kind: str, frequency: str | None, *, discharge: bool = False) -> str:
    """The term an order starts with before the doctor flips it: st, lab, imaging and 出院带药
    are 临时; a regular frequency, a PRN and a nursing order are 长期."""
    if discharge or order_kind in ONE_OFF_KINDS or frequency in ONE_OFF_FREQUENCIES:
        return TEMPORARY
    return LONG_TERM


def flipped(term: str) -> str:
    """The other term (the one key of order entry)."""
    return TEMPORARY if term == LONG_TERM else LONG_TERM


def term_of(order: dict[str, Any]) -> str:
    """The order's term as chosen, or as inferred for an order placed before it was a field."""
    chosen = order.get("term")
    if chosen in (LONG_TERM, TEMPORARY):
        return str(chosen)
    return default_term(str(order["order_kind"]), order.get("frequency"))


def verbal_deadline(order: dict[str, Any], settings: OrderSheetSettings) -> datetime | None:
    """When the doctor must have signed this verbal order (None: not a verbal order)."""
    if not order.get("verbal_from"):
        return None
    return parse_iso(str(order["placed_at"])) + settings.verbal_sign_within


def verbal_state(order: dict[str, Any], now: datetime, settings: OrderSheetSettings) -> str | None:
    """`signed`, `awaiting` or `overdue` for a verbal order; None for any other."""
    deadline = verbal_deadline(order, settings)
    if deadline is None:
        return None
    if order.get("verbal_signed_by"):
        return "signed"
    return "overdue" if now > deadline else "awaiting"


def reorganised_sheet(
    orders: list[dict[str, Any]], reorganisations: list[dict[str, Any]]
) -> list[dict[str, Any] | str]:
    """The long-term sheet in order: the orders, then at each 重整医嘱 its line (the string
    "reorganised@<time>") and the orders still in force at that time re-issued below it."""
    rows: list[dict[str, Any] | str] = []
    marks = sorted(str(r["reorganised_at"]) for r in reorganisations)
    placed = sorted(orders, key=lambda o: str(o["placed_at"]))
    shown = 0
    for at in marks:
        while shown < len(placed) and str(placed[shown]["placed_at"]) <= at:
            rows.append(placed[shown])
            shown += 1
        rows.append(f"reorganised@{at}")
        rows += [{**o, "reissued_at": at} for o in placed[:shown] if _in_force_at(o, at)]
    return rows + placed[shown:]


def _in_force_at(order: dict[str, Any], at: str) -> bool:
    ended = order.get("ended_at")
    return order["status"] != "rejected" and (ended is None or str(ended) > at)

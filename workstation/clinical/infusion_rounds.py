"""Infusion rounds (输液巡视): which bags are running, when each was last looked at and when the
next look is due, and which bag a scanned label names.

A bag runs from a given administration of it (the dose was hung) until that dose's end is
recorded, a round records it stopped or completed, the next dose of its order is hung, its
order ends, or — nothing recorded — the hospital's `assumed_running_hours` have passed. The interval between
rounds is a hospital setting (resources/settings/infusion.json; no national figure is claimed).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from workstation.clinical.barcodes import parse_scan
from workstation.clinical.infusion import is_bag
from workstation.clock import parse_iso
from workstation.resources import resource

ENDING_ACTIONS = frozenset({"stopped", "completed"})


@dataclass(frozen=True, slots=True)
class InfusionSettings:
    """The hospital's round interval for running bags."""

    round_interval: timedelta
    assumed_running: timedelta = timedelta(hours=8)

    @classmethod
    def load(cls, path: Path | None = None) -> InfusionSettings:
        """Read resources/settings/infusion.json (or another file)."""
        raw = json.loads((path or resource("settings", "infusion.json")).read_text("utf-8"))
        minutes, hours = int(raw["round_interval_minutes"]), int(raw["assumed_running_hours"])
        if minutes < 1 or hours < 1:
            raise ValueError("round_interval_minutes and assumed_running_hours must be positive")
        return cls(timedelta(minutes=minutes), timedelta(hours=hours))


@dataclass(frozen=True, slots=True)
class RunningBag:
    """A bag hanging now: its order, the dose (scheduled time) it is, when it was started, its
    last round (or None) and when the next round is due."""

    order: Mapping[str, Any]
    scheduled_for: str | None
    started_at: str
    last_round: Mapping[str, Any] | None
    next_round_at: datetime

    def overdue(self, now: datetime) -> bool:
        """True when the next round's time has passed."""
        return now > self.next_round_at


def _live(rows: Any) -> list[Mapping[str, Any]]:
    return [r for r in rows or [] if not r.get("voided")]


def _ended(order: Mapping[str, Any], dose: Mapping[str, Any], rounds: list[Mapping[str, Any]],
           now: datetime, settings: InfusionSettings) -> bool:  # fmt: skip
    if dose.get("end_at") or order.get("voided"):
        return True
    if now - parse_iso(dose["administered_at"]) > settings.assumed_running:
        return True
    if order.get("ended_at") and parse_iso(order["ended_at"]) <= now:
        return True
    return any(r["action"] in ENDING_ACTIONS for r in rounds)


def running_bags(chart: Mapping[str, Any], *, now: datetime,
                 settings: InfusionSettings) -> list[RunningBag]:  # fmt: skip
    """The chart's bags hanging at `now`, the most overdue round first."""
    orders = {o["order_id"]: o for o in chart.get("orders") or [] if is_bag(o)}
    rounds = sorted(_live(chart.get("infusion_rounds")), key=lambda r: r["observed_at"])
    found = []
    hung = sorted((d for d in _live(chart.get("administrations")) if d["outcome"] == "given"
                   and d["order_id"] in orders and parse_iso(d["administered_at"]) <= now),
                  key=lambda d: d["administered_at"], reverse=True)  # fmt: skip
    latest: dict[str, Mapping[str, Any]] = {}
    for dose in hung:  # the newest bag of an order replaces the one before
        latest.setdefault(dose["order_id"], dose)
    for dose in latest.values():
        order = orders[dose["order_id"]]
        mine = [r for r in rounds if r["order_id"] == dose["order_id"]
                and r["observed_at"] >= dose["administered_at"]]  # fmt: skip
        if _ended(order, dose, mine, now, settings):
            continue
        last = mine[-1] if mine else None
        since = parse_iso(last["observed_at"] if last else dose["administered_at"])
        found.append(RunningBag(order, dose.get("scheduled_for"), dose["administered_at"], last,
                                since + settings.round_interval))  # fmt: skip
    return sorted(found, key=lambda b: b.next_round_at)


def bag_for_scan(bags: list[RunningBag], code: str) -> RunningBag | None:
    """The running bag a scanned label names (the order's label barcode), or None."""
    scan = parse_scan(code)
    if scan is None or scan.kind != "label":
        return None
    return next((b for b in bags if b.order["order_id"] == scan.order_id), None)


def rounds_of(chart: Mapping[str, Any], order_id: str) -> list[Mapping[str, Any]]:
    """The order's recorded rounds, oldest first."""
    rows = [r for r in _live(chart.get("infusion_rounds")) if r["order_id"] == order_id]
    return sorted(rows, key=lambda r: r["observed_at"])

"""Stock by lot and expiry: first-expiry-first-out lot choice, expiry bands, low stock, and the
lots that went negative (two counters dispensed the last units offline) for reconciliation.

A lot's expiry is the date printed on the pack: the lot may be used through that day and is
expired from the next. Quantities are in the drug's dispensing unit.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, func, select

from workstation.projections import queries
from workstation.projections import tables as t
from workstation.resources import resource

PHARMACY_STORE = "PHARM"
DEFAULT_EXPIRY_BANDS = (30, 90, 180)


class StockRefused(ValueError):
    """A dispense that must not happen: an expired lot, or no unexpired stock at all."""


@dataclass(frozen=True, slots=True)
class StockSettings:
    """Near-expiry bands in days (smallest first) and the minimum level per drug."""

    expiry_bands: tuple[int, ...] = DEFAULT_EXPIRY_BANDS
    minimum_levels: Mapping[str, float] | None = None
    default_minimum: float = 0.0

    @classmethod
    def load(cls, path: Path | None = None) -> StockSettings:
        """Read `resources/settings/stock.json` (or the given file)."""
        path = path or resource("settings", "stock.json")
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
        bands = tuple(sorted(int(d) for d in raw.get("expiry_bands_days", DEFAULT_EXPIRY_BANDS)))
        if not bands or bands[0] <= 0:
            raise ValueError("expiry_bands_days must be positive numbers of days")
        return cls(bands, dict(raw.get("minimum_levels", {})), float(raw.get("default_minimum", 0)))

    def minimum(self, drug_code: str) -> float:
        """The level under which the drug is low at a location."""
        return float((self.minimum_levels or {}).get(drug_code, self.default_minimum))


@dataclass(frozen=True, slots=True)
class LotStock:
    """What one location holds of one lot."""

    location_id: str
    drug_code: str
    lot: str
    expiry: date | None
    quantity: float

    def expired(self, today: date) -> bool:
        """True from the day after the printed expiry date."""
        return self.expiry is not None and self.expiry < today


def lot_expiries(conn: Connection) -> dict[tuple[str, str], date]:
    """(drug_code, lot) -> expiry, from its receipts at any location (a transfer carries none)."""
    s = t.stock_movements.c
    rows = conn.execute(
        select(s.drug_code, s.lot, func.max(s.expiry))
        .where(s.expiry.is_not(None), s.voided.is_(False))
        .group_by(s.drug_code, s.lot)
    )
    return {(r[0], r[1]): date.fromisoformat(r[2]) for r in rows}


def lots_on_hand(
    conn: Connection, location_id: str | None = None, drug_code: str | None = None
) -> list[LotStock]:
    """Every lot with its quantity at a location (or everywhere), negative ones included."""
    expiries = lot_expiries(conn)
    found = []
    for row in queries.stock_on_hand(conn, location_id):
        if drug_code is not None and row["drug_code"] != drug_code:
            continue
        expiry = expiries.get((row["drug_code"], row["lot"]))
        found.append(LotStock(row["location_id"], row["drug_code"], row["lot"], expiry,
                              float(row["quantity"] or 0)))  # fmt: skip
    return found


def refuse_if_expired(lot: LotStock, today: date) -> None:
    """StockRefused when the lot is past its expiry date: it can never be dispensed."""
    if lot.expired(today):
        raise StockRefused(f"lot {lot.lot} of {lot.drug_code} expired on {lot.expiry}")


def choose_fefo_lot(lots: Iterable[LotStock], quantity: float, today: date) -> LotStock:
    """First expiry, first out: the unexpired lot expiring soonest that covers the quantity,
    else the soonest with any stock. Expired lots are never chosen."""
    usable = sorted(
        (lot for lot in lots if not lot.expired(today) and lot.quantity > 0),
        key=lambda lot: (lot.expiry or date.max, lot.lot),
    )
    if not usable:
        raise StockRefused("no unexpired stock of this drug here")
    return next((lot for lot in usable if lot.quantity >= quantity), usable[0])


def expiry_band(expiry: date | None, today: date, bands: tuple[int, ...]) -> int | None:
    """0 when expired, else the smallest band (days) the expiry falls within, else None."""
    if expiry is None:
        return None
    days = (expiry - today).days
    if days < 0:
        return 0
    return next((band for band in bands if days <= band), None)


@dataclass(frozen=True, slots=True)
class StockAlert:
    """One thing the pharmacist must act on."""

    kind: str  # expired | near_expiry | low_stock | negative
    location_id: str
    drug_code: str
    lot: str | None
    detail: str
    band_days: int | None = None
    quantity: float | None = None  # on hand (usable, for low stock): the figures of `detail`,
    expiry: date | None = None  # kept apart so a screen can word them in its own language
    minimum: float | None = None


def stock_alerts(lots: list[LotStock], today: date, settings: StockSettings) -> list[StockAlert]:
    """Negative lots, expired and near-expiry lots with stock, and drugs under their minimum."""
    alerts = [StockAlert("negative", lot.location_id, lot.drug_code, lot.lot,
                         f"{lot.quantity:g}: dispensed beyond stock, count and reconcile",
                         quantity=lot.quantity)
              for lot in lots if lot.quantity < 0]  # fmt: skip
    for lot in lots:
        band = expiry_band(lot.expiry, today, settings.expiry_bands)
        if band is None or lot.quantity <= 0:
            continue
        kind = "expired" if band == 0 else "near_expiry"
        alerts.append(StockAlert(kind, lot.location_id, lot.drug_code, lot.lot,
                                 f"expiry {lot.expiry}, {lot.quantity:g} on hand", band,
                                 quantity=lot.quantity, expiry=lot.expiry))  # fmt: skip
    alerts += low_stock_alerts(lots, today, settings)
    return alerts


def low_stock_alerts(
    lots: list[LotStock], today: date, settings: StockSettings
) -> list[StockAlert]:
    """Drugs whose usable (unexpired, positive) quantity at a location is under the minimum."""
    usable: dict[tuple[str, str], float] = {}
    for lot in lots:
        key = (lot.location_id, lot.drug_code)
        usable[key] = usable.get(key, 0.0) + (
            lot.quantity if lot.quantity > 0 and not lot.expired(today) else 0.0
        )
    return [StockAlert("low_stock", location, drug, None,
                       f"{quantity:g} usable, minimum {settings.minimum(drug):g}",
                       quantity=quantity, minimum=settings.minimum(drug))
            for (location, drug), quantity in sorted(usable.items())
            if quantity < settings.minimum(drug)]  # fmt: skip


def needs_reconciliation(lots: Iterable[LotStock]) -> list[LotStock]:
    """Lots below zero: both dispenses are kept, and a count settles the difference."""
    return [lot for lot in lots if lot.quantity < 0]


def count_adjustment(lot: LotStock, counted: float) -> dict[str, Any] | None:
    """The StockAdjusted payload that makes the record match a physical count, or None."""
    if counted < 0:
        raise ValueError("a counted quantity cannot be negative")
    delta = round(counted - lot.quantity, 6)
    if delta == 0:
        return None
    return {"drug_code": lot.drug_code, "lot": lot.lot, "location_id": lot.location_id,
            "quantity_delta": delta, "reason": f"stock count: {counted:g} counted"}  # fmt: skip


def transfer_payloads(
    lot: LotStock, *, to_location: str, quantity: float
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The two StockAdjusted payloads of a transfer: out of one location, into another."""
    if quantity <= 0:
        raise ValueError("a transfer moves a positive quantity")
    if to_location == lot.location_id:
        raise ValueError("a transfer needs another location")
    common = {"drug_code": lot.drug_code, "lot": lot.lot}
    out = common | {"location_id": lot.location_id, "quantity_delta": -quantity,
                    "reason": f"transfer to {to_location}"}  # fmt: skip
    into = common | {"location_id": to_location, "quantity_delta": quantity,
                     "reason": f"transfer from {lot.location_id}"}  # fmt: skip
    return out, into

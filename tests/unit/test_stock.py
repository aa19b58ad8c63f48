"""Stock by lot and expiry: FEFO, expired lots refused, bands, low stock, negative lots."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Connection

from tests.unit.pharmacy_fixtures import ev, fold, projection_db, receive
from workstation.clinical.stock import (
    LotStock,
    StockRefused,
    StockSettings,
    choose_fefo_lot,
    count_adjustment,
    expiry_band,
    lots_on_hand,
    needs_reconciliation,
    refuse_if_expired,
    stock_alerts,
    transfer_payloads,
)

TODAY = date(2026, 3, 1)


@pytest.fixture
def conn() -> Iterator[Connection]:
    """A fresh projection database."""
    yield from projection_db()


def lot(name: str, expiry: str | None, quantity: float) -> LotStock:
    return LotStock("PHARM", "amoxicillin", name, date.fromisoformat(expiry) if expiry else None,
                    quantity)  # fmt: skip


def test_fefo_takes_the_unexpired_lot_expiring_first() -> None:
    lots = [lot("LATE", "2027-01-01", 50), lot("OLD", "2026-02-28", 50),
            lot("SOON", "2026-04-01", 50)]  # fmt: skip
    assert choose_fefo_lot(lots, 10, TODAY).lot == "SOON"


def test_fefo_skips_a_lot_too_small_for_the_quantity_and_empty_lots() -> None:
    lots = [
        lot("SOON", "2026-04-01", 3),
        lot("NEXT", "2026-05-01", 30),
        lot("NONE", "2026-03-15", 0),
    ]
    assert choose_fefo_lot(lots, 10, TODAY).lot == "NEXT"
    assert choose_fefo_lot(lots[:1], 10, TODAY).lot == "SOON"  # partial beats nothing


def test_only_expired_stock_is_refused() -> None:
    with pytest.raises(StockRefused, match="no unexpired stock"):
        choose_fefo_lot([lot("OLD", "2026-02-28", 50)], 1, TODAY)


def test_a_lot_is_usable_through_its_expiry_day_and_refused_the_day_after() -> None:
    refuse_if_expired(lot("EDGE", "2026-03-01", 5), TODAY)
    with pytest.raises(StockRefused, match="expired on 2026-02-28"):
        refuse_if_expired(lot("OLD", "2026-02-28", 5), TODAY)


@pytest.mark.parametrize(("expiry", "band"), [
    ("2026-02-28", 0), ("2026-03-01", 30), ("2026-03-31", 30), ("2026-04-01", 90),
    ("2026-08-28", 180), ("2026-08-29", None),
])  # fmt: skip
def test_expiry_bands(expiry: str, band: int | None) -> None:
    assert expiry_band(date.fromisoformat(expiry), TODAY, (30, 90, 180)) == band


def test_bands_and_minimums_come_from_the_settings_file(tmp_path: Path) -> None:
    path = tmp_path / "stock.json"
    path.write_text('{"expiry_bands_days": [60, 14], "minimum_levels": {"amoxicillin": 100}}')
    settings = StockSettings.load(path)
    assert settings.expiry_bands == (14, 60)
    assert settings.minimum("amoxicillin") == 100 and settings.minimum("other") == 0
    assert StockSettings.load().expiry_bands == (30, 90, 180)


def test_alerts_name_near_expiry_expired_low_and_negative_lots() -> None:
    lots = [
        lot("NEAR", "2026-03-20", 5),
        lot("GONE", "2026-01-01", 4),
        lot("NEG", "2027-01-01", -2),
    ]
    alerts = stock_alerts(lots, TODAY, StockSettings(minimum_levels={"amoxicillin": 10}))
    kinds = {(a.kind, a.lot) for a in alerts}
    assert kinds == {("near_expiry", "NEAR"), ("expired", "GONE"), ("negative", "NEG"),
                     ("low_stock", None)}  # fmt: skip
    assert next(a for a in alerts if a.lot == "NEAR").band_days == 30


def test_lots_on_hand_carry_the_receipt_expiry_to_another_location(conn: Connection) -> None:
    receive(conn, "amoxicillin", "L1", "2026-06-30", 100)
    out, into = transfer_payloads(lots_on_hand(conn, "PHARM")[0], to_location="CAB-W1", quantity=30)
    fold(conn, ev("StockAdjusted", out), ev("StockAdjusted", into))
    by_place = {s.location_id: s for s in lots_on_hand(conn)}
    assert by_place["PHARM"].quantity == 70 and by_place["CAB-W1"].quantity == 30
    assert by_place["CAB-W1"].expiry == date(2026, 6, 30)


def test_two_dispenses_of_the_last_units_both_count_and_the_lot_needs_reconciling(
    conn: Connection,
) -> None:
    receive(conn, "amoxicillin", "L1", "2026-06-30", 10)
    dispense = {"drug_code": "amoxicillin", "lot": "L1", "location_id": "PHARM", "quantity": 10,
                "unit": "cap"}  # fmt: skip
    fold(conn, ev("Dispensed", dispense), ev("Dispensed", dispense))
    negative = needs_reconciliation(lots_on_hand(conn))
    assert [(s.lot, s.quantity) for s in negative] == [("L1", -10)]
    adjustment = count_adjustment(negative[0], counted=0)
    assert adjustment is not None and adjustment["quantity_delta"] == 10
    fold(conn, ev("StockAdjusted", adjustment))
    assert needs_reconciliation(lots_on_hand(conn)) == []
    assert count_adjustment(lots_on_hand(conn)[0], counted=0) is None

"""Two counters dispense the last units of a lot while the server is down: both dispenses are
kept, the lot goes negative everywhere and is flagged, and a count reconciles it."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from offline_cache.workstation import Workstation
from tests.support.ward import PASSWORD, seed_ward
from workstation.clinical import stock
from workstation.server.db import reader
from workstation.server.models import events

LAST_UNITS = {"drug_code": "amoxicillin", "lot": "L-LAST", "location_id": "PHARM",
              "quantity": 10, "unit": "cap"}  # fmt: skip


def open_counter(tmp_path: Path, name: str, url: str) -> Workstation:
    return Workstation.open(tmp_path / name, server_url=url, ward_id="CARD", attempts=2,
                            base_delay=0.01, timeout=5)  # fmt: skip


def negative_lots(ws: Workstation) -> list[stock.LotStock]:
    with ws.store.reading() as conn:
        return stock.needs_reconciliation(stock.lots_on_hand(conn, "PHARM"))


def test_offline_double_dispense_is_kept_flagged_and_reconciled(
    tmp_path, live_server, server_engine
) -> None:
    ward = seed_ward(server_engine)
    first, second = (open_counter(tmp_path, n, live_server.url) for n in ("counter-1", "counter-2"))
    for ws in (first, second):
        ws.login(ward.pharmacist, PASSWORD)
    first.record("StockReceived", patient_id=None, payload=LAST_UNITS | {"expiry": "2099-12-31"})
    first.sync()
    second.sync()
    live_server.stop()
    for ws in (first, second):  # each counter sees 10 on hand and hands out all 10
        with ws.store.reading() as conn:
            assert stock.lots_on_hand(conn, "PHARM")[0].quantity == 10
        ws.record("Dispensed", patient_id=None, payload=LAST_UNITS)
        assert ws.status().waiting >= 1
    live_server.start()
    assert first.sync().accepted == 1 and second.sync().accepted == 1
    first.sync()
    with reader(server_engine) as conn:
        types = [r.type for r in conn.execute(select(events.c.type))]
    assert types.count("Dispensed") == 2
    for ws in (first, second):
        assert [(x.lot, x.quantity) for x in negative_lots(ws)] == [("L-LAST", -10)]
    adjustment = stock.count_adjustment(negative_lots(first)[0], counted=0)
    assert adjustment is not None
    first.record("StockAdjusted", patient_id=None, payload=adjustment)
    first.sync()
    second.sync()
    assert negative_lots(first) == negative_lots(second) == []
    for ws in (first, second):
        ws.close()

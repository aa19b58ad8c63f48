"""The ward pick list's dispensing path end to end: a verified bag (NS + 呋塞米 + 氯化钾) is
picked at the pharmacy station by one scan of its label; each drug and the carrier leave stock
from their own first-expiry lot, and the server's stock (SQLite and PostgreSQL) goes down for each."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from offline_cache.workstation import Workstation
from tests.integration.test_infusion_prints import BAG, wire
from tests.support.signing import server_keys
from tests.support.ward import PASSWORD, admission, seed_ward
from ui.screens.pharmacy.tasks import pick_list, pick_scan
from workstation.clinical import stock
from workstation.clinical.barcodes import label_code
from workstation.clock import iso, utc_now
from workstation.ids import uuid7
from workstation.server import auth
from workstation.server.db import reader
from workstation.server.sync import push

STOCKED = {"furosemide": "amp", "potassium_chloride_inj": "amp", "sodium_chloride_09": "bag"}


def _bag_on_the_server(engine) -> str:  # noqa: ANN001
    """A CARD patient with the bag signed and verified (pushed as the doctor and pharmacist)."""
    with reader(engine) as conn:
        users = {u.username: u for u in auth.all_users(conn).values()}
    patient, now = uuid7(), utc_now()
    doc, pharm = users["doc.card"], users["pharm"]
    bag = wire(doc.user_id, "OrderPlaced", BAG | {"start_at": iso(now - timedelta(hours=1))},
               patient, iso(now - timedelta(minutes=50)))  # fmt: skip
    events = [(doc, wire(doc.user_id, "PatientAdmitted", admission("王芳", "3", record_number="R3"), patient,
                         iso(now - timedelta(hours=2)))),
              (doc, wire(doc.user_id, "NoKnownAllergiesRecorded", {"source": "patient"}, patient,
                         iso(now - timedelta(minutes=55)))),
              (doc, bag),
              (pharm, wire(pharm.user_id, "OrderVerified", {"order_id": bag["event_id"]}, patient,
                           iso(now - timedelta(minutes=40))))]  # fmt: skip
    for by, event in events:
        [result] = push(engine, pusher=by, device_id="dev-1",
                        wire_events=server_keys(engine).sign_all([event]))["results"]  # fmt: skip
        assert result["status"] == "accepted", result
    return str(bag["event_id"])


def test_one_scan_picks_every_drug_of_the_bag_from_stock(
    tmp_path: Path,
    live_server,
    server_engine,  # noqa: ANN001
) -> None:
    ward = seed_ward(server_engine)
    bag = _bag_on_the_server(server_engine)
    ws = Workstation.open(tmp_path / "pharmacy", server_url=live_server.url, ward_id="CARD",
                          attempts=2, base_delay=0.01, timeout=5)  # fmt: skip
    ws.login(ward.pharmacist, PASSWORD)
    for drug, unit in STOCKED.items():
        for lot, expiry in (("late", "2099-12-31"), ("soon", "2098-12-31")):
            ws.record("StockReceived", patient_id=None, payload={
                "drug_code": drug, "lot": f"{drug}-{lot}", "expiry": expiry,
                "location_id": stock.PHARMACY_STORE, "quantity": 20, "unit": unit})  # fmt: skip
    ws.sync()
    due = {line.drug_code: line for line in pick_list(ws, "CARD")}
    assert {d: (x.unit, x.doses) for d, x in due.items()} == {
        d: (unit, due["furosemide"].doses) for d, unit in STOCKED.items()
    } and due["furosemide"].doses > 0
    assert pick_scan(ws, "CARD", label_code(bag)).drug_code == "furosemide"
    assert ws.sync().accepted == 3  # one Dispensed per drug of the bag and the carrier
    with reader(server_engine) as conn:
        held = {lot.lot: lot.quantity for lot in stock.lots_on_hand(conn, stock.PHARMACY_STORE)}
    for drug, line in due.items():
        assert held[f"{drug}-soon"] == 20 - line.quantity and held[f"{drug}-late"] == 20
    assert all(line.done for line in pick_list(ws, "CARD"))

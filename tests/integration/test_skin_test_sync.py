"""A skin test recorded offline by a nurse pair syncs like any event (SQLite and PostgreSQL):
ordering a penicillin brings its skin-test order, the positive result completes it, becomes an
allergy on the station and on the server, and the doctor's station sees it after a sync."""

from __future__ import annotations

from pathlib import Path

import pytest

from offline_cache.session import LoginRefused
from offline_cache.workstation import Workstation
from tests.support.ward import PASSWORD, admission, seed_ward
from ui.screens.mar.controlled_tasks import record_skin_test
from ui.screens.mar.tasks import Witness
from ui.screens.orders.tasks import sign_orders
from workstation.projections import queries
from workstation.server import auth, refdata
from workstation.server.db import reader, writer

AMOXICILLIN = {
    "order_kind": "medication", "description": "阿莫西林 0.5g 口服 tid",
    "medication": {"drug_code": "amoxicillin", "drug_name": "阿莫西林", "dose_value": 500,
                   "dose_unit": "mg", "route": "po", "frequency": "tid"},
}  # fmt: skip


def open_ws(tmp_path: Path, name: str, url: str) -> Workstation:
    return Workstation.open(tmp_path / name, server_url=url, ward_id="CARD", attempts=2,
                            base_delay=0.01, timeout=5)  # fmt: skip


def test_a_skin_test_recorded_offline_syncs_and_becomes_an_allergy(
    tmp_path, live_server, server_engine
) -> None:
    ward = seed_ward(server_engine)
    with writer(server_engine) as conn:
        auth.add_user(conn, username="nurse2.card", password=PASSWORD, display_name="second nurse",
                      role="nurse", wards=["CARD"])  # fmt: skip
        refdata.publish_directory(conn)
    doctor, station = (
        open_ws(tmp_path, "doc", live_server.url),
        open_ws(tmp_path, "nurse", live_server.url),
    )
    doctor.login(ward.doctor, PASSWORD)
    patient = doctor.admit_patient(admission("王五", "4")).patient_id
    sign_orders(doctor, patient, [AMOXICILLIN])
    doctor.sync()
    station.login("nurse2.card", PASSWORD)  # the second nurse has logged in here before
    station.login(ward.nurse, PASSWORD)
    station.sync()
    with station.store.reading() as conn:
        skin_order = next(o for o in queries.chart(conn, patient)["orders"] if o["code"])
    assert skin_order["code"] == "skin-test:penicillin" and skin_order["order_kind"] == "nursing"

    live_server.stop()
    with pytest.raises(LoginRefused):
        record_skin_test(station, patient, substance="penicillin", result="positive",
                         witness=Witness(ward.nurse, PASSWORD))  # fmt: skip
    record_skin_test(station, patient, substance="penicillin", result="positive",
                     witness=Witness("nurse2.card", PASSWORD), drug_code="amoxicillin",
                     reaction="风团 1.2 cm")  # fmt: skip
    with station.store.reading() as conn:
        local = queries.chart(conn, patient)
    assert [a["substance"] for a in local["allergies"]] == ["penicillin"]
    assert next(o for o in local["orders"] if o["code"])["status"] == "completed"
    live_server.start()

    assert station.sync().rejected == 0
    doctor.sync()
    with reader(server_engine) as conn:
        server = queries.chart(conn, patient)
    with doctor.store.reading() as conn:
        seen = queries.chart(conn, patient)
    for chart in (server, seen):
        assert [(t["result"], t["order_id"]) for t in chart["skin_tests"]] == [
            ("positive", skin_order["order_id"])
        ]
        assert [a["substance"] for a in chart["allergies"]] == ["penicillin"]
    assert server["skin_tests"][0]["witness_id"] != server["skin_tests"][0]["recorded_by"]

"""The nurse's check (OrderChecked) recorded offline on the worklist syncs like any event and
fills the order sheet's nurse columns on the server; the server decides who may record the
order sheet's facts (SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

from offline_cache.workstation import Workstation
from tests.support.ward import PASSWORD, admission, seed_ward
from ui.screens.worklist import tasks as worklist
from workstation.projections.nursing_queries import nursing_chart
from workstation.server.db import reader

BAG = {
    "order_kind": "medication", "description": "NS 250ml + 呋塞米 20mg + 氯化钾 1g ivgtt qd",
    "medication": {"drug_code": "furosemide", "drug_name": "呋塞米", "dose_value": 20,
                   "dose_unit": "mg", "route": "ivgtt", "frequency": "qd"},
    "term": "long_term",
    "group": {"carrier": {"code": "ns", "volume_ml": 250}, "members": [
        {"drug_code": "potassium_chloride_inj", "drug_name": "氯化钾注射液", "dose_value": 1,
         "dose_unit": "g", "route": "ivgtt", "frequency": "qd"}]},
}  # fmt: skip


def open_ws(tmp_path: Path, name: str, url: str) -> Workstation:
    return Workstation.open(tmp_path / name, server_url=url, ward_id="CARD", attempts=2,
                            base_delay=0.01, timeout=5)  # fmt: skip


def order_row(engine_or_ws, patient_id: str, order_id: str) -> dict:
    if hasattr(engine_or_ws, "store"):
        with engine_or_ws.store.reading() as conn:
            chart = nursing_chart(conn, patient_id)
    else:
        with reader(engine_or_ws) as conn:
            chart = nursing_chart(conn, patient_id)
    return next(o for o in chart["orders"] if o["order_id"] == order_id)


def to_check(nurse: Workstation, order_id: str) -> list[worklist.WorkItem]:
    return [i for i in worklist.worklist(nurse, "CARD")
            if i.kind == "order" and i.what["order_id"] == order_id]  # fmt: skip


def test_an_offline_check_syncs_and_fills_the_nurse_then_the_stop_nurse_column(
    tmp_path, live_server, server_engine
):
    ward = seed_ward(server_engine)
    doctor, nurse = (
        open_ws(tmp_path, "doc", live_server.url),
        open_ws(tmp_path, "n", live_server.url),
    )
    doctor.login(ward.doctor, PASSWORD)
    patient = doctor.admit_patient(admission("王五", "4")).patient_id
    order = doctor.record("OrderPlaced", patient_id=patient, payload=BAG).event_id
    assert doctor.sync().rejected == 0
    nurse.login(ward.nurse, PASSWORD)
    nurse.sync()
    row = order_row(nurse, patient, order)
    assert (
        row["group"]["carrier"] == {"code": "ns", "volume_ml": 250} and row["term"] == "long_term"
    )

    live_server.stop()
    items = to_check(nurse, order)
    assert len(items) == 1
    worklist.acknowledge(nurse, items)  # offline: saved on the station, signed by the nurse
    assert to_check(nurse, order) == []
    live_server.start()
    assert nurse.sync().rejected == 0
    on_server = order_row(server_engine, patient, order)
    assert on_server["checked_by"] == nurse.user.user_id and on_server["stop_checked_by"] is None

    doctor.record(
        "OrderDiscontinued", patient_id=patient, payload={"order_id": order, "reason": "K 5.6"}
    )
    doctor.sync()
    nurse.sync()
    assert order_row(server_engine, patient, order)["stop_checked_by"] is None  # not yet checked
    worklist.acknowledge(nurse, to_check(nurse, order))
    assert nurse.sync().rejected == 0
    assert order_row(server_engine, patient, order)["stop_checked_by"] == nurse.user.user_id


def test_the_server_decides_who_checks_and_who_takes_a_verbal_order(
    tmp_path, live_server, server_engine
):
    ward = seed_ward(server_engine)
    doctor, nurse = (
        open_ws(tmp_path, "doc", live_server.url),
        open_ws(tmp_path, "n", live_server.url),
    )
    doctor.login(ward.doctor, PASSWORD)
    patient = doctor.admit_patient(admission("赵六", "5")).patient_id
    order = doctor.record("OrderPlaced", patient_id=patient, payload=BAG).event_id
    doctor.record("OrderChecked", patient_id=patient, payload={"order_id": order, "what": "new"})
    assert doctor.sync().rejected == 1  # a doctor does not do the nurse's check
    nurse.login(ward.nurse, PASSWORD)
    nurse.sync()
    verbal = {**BAG, "urgent": True, "verbal_from": doctor.user.user_id, "term": "temporary"}
    del verbal["group"]
    nurse.record("OrderPlaced", patient_id=patient, payload=verbal)
    nurse.record("OrderPlaced", patient_id=patient, payload={**verbal, "verbal_from": None,
                                                             "urgent": None})  # fmt: skip
    assert nurse.sync().rejected == 1  # a nurse's medication order without a rescue is refused
    with reader(server_engine) as conn:
        orders = nursing_chart(conn, patient)["orders"]
    assert [o["verbal_from"] for o in orders if o["placed_by"] == nurse.user.user_id] == [
        doctor.user.user_id]  # fmt: skip

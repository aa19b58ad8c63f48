"""The pharmacy publishes a formulary through the server: every station syncs it and checks
orders against it, offline too; a table with one bad row publishes nothing; only a pharmacist
(or an admin) may publish, and the publication is audited."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest
from sqlalchemy import Engine, select

from offline_cache import reference
from offline_cache.link import Offline, Refused
from offline_cache.reference import publish
from offline_cache.workstation import Workstation
from tests.support.formulary import formulary_table
from tests.support.ward import PASSWORD, admission, seed_ward
from workstation.clinical.checks import PatientContext, check_order
from workstation.clinical.checks.context import order_from_parsed
from workstation.clinical.formulary_io import check_rows
from workstation.clinical.order_sentence import parse_order
from workstation.clinical.verification import verification_queue
from workstation.clock import utc_now
from workstation.server import refdata
from workstation.server.db import reader, writer
from workstation.server.models import audit_log
from workstation.server.setup import initialise

BOTH_LIMITS = ["dose-single-flucloxacillin", "dose-daily-flucloxacillin"]  # 1 g, 4 g a day


def open_station(tmp_path: Path, name: str, url: str) -> Workstation:
    return Workstation.open(tmp_path / name, server_url=url, ward_id="CARD", attempts=2,
                            base_delay=0.01, timeout=5)  # fmt: skip


def published_versions(engine: Engine) -> dict[str, int]:
    with reader(engine) as conn:
        return refdata.versions(conn)


def dose_alerts(ws: Workstation, sentence: str) -> list[str]:
    """The dose-limit alerts of an order sentence, read and checked as this station does."""
    reference = ws.store.reference
    parsed = parse_order(sentence, reference.formulary())
    alerts = check_order(order_from_parsed(parsed), PatientContext(), reference.knowledge())
    return [a.rule_id for a in alerts if a.rule_id.startswith("dose-")]


def queued_alerts(ws: Workstation) -> list[str]:
    """The dose alerts the pharmacist's verification queue shows, checked on this station."""
    with ws.store.reading() as conn:
        waiting = verification_queue(
            conn, today=utc_now().date(), knowledge=ws.store.reference.knowledge()
        )
    return [a.rule_id for w in waiting for a in w.alerts if a.rule_id.startswith("dose-")]


def _pharmacy_and_ward_pc(tmp_path: Path, url: str, server_engine: Engine) -> tuple[Any, Any]:
    """The pharmacist's and the doctor's stations, logged in, the ward's synced once."""
    ward = seed_ward(server_engine)
    pharmacy = open_station(tmp_path, "pharmacy", url)
    ward_pc = open_station(tmp_path, "ward", url)
    pharmacy.login(ward.pharmacist, PASSWORD)
    ward_pc.login(ward.doctor, PASSWORD)
    ward_pc.sync()
    return pharmacy, ward_pc


def test_a_published_formulary_reaches_another_station_and_stays_offline(
    tmp_path: Path, live_server, server_engine: Engine
) -> None:
    pharmacy, ward_pc = _pharmacy_and_ward_pc(tmp_path, live_server.url, server_engine)
    assert ward_pc.store.reference.formulary().by_code("flucloxacillin") is None
    before = published_versions(server_engine)["formulary"]

    version = publish(pharmacy, check_rows("formulary", formulary_table()), source="drugs.csv")

    assert version == before + 1 == published_versions(server_engine)["formulary"]
    assert pharmacy.store.reference.in_force().formulary_version == version
    ward_pc.sync()
    assert ward_pc.store.reference.in_force().formulary_version == version
    assert dose_alerts(ward_pc, "fluclox 2g po qid 7d") == BOTH_LIMITS
    assert dose_alerts(ward_pc, "氟氯西林 500mg po qid") == []
    patient = ward_pc.admit_patient(admission("王五", "3"))
    ward_pc.record("OrderPlaced", patient_id=patient.patient_id, payload={
        "order_kind": "medication", "description": "fluclox 2g po qid 7d",
        "medication": {"drug_code": "flucloxacillin", "drug_name": "Flucloxacillin", "dose_value": 2,
                       "dose_unit": "g", "route": "po", "frequency": "qid", "duration_days": 7}})  # fmt: skip
    ward_pc.sync()
    pharmacy.sync()
    assert queued_alerts(pharmacy) == BOTH_LIMITS  # the pharmacist's queue checks it the same way
    with reader(server_engine) as conn:
        (row,) = conn.execute(
            select(audit_log).where(audit_log.c.action == "refdata_published")
        ).all()
    assert row.actor_id == pharmacy.user.user_id and orjson.loads(row.detail) == {
        "name": "formulary", "version": version, "rows": len(formulary_table()),
        "source": "drugs.csv"}  # fmt: skip

    initialise(server_engine)  # a restart or upgrade must not put the shipped formulary back
    assert published_versions(server_engine)["formulary"] == version

    live_server.stop()
    ward_pc.close()
    offline = open_station(tmp_path, "ward", live_server.url)  # the program started again
    assert offline.store.reference.in_force().formulary_version == version
    assert dose_alerts(offline, "flucloxacillin 1.5g po qid") == BOTH_LIMITS
    for ws in (pharmacy, offline):
        ws.close()


def test_a_station_taking_a_new_formulary_builds_it_once(
    tmp_path: Path, live_server, server_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build that proved the fetched snapshot readable is the one put in force: the first
    sync after an outage paid for building the formulary twice."""
    pharmacy, ward_pc = _pharmacy_and_ward_pc(tmp_path, live_server.url, server_engine)
    version = publish(pharmacy, check_rows("formulary", formulary_table()))
    builds: list[object] = []
    original = reference.in_force

    def counted(snapshots: Any) -> Any:
        builds.append(original(snapshots))
        return builds[-1]

    monkeypatch.setattr(reference, "in_force", counted)
    ward_pc.sync()
    assert ward_pc.store.reference.in_force().formulary_version == version
    assert len(builds) == 1 and ward_pc.store.reference.in_force() is builds[0]
    assert dose_alerts(ward_pc, "fluclox 2g po qid 7d") == BOTH_LIMITS
    for ws in (pharmacy, ward_pc):
        ws.close()


def test_one_bad_row_publishes_nothing_and_names_the_row(
    tmp_path: Path, live_server, server_engine: Engine
) -> None:
    ward = seed_ward(server_engine)
    pharmacy = open_station(tmp_path, "pharmacy", live_server.url)
    pharmacy.login(ward.pharmacist, PASSWORD)
    before = published_versions(server_engine)
    rows = formulary_table(bad_row=5)
    with pytest.raises(Refused) as refused:  # the server checks again whatever a station sends
        pharmacy.link.request("POST", "/refdata/formulary", body={"rows": rows})  # type: ignore[union-attr]
    assert refused.value.status == 422 and refused.value.code == "invalid_rows"
    assert refused.value.detail["problems"] == [{
        "row": 5, "key": rows[3]["code"], "problem": "default_dose: 'two capsules' is not a number"}]  # fmt: skip
    assert "nothing was imported" in str(refused.value)
    for body, why in (({"rows": "drugs.csv"}, "rows must be a list"),
                      ({"rows": [{"code": 7}]}, "row 2: must be an object of text cells")):  # fmt: skip
        with pytest.raises(Refused, match=why) as bad:
            pharmacy.link.request("POST", "/refdata/formulary", body=body)  # type: ignore[union-attr]
        assert bad.value.status == 400
    with pytest.raises(Refused) as unknown:
        pharmacy.link.request("POST", "/refdata/users", body={"rows": []})  # type: ignore[union-attr]
    assert unknown.value.status == 404
    assert published_versions(server_engine) == before
    with reader(server_engine) as conn:
        assert not conn.execute(
            select(audit_log).where(audit_log.c.action == "refdata_published")
        ).all()
    pharmacy.close()


def test_a_nurse_may_not_publish(tmp_path: Path, live_server, server_engine: Engine) -> None:
    ward = seed_ward(server_engine)
    station = open_station(tmp_path, "ward", live_server.url)
    station.login(ward.nurse, PASSWORD)
    before = published_versions(server_engine)
    with pytest.raises(Refused) as refused:
        publish(station, check_rows("formulary", formulary_table()))
    assert refused.value.status == 403 and refused.value.code == "forbidden"
    assert published_versions(server_engine) == before
    station.close()


def test_published_interaction_rules_are_the_ones_the_station_checks(
    tmp_path: Path, live_server, server_engine: Engine
) -> None:
    ward = seed_ward(server_engine)
    station = open_station(tmp_path, "pharmacy", live_server.url)
    station.login(ward.pharmacist, PASSWORD)
    shipped = station.store.reference.knowledge().interactions
    dropped = "ddi-warfarin-metronidazole"  # a test's choice: the pharmacy retires one rule
    assert dropped in {r["id"] for r in shipped}
    rows = [
        {k: orjson.dumps(v).decode() if isinstance(v, dict) else str(v) for k, v in r.items()}
        for r in shipped
        if r["id"] != dropped
    ]  # a spreadsheet cell holds the JSON of a structured field (within_dose)

    version = publish(station, check_rows("interactions", rows))

    assert published_versions(server_engine)["interactions"] == version == 1
    in_force = station.store.reference.in_force()
    assert {r["id"] for r in in_force.knowledge.interactions} == {r["id"] for r in rows}
    assert in_force.formulary is station.store.reference.formulary()
    assert publish(station, check_rows("interactions", rows)) == version  # the same table again
    with reader(server_engine) as conn:  # publishes nothing new, so it is audited once
        assert len(conn.execute(
            select(audit_log).where(audit_log.c.action == "refdata_published")
        ).all()) == 1  # fmt: skip
    station.close()


def test_a_snapshot_the_station_cannot_read_is_not_taken_and_the_sync_goes_on(
    tmp_path: Path, live_server, server_engine: Engine
) -> None:
    """A newer server may publish a formulary in a format this station does not know: the station
    keeps the one in force (and its copy in the replica) and the sync report says why."""
    ward = seed_ward(server_engine)
    station = open_station(tmp_path, "pharmacy", live_server.url)
    station.login(ward.pharmacist, PASSWORD)
    publish(station, check_rows("formulary", formulary_table()))
    good = station.store.reference.in_force()
    with writer(server_engine) as conn:  # past the server's row check, as a newer format would be
        newer = refdata.publish(conn, "formulary", {"drugs": [{"code": "x", "strengths": "new"}]})

    report = station.sync()

    assert report.refdata_refused and report.refdata_refused[0].startswith(
        f"formulary version {newer}: FormularyError: "
    )
    assert station.store.reference.reload() is good
    assert station.store.reference.formulary().by_code("flucloxacillin") is not None
    station.close()
    again = open_station(tmp_path, "pharmacy", live_server.url)  # the program started again
    assert again.store.reference.in_force().formulary_version == good.formulary_version
    again.close()


def test_a_link_lost_after_the_server_published_is_not_reported_as_a_failure(
    tmp_path: Path, live_server, server_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pharmacist must not be told to publish again what the server already published."""
    ward = seed_ward(server_engine)
    station = open_station(tmp_path, "pharmacy", live_server.url)
    station.login(ward.pharmacist, PASSWORD)
    before = published_versions(server_engine)["formulary"]

    def link_lost(_versions: dict[str, int]) -> list[str]:
        raise Offline("connection reset")  # the network went between the two requests

    monkeypatch.setattr(station.sync_client, "refresh_refdata", link_lost)
    version = publish(station, check_rows("formulary", formulary_table()))

    assert version == before + 1 == published_versions(server_engine)["formulary"]
    monkeypatch.undo()
    station.sync()  # the next sync brings it
    assert station.store.reference.in_force().formulary_version == version
    station.close()

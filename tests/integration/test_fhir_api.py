"""The FHIR R4 API (/fhir) on the real server over the demo ward: what it returns is valid R4
for two independent validators, an independent client (SMART's fhirclient) pages a search and
$everything, ward scope and roles are enforced with OperationOutcomes, and reads are audited."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fhir.resources.R4B.bundle import Bundle
from fhirclient import client as smart_client
from fhirclient._utils import iter_pages
from fhirclient.models.bundle import Bundle as SmartBundle
from fhirclient.models.patient import Patient as SmartPatient
from sqlalchemy import select

from tests.support.fhir_check import fhirclient_problems, medplum_problems, node_validator
from tests.support.live_server import LiveServer
from tests.support.postgres import PostgresCluster
from workstation.server import auth
from workstation.server.db import make_engine, reader, writer
from workstation.server.demo import load_demo
from workstation.server.models import audit_log
from workstation.server.setup import initialise

TYPES = ["Patient", "Encounter", "Observation", "Condition", "AllergyIntolerance",
         "MedicationRequest", "MedicationAdministration", "MedicationDispense", "Medication",
         "DocumentReference"]  # fmt: skip


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def ward(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Any]]:
    """One demo server for the module: its URL, engine and the demo passwords."""
    folder = tmp_path_factory.mktemp("fhir")
    cluster: PostgresCluster | None = None
    if request.param == "sqlite":
        url = f"sqlite:///{folder / 'server.db'}"
    else:
        cluster = request.getfixturevalue("pg_cluster")
        url = cluster.create_database()
    engine = make_engine(url)
    initialise(engine)
    passwords = load_demo(engine)
    with writer(engine) as conn:
        auth.add_user(conn, username="privacy", password="privacy pass 1", display_name="privacy",
                      role="privacy_officer", wards=["CARD"])  # fmt: skip
    passwords["privacy"] = "privacy pass 1"
    server = LiveServer(url, log_dir=folder).start()
    try:
        yield {"url": server.url, "engine": engine, "passwords": passwords}
    finally:
        server.stop()
        engine.dispose()
        if cluster is not None:
            cluster.drop_database(url)


def _headers(
    ward: dict[str, Any], username: str, device: str, ward_id: str | None
) -> dict[str, str]:
    answer = httpx.post(f"{ward['url']}/auth/login", json={
        "username": username, "password": ward["passwords"][username], "device_id": device})  # fmt: skip
    assert answer.status_code == 200, answer.text
    headers = {"Authorization": f"Bearer {answer.json()['access_token']}"}
    if ward_id:
        assert httpx.post(f"{ward['url']}/devices/register", json={"ward_id": ward_id},
                          headers=headers).status_code == 200  # fmt: skip
    return headers


@pytest.fixture(scope="module")
def card(ward: dict[str, Any]) -> dict[str, str]:
    """A cardiology physician on a cardiology station."""
    return _headers(ward, "card.physician", "ws-card", "CARD")


def _get(ward: dict[str, Any], path: str, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.get(f"{ward['url']}/fhir/{path}", headers=headers or {}, timeout=30)


def _outcome(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/fhir+json")
    body = response.json()
    assert body["resourceType"] == "OperationOutcome", body
    return str(body["issue"][0]["code"])


def test_every_resource_returned_is_valid_r4_for_two_independent_validators(ward, card) -> None:
    answers = [_get(ward, "metadata")] + [_get(ward, f"{name}?_count=4", card) for name in TYPES]
    patient_id = answers[1].json()["entry"][0]["resource"]["id"]
    answers.append(_get(ward, f"Patient/{patient_id}/$everything?_count=300", card))
    note = answers[10].json()["entry"][0]["resource"]["id"]
    answers.append(_get(ward, f"Binary/{note}", card | {"Accept": "application/fhir+json"}))
    answers += [_get(ward, "Patient?bogus=1", card), _get(ward, "Patient/nobody", card)]
    for answer in answers:
        assert answer.headers["content-type"].startswith("application/fhir+json"), answer.text
    documents = [a.json() for a in answers]
    resources = documents + [e["resource"] for d in documents for e in d.get("entry", [])]
    kinds = {r["resourceType"] for r in resources}
    assert set(TYPES) | {"Bundle", "CapabilityStatement", "Binary", "OperationOutcome"} <= kinds
    for document in documents:  # the models it was built with read it back, and write it alike
        if document["resourceType"] == "Bundle":
            again = Bundle.model_validate(document).model_dump_json(
                by_alias=True, exclude_none=True
            )
            assert json.loads(again) == document
    assert fhirclient_problems(resources) == []
    assert medplum_problems(node_validator(), resources) == []


def test_vital_signs_carry_the_profile_loinc_codes_and_category(ward, card) -> None:
    bundle = _get(ward, "Observation?category=vital-signs&_count=40", card).json()
    codes = {c["code"] for e in bundle["entry"] for c in e["resource"]["code"]["coding"]}
    assert {"8867-4", "85354-9", "8310-5"} <= codes
    assert all(e["resource"]["category"][0]["coding"][0]["code"] == "vital-signs"
               for e in bundle["entry"])  # fmt: skip
    labs = _get(ward, "Observation?category=laboratory&_count=5", card).json()["entry"]
    assert {e["resource"]["category"][0]["coding"][0]["code"] for e in labs} == {"laboratory"}


def test_an_independent_client_pages_a_patient_search_and_everything(ward, card) -> None:
    smart = smart_client.FHIRClient(settings={"app_id": "his", "api_base": f"{ward['url']}/fhir/"})
    smart.server.session.headers.update(card)
    pages = list(SmartPatient.where(struct={"_count": "2"}).perform_iter(smart.server))
    ids = [e.resource.id for b in pages for e in (b.entry or [])]
    census = _get(ward, "Patient?_count=1000", card).json()["entry"]
    assert len(pages) >= 2 and sorted(ids) == sorted(e["resource"]["id"] for e in census)
    chinese = next(p for b in pages for p in (e.resource for e in b.entry or []))
    assert chinese.identifier[0].value and chinese.name[0].text
    first = SmartBundle(smart.server.request_json(f"Patient/{ids[0]}/$everything?_count=25"))
    everything = [
        e.resource
        for b in iter_pages(first, smart.server)
        for e in b.entry or []
        if e.search.mode == "match"
    ]  # the Medications come once, as includes
    whole = _get(ward, f"Patient/{ids[0]}/$everything?_count=1000", card).json()["entry"]
    assert [r.id for r in everything] == [e["resource"]["id"] for e in whole
                                          if e["search"]["mode"] == "match"]  # fmt: skip
    assert {"Patient", "Encounter", "Observation"} <= {r.resource_type for r in everything}
    assert all(getattr(r, "id", None) for r in everything)


def test_another_wards_patient_and_a_privacy_officer_are_refused(ward, card) -> None:
    resp = _headers(ward, "resp.physician", "ws-resp", "RESP")
    theirs = _get(ward, "Patient?_count=1000", resp).json()["entry"]
    mine = {e["resource"]["id"] for e in _get(ward, "Patient?_count=1000", card).json()["entry"]}
    other = next(e["resource"]["id"] for e in theirs if e["resource"]["id"] not in mine)
    assert not mine & {e["resource"]["id"] for e in theirs}
    assert _outcome(_get(ward, f"Patient/{other}", card), 403) == "forbidden"
    assert _outcome(_get(ward, f"Patient/{other}/$everything", card), 403) == "forbidden"
    assert _get(ward, f"Observation?patient={other}", card).json().get("entry") is None
    privacy = _headers(ward, "privacy", "ws-privacy", None)
    assert _outcome(_get(ward, "Patient", privacy), 403) == "forbidden"
    assert _outcome(_get(ward, "Patient"), 401) == "login"
    assert _outcome(_get(ward, "Patient", {"Authorization": "Bearer nonsense"}), 401) == "login"
    assert _outcome(_get(ward, "Patient?_count=0", card), 400) == "invalid"
    assert _outcome(_get(ward, "Patient?birthdate=yesterday", card), 400) == "invalid"
    assert _outcome(_get(ward, "Specimen", card), 404) == "not-found"


def test_hostile_requests_get_an_operation_outcome_never_a_500(ward, card) -> None:
    for path in ("Patient?_count=%C2%B2", "Patient?_count=99999", "Patient?_cursor=1~x%27--~0",
                 "Patient?name=%00", "Observation?patient=Encounter/x", "Patient/%00",
                 "Patient/x%20y/$everything", "Binary/" + "a" * 65,
                 "Patient?_lastUpdated=gt2024-01-01T25:99"):  # fmt: skip
        assert _outcome(_get(ward, path, card), 400) == "invalid", path
    resp = _headers(ward, "resp.physician", "ws-resp3", "RESP")
    theirs = _get(ward, "DocumentReference?_count=1", resp).json()["entry"][0]["resource"]
    assert _outcome(_get(ward, f"Binary/{theirs['id']}", card), 403) == "forbidden"
    assert _outcome(_get(ward, f"DocumentReference/{theirs['id']}", card), 403) == "forbidden"
    assert _get(ward, f"DocumentReference?_id={theirs['id']}", card).json().get("entry") is None
    beyond = _get(ward, "Patient?_cursor=99~x~0", card)  # a cursor past the end: an empty page
    assert beyond.status_code == 200 and beyond.json().get("entry") is None


def test_reads_are_audited_with_their_patients(ward, card) -> None:
    patient = _get(ward, "Patient?_count=1", card).json()["entry"][0]["resource"]["id"]
    _get(ward, f"Patient/{patient}", card)
    _get(ward, f"Patient/{patient}/$everything?_count=5", card)
    resp = _headers(ward, "resp.physician", "ws-resp2", "RESP")
    _get(ward, f"Patient/{patient}", resp)
    with reader(ward["engine"]) as conn:
        rows = conn.execute(select(audit_log.c.action, audit_log.c.patient_id)
                            .order_by(audit_log.c.audit_id.desc()).limit(6)).all()  # fmt: skip
    actions = [(a, p) for a, p in rows]
    assert ("fhir_refused", patient) in actions
    assert ("fhir_everything", patient) in actions and ("fhir_read", patient) in actions


def test_paging_by_the_next_link_misses_and_repeats_nothing(ward, card) -> None:
    patient = _get(ward, "Patient?_count=1", card).json()["entry"][0]["resource"]["id"]
    url, seen = f"Observation?patient={patient}&_count=40", []
    while url:
        bundle = _get(ward, url, card).json()
        seen += [e["resource"]["id"] for e in bundle.get("entry", [])]
        url = next((link["url"].split("/fhir/", 1)[1] for link in bundle["link"]
                    if link["relation"] == "next"), None)  # fmt: skip
    whole = _get(ward, f"Observation?patient={patient}&_count=1000", card).json()
    assert seen == [e["resource"]["id"] for e in whole["entry"]] and len(set(seen)) == len(seen)
    later = _get(ward, "Patient?_lastUpdated=gt2999-01-01", card).json()
    assert later.get("entry") is None

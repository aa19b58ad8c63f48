"""An event that names an earlier event (the order it verifies, completes or stops, the note it
amends or cosigns) acts on that event's chart: it must name the same patient, else a clinician
could act on another ward's order or note from a chart of her own, past the ward scope. A
cosignature (上级医师审签) is another doctor's: its author is never the note's own."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tests.security.scope_support import Station, api, sign_in
from tests.support.ward import PASSWORD
from workstation.clock import now_iso
from workstation.ids import uuid7
from workstation.server import auth
from workstation.server.db import writer

__all__ = ["api"]  # the fixture, imported for pytest


def _two_wards(api: TestClient) -> tuple[Station, Station, str, str]:
    """doc.card on CARD and doc.resp on RESP, each with an admitted patient: (card, resp,
    card patient, resp patient)."""
    card = sign_in(api, "doc.card", "pc-card")
    assert card.register("CARD").status_code == 200
    resp = sign_in(api, "doc.resp", "pc-resp")
    assert resp.register("RESP").status_code == 200
    return card, resp, card.admit("CARD", "C-0001"), resp.admit("RESP", "R-0001")


def _order(doctor: Station, patient: str) -> dict:
    order = doctor.event("OrderPlaced", patient, {"order_kind": "nursing",
                                                  "description": "vital signs 4-hourly"})  # fmt: skip
    assert doctor.push(order)[0]["status"] == "accepted"
    return order


def _note(doctor: Station, patient: str) -> dict:
    note = doctor.event("NoteSigned", patient, {"note_type": "daily_progress_note",
                                                "text": "stable", "needs_cosign": True})  # fmt: skip
    assert doctor.push(note)[0]["status"] == "accepted"
    return note


def test_an_event_on_one_chart_cannot_act_on_another_wards_order_or_note(api: TestClient) -> None:
    card, resp, own_patient, foreign_patient = _two_wards(api)
    foreign_order, foreign_note = _order(resp, foreign_patient), _note(resp, foreign_patient)
    pharmacist = sign_in(api, "pharm", "pc-pharmacy")
    attempts = [
        (card, "OrderDiscontinued", {"order_id": foreign_order["event_id"], "reason": "x"}),
        (card, "OrderCompleted", {"order_id": foreign_order["event_id"]}),
        (card, "NoteAddended", {"note_id": foreign_note["event_id"], "text": "changed"}),
        (card, "NoteCosigned", {"note_id": foreign_note["event_id"]}),
        (pharmacist, "OrderVerified", {"order_id": foreign_order["event_id"]}),
    ]
    for station, event_type, payload in attempts:
        result = station.push(station.event(event_type, own_patient, payload))[0]
        assert (result["status"], result.get("code")) == ("rejected", "forbidden"), event_type
        assert "another patient" in result["message"]
    # the same acts on the events' own chart, by someone who may, are let in
    own_order = _order(card, own_patient)
    done = card.push(card.event("OrderCompleted", own_patient, {"order_id": own_order["event_id"]}))
    assert done[0]["status"] == "accepted"


def test_a_reference_within_one_batch_is_judged_the_same(api: TestClient) -> None:
    card, _resp, first, _foreign = _two_wards(api)
    second = card.admit("CARD", "C-0002")
    order = card.event("OrderPlaced", first, {"order_kind": "nursing",
                                              "description": "turn 2-hourly"})  # fmt: skip
    cross = card.event("OrderCompleted", second, {"order_id": order["event_id"]})
    results = card.push(order, cross)
    assert [r["status"] for r in results] == ["accepted", "rejected"]
    assert "another patient" in results[1]["message"]


def test_a_doctor_cannot_cosign_her_own_note(api: TestClient) -> None:
    card, _resp, patient, _foreign = _two_wards(api)
    note = _note(card, patient)
    own = card.push(card.event("NoteCosigned", patient, {"note_id": note["event_id"]}))[0]
    assert (own["status"], own.get("code")) == ("rejected", "forbidden")
    assert "own note" in own["message"]
    same_batch = card.event("NoteSigned", patient, {"note_type": "daily_progress_note",
                                                    "text": "later", "needs_cosign": True})  # fmt: skip
    cosign = card.event("NoteCosigned", patient, {"note_id": same_batch["event_id"]})
    assert [r["status"] for r in card.push(same_batch, cosign)] == ["accepted", "rejected"]


def test_vitals_and_void_still_in_when_the_reference_is_sound(api: TestClient) -> None:
    card, _resp, patient, _foreign = _two_wards(api)
    vitals = card.event("VitalsRecorded", patient, {"taken_at": now_iso(), "pulse_bpm": 80})
    assert card.push(vitals)[0]["status"] == "accepted"
    void = card.event("EventVoided", patient, {"target_event_id": vitals["event_id"],
                                               "reason": "wrong patient"})  # fmt: skip
    assert card.push(void)[0]["status"] == "accepted"


def test_a_stock_event_cannot_name_another_wards_patient(api: TestClient) -> None:
    """Stock and dispensing events are not judged by a record's version or archive lock, but
    one that names a patient writes on that patient's chart: the ward scope holds for it too
    (a CARD nurse put a StockReceived on a RESP patient's chart, past the scope)."""
    _card, _resp, own_patient, foreign_patient = _two_wards(api)
    nurse = sign_in(api, "nurse.card", "pc-card")
    stock = {"drug_code": "ASP100", "lot": "L1", "expiry": "2030-01-01", "location_id": "CARD",
             "quantity": 10, "unit": "tablet"}  # fmt: skip
    foreign = nurse.push(nurse.event("StockReceived", foreign_patient, stock))[0]
    assert (foreign["status"], foreign.get("code")) == ("rejected", "out_of_scope")
    unknown = nurse.push(nurse.event("StockReceived", uuid7(), stock))[0]
    assert (unknown["status"], unknown.get("code")) == ("rejected", "unknown_patient")
    assert nurse.push(nurse.event("StockReceived", None, stock))[0]["status"] == "accepted"
    assert nurse.push(nurse.event("StockReceived", own_patient, stock))[0]["status"] == "accepted"
    pharmacist = sign_in(api, "pharm", "pc-pharmacy")  # hospital-wide: any ward's patient
    dispensed = {"drug_code": "ASP100", "lot": "L1", "location_id": "PHARM", "quantity": 1,
                 "unit": "tablet"}  # fmt: skip
    given = pharmacist.push(pharmacist.event("Dispensed", foreign_patient, dispensed))[0]
    assert given["status"] == "accepted"


def test_a_cosignature_is_a_licensed_doctors_on_a_note_waiting_for_one(
    api: TestClient, server_engine: Engine
) -> None:
    """The notes screen offers a cosignature only to a licensed physician, on a note that needs
    one and has none; a station that skips the screen met no such check on the server."""
    with writer(server_engine) as conn:
        for username, licensed in (("senior.card", True), ("unlicensed.card", False)):
            auth.add_user(conn, username=username, password=PASSWORD, display_name=username,
                          role="physician", wards=["CARD"], licensed=licensed)  # fmt: skip
    card, _resp, patient, _foreign = _two_wards(api)
    senior = sign_in(api, "senior.card", "pc-card")
    unlicensed = sign_in(api, "unlicensed.card", "pc-card")
    waiting = _note(card, patient)

    def cosign(station: Station, note: dict) -> dict:
        return station.push(station.event("NoteCosigned", patient, {"note_id": note["event_id"]}))[
            0
        ]

    assert cosign(unlicensed, waiting)["status"] == "rejected"
    assert cosign(senior, waiting)["status"] == "accepted"
    assert "already cosigned" in cosign(senior, waiting)["message"]  # once, never rewritten
    plain = card.event("NoteSigned", patient, {"note_type": "daily_progress_note", "text": "ok"})
    assert card.push(plain)[0]["status"] == "accepted"
    assert cosign(senior, plain)["status"] == "rejected"  # it needs no cosignature
    malformed = senior.event("NoteCosigned", patient, {"note": waiting["event_id"]})
    assert senior.push(malformed)[0]["code"] == "invalid"  # judged, not a server error

"""The demo ward: two wards, a user for every role and about thirty patients with several days
of history, all written as events through the server's own push path (validation, permissions,
scope, projections and audit exactly as for a workstation)."""

from __future__ import annotations

import json
import random
import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, select

from workstation.clinical.note_deadlines import FIRST_WARD_ROUND_WITHIN
from workstation.clock import utc_now
from workstation.events.envelope import event_from_wire
from workstation.resources import resource
from workstation.security.signing import Signer, new_private_key
from workstation.server import audit, refdata, signing_keys
from workstation.server.audit import AuditEntry
from workstation.server.auth import User, add_user, all_users
from workstation.server.db import reader, writer
from workstation.server.demo_controlled import skin_tests_and_controlled
from workstation.server.demo_events import DEVICE_ID, DemoLog
from workstation.server.demo_fluids import record_fluid_balance
from workstation.server.demo_frontsheet import record_ward_reports
from workstation.server.demo_history import HISTORY_WEEKS, record_past_stays
from workstation.server.demo_history_types import STAY_EVENT_MAKERS
from workstation.server.demo_infusion import infusion_demo
from workstation.server.demo_notes import (
    write_admission_notes,
    write_progress_notes,
    write_ward_round_note,
)
from workstation.server.demo_nursing_record import record_nursing_records
from workstation.server.demo_order_sheet import order_sheet_demo
from workstation.server.demo_orders import (
    Dispensable,
    medication_plan,
    place_awaiting_verification,
    place_care_orders,
    place_labs,
    place_medications,
    plan_drug_codes,
)
from workstation.server.demo_patient import (
    PatientCase,
    WardStaff,
    admit,
    choose_allergy,
    make_case,
    record_history,
    record_vitals,
)
from workstation.server.demo_pharmacy import outpatient_counter
from workstation.server.demo_quality import quality_stay_events
from workstation.server.demo_rights import add_rights_staff, record_rights_orders
from workstation.server.demo_safety import record_ward_safety
from workstation.server.demo_staffing import load_rosters
from workstation.server.demo_usage import record_demo_usage
from workstation.server.models import wards
from workstation.server.sync import MAX_PUSH_BATCH, push

# ward id, English name, Chinese name, patients in Chinese / in English
WARDS = (
    ("CARD", "Cardiology", "心内科", 13, 2),
    ("RESP", "Respiratory Medicine", "呼吸内科", 12, 3),
)
BEDS_PER_WARD = 16
PHARMACY = "PHARM"
STOCKED = {"aspirin": "A2609117", "atorvastatin": "T2608023"}  # drug code -> lot received
MAX_DISPENSED = 6
AWAITING_VERIFICATION_PER_WARD = 3  # newest admissions with an order this morning not yet verified

STAY_EVENT_MAKERS.append(quality_stay_events)  # each past stay's quality facts (质控)


class DemoLoadError(RuntimeError):
    """The demo could not be loaded (already there, or the server refused one of its events)."""


def _json(*parts: str) -> Any:
    return json.loads(resource(*parts).read_text(encoding="utf-8"))


def load_demo(
    engine: Engine, *, seed: int = 2026, now: datetime | None = None,
    history_weeks: int = HISTORY_WEEKS,
) -> dict[str, str]:  # fmt: skip
    """Create the demo wards, users and patients on an initialised database; return
    username -> password. Deterministic for a seed and `now`, apart from ids and passwords.
    `history_weeks` of past stays come before today's patients (demo_history; 0: none)."""
    staff = _json("demo", "names.json")["staff"]
    passwords = _create_directory(engine, staff)
    passwords |= add_rights_staff(engine)
    passwords |= load_rosters(engine, now or utc_now())  # 排班: this week's roster per ward
    with reader(engine) as conn:
        users = {u.username: u for u in all_users(conn).values()}
    wire_events = _signed(engine, demo_events(users, seed=seed, now=now or utc_now(),
                                              history_weeks=history_weeks))  # fmt: skip
    _push_all(engine, users["demo.admin"], wire_events)
    record_demo_usage(engine, users, now or utc_now(), seed)  # the usage tab and feedback board
    return passwords


def _signed(engine: Engine, wire_events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Sign the history as the push path demands: each demo author gets a key for the demo device,
    registered as of their first event (the history is written in the past) and then forgotten."""
    firsts: dict[str, str] = {}
    for event in wire_events:
        firsts.setdefault(event["author_id"], event["recorded_at"])
    signers = {author: Signer(new_private_key(), user_id=author, device_id=DEVICE_ID)
               for author in firsts}  # fmt: skip
    with writer(engine) as conn:
        for author, signer in signers.items():
            signing_keys.register(conn, user_id=author, device_id=DEVICE_ID,
                                  public_key=signer.public_key, registered_at=firsts[author])  # fmt: skip
    return [signers[e["author_id"]].sign_event(event_from_wire(e)).to_wire() for e in wire_events]


def demo_events(
    users: dict[str, User], *, seed: int, now: datetime, history_weeks: int = HISTORY_WEEKS
) -> list[dict[str, Any]]:
    """The demo history as wire events authored by the demo users (by username), in time order."""
    rng = random.Random(seed)
    log = DemoLog(now)
    supplies = _ward_histories(log, users, rng)
    _pharmacy(log, users["pharmacist"], supplies, rng)
    outpatient_counter(log, users["pharmacist"], users["card.physician"])
    record_rights_orders(log, users)
    skin_tests_and_controlled(
        log, users, {d["code"]: d for d in _json("formulary", "formulary.json")["drugs"]}
    )
    order_sheet_demo(log, users)
    infusion_demo(log, users)
    record_past_stays(log, users, random.Random(seed), wards={w[0]: BEDS_PER_WARD for w in WARDS},
                      weeks=history_weeks)  # fmt: skip
    return log.wire_events()


def _create_directory(engine: Engine, staff: list[dict[str, Any]]) -> dict[str, str]:
    passwords = {}
    with writer(engine) as conn:
        if conn.execute(
            select(wards.c.ward_id).where(wards.c.ward_id.in_([w[0] for w in WARDS]))
        ).first():
            raise DemoLoadError("the demo wards already exist in this database")
        for ward_id, name_en, name_zh, _, _ in WARDS:
            beds = [f"{n:02d}" for n in range(1, BEDS_PER_WARD + 1)]
            refdata.add_ward(conn, ward_id=ward_id, name_en=name_en, name_zh=name_zh, beds=beds)
        for person in staff:
            passwords[person["username"]] = secrets.token_urlsafe(12)
            add_user(
                conn,
                username=person["username"],
                password=passwords[person["username"]],
                display_name=person["display_name"],
                role=person["role"],
                wards=person["wards"],
            )
        refdata.publish_directory(conn)
        audit.append(
            conn,
            [
                AuditEntry(
                    "demo_loaded",
                    None,
                    device_id=DEVICE_ID,
                    detail={"wards": [w[0] for w in WARDS], "users": sorted(passwords)},
                )
            ],
        )
    return passwords


def _ward_histories(log: DemoLog, users: dict[str, User], rng: random.Random) -> list[Dispensable]:
    names = _json("demo", "names.json")
    common = _json("demo", "common.json")
    scenarios = (
        _json("demo", "scenarios_card.json")["scenarios"]
        + _json("demo", "scenarios_resp.json")["scenarios"]
    )
    formulary = {d["code"]: d for d in _json("formulary", "formulary.json")["drugs"]}
    zh_people, en_people = list(names["patients_zh"]), list(names["patients_en"])
    rng.shuffle(zh_people)
    rng.shuffle(en_people)
    cases: list[PatientCase] = []
    for ward_id, _, _, zh_count, en_count in WARDS:
        staff = _ward_staff(users, ward_id)
        people = [(zh_people.pop(), "zh") for _ in range(zh_count)] + [
            (en_people.pop(), "en") for _ in range(en_count)
        ]
        rng.shuffle(people)
        ward_scenarios = [s for s in scenarios if s["ward"] == ward_id]
        beds = rng.sample([f"{n:02d}" for n in range(1, BEDS_PER_WARD + 1)], len(people))
        for index, ((person, lang), bed) in enumerate(zip(people, beds, strict=True)):
            cases.append(make_case(rng, person=person, lang=lang, scenario=ward_scenarios[index % len(ward_scenarios)],
                                   ward_id=ward_id, bed=bed, record_number="", staff=staff, now=log.now,
                                   words=common["words"]))  # fmt: skip
    cases.sort(key=lambda c: c.admitted_at)
    number = rng.randint(10000, 60000)
    supplies: list[Dispensable] = []
    overdue = _round_overdue(cases, log.now)
    awaiting = _newest_admissions(cases, per_ward=AWAITING_VERIFICATION_PER_WARD)
    for case in cases:
        number += rng.randint(3, 40)  # other wards admit in between
        case.record_number = f"{case.admitted_at.year}{number:05d}"
        supplies += _one_history(log, case, common, formulary, rng, round_due=case is not overdue,
                                 new_order=case in awaiting)  # fmt: skip
    record_ward_safety(log, cases)
    record_ward_reports(log, cases)
    record_nursing_records(log, cases)
    return supplies


def _newest_admissions(cases: list[PatientCase], *, per_ward: int) -> list[PatientCase]:
    """The latest admissions of each ward (cases are sorted by admission)."""
    wards = {c.ward_id for c in cases}
    return [c for w in wards for c in [c for c in cases if c.ward_id == w][-per_ward:]]


def _round_overdue(cases: list[PatientCase], now: datetime) -> PatientCase | None:
    """The one patient whose attending has not written the first ward-round note in time (so
    the census shows the reminder): the latest admission already more than 48 h + 6 h ago."""
    late = [c for c in cases if now - c.admitted_at > FIRST_WARD_ROUND_WITHIN + timedelta(hours=6)]
    return max(late, key=lambda c: c.admitted_at) if late else None


def _one_history(
    log: DemoLog,
    case: PatientCase,
    common: dict[str, Any],
    formulary: dict[str, Any],
    rng: random.Random,
    *,
    round_due: bool = True,
    new_order: bool = False,
) -> list[Dispensable]:
    plan = medication_plan(case, common, formulary)
    case.allergy = choose_allergy(rng, common["allergies"], plan_drug_codes(plan))
    admit(log, case)
    record_history(log, case, common["comorbidities"])
    record_vitals(log, case, rng)
    record_fluid_balance(log, case)
    place_labs(log, case, rng)
    place_care_orders(log, case, common, rng)
    supplies = place_medications(log, case, plan, formulary, common, rng)
    if new_order:
        place_awaiting_verification(log, case, plan, formulary, rng)
    write_admission_notes(log, case, common, rng)
    rounded = round_due and write_ward_round_note(log, case, common)
    write_progress_notes(log, case, common, rng, round_written=rounded)
    return supplies


def _ward_staff(users: dict[str, User], ward_id: str) -> WardStaff:
    prefix = ward_id.lower()
    return WardStaff(
        physician=users[f"{prefix}.physician"].user_id, trainee=users["trainee"].user_id,
        nurse=users[f"{prefix}.nurse"].user_id, pharmacist=users["pharmacist"].user_id,
        lab=users["lab"].user_id,
    )  # fmt: skip


def _pharmacy(
    log: DemoLog, pharmacist: User, supplies: list[Dispensable], rng: random.Random
) -> None:
    """Stock received at the pharmacy a week ago, then a few ward supplies dispensed from it."""
    formulary = {d["code"]: d for d in _json("formulary", "formulary.json")["drugs"]}
    received_at = log.now - timedelta(days=8, hours=rng.randint(0, 5))
    expiry = (log.now + timedelta(days=700)).date().replace(day=1)
    for drug_code, lot in STOCKED.items():
        log.add(received_at, "StockReceived", author=pharmacist.user_id, payload={
            "drug_code": drug_code, "lot": lot, "expiry": expiry.isoformat(), "location_id": PHARMACY,
            "quantity": 2000, "unit": formulary[drug_code]["forms"][0]["dispense_unit"],
        })  # fmt: skip
    stocked = sorted((s for s in supplies if s.drug_code in STOCKED), key=lambda s: s.verified_at)
    for supply in stocked[:MAX_DISPENSED]:
        log.add(supply.verified_at + timedelta(minutes=rng.randint(10, 30)), "Dispensed",
                author=pharmacist.user_id, patient_id=supply.patient_id, payload={
            "drug_code": supply.drug_code, "lot": STOCKED[supply.drug_code], "location_id": PHARMACY,
            "quantity": supply.quantity, "unit": formulary[supply.drug_code]["forms"][0]["dispense_unit"],
            "order_id": supply.order_id,
        })  # fmt: skip


def _push_all(engine: Engine, pusher: User, wire_events: list[dict[str, Any]]) -> None:
    for start in range(0, len(wire_events), MAX_PUSH_BATCH):
        batch = wire_events[start : start + MAX_PUSH_BATCH]
        results = push(engine, pusher=pusher, device_id=DEVICE_ID, wire_events=batch)["results"]
        refused = [r for r in results if r["status"] != "accepted"]
        if refused:
            raise DemoLoadError(
                f"{len(refused)} demo events were not accepted, first: {refused[:3]}"
            )

"""The simulated hospital of `bench/load.py`: wards, one user and one registered device per
station, admitted patients with orders, and the signed events a station writes.

Each station is a user on their own device with a signing key registered for that pair, as after
a real first login; the bench issues the stations' tokens directly (logins happen once a shift
and are not what a steady ward load is made of)."""

from __future__ import annotations

import base64
import json
import math
import random
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from _common import (  # type: ignore[import-not-found]
    PASSWORD,
    administration_payload,
    admission_payload,
    note_payload,
    order_payload,
    vitals_payload,
)

from workstation.clock import now_iso
from workstation.events.envelope import Event
from workstation.ids import uuid7
from workstation.security import signing

STATIONS_PER_WARD = 25  # 20 nurses' and 5 doctors' PCs: a 40-bed ward of a large hospital
DOCTORS_PER_WARD = 5
PATIENTS_PER_WARD = 33  # 40 beds at the ~83 % occupancy of bench/README.md
ORDERS_PER_PATIENT = 2
WARD_MIX = {"nurse": ("VitalsRecorded", "MedicationAdministered"),
            "physician": ("NoteSigned", "OrderPlaced")}  # fmt: skip


@dataclass
class Station:
    """What one simulated station knows: who is logged in, its key, its ward's patients."""

    index: int
    role: str
    ward_id: str
    user_id: str
    device_id: str
    private_key: str  # base64 of the 32 raw bytes
    server: str = ""
    access_token: str = ""
    cursor: int = 0
    patients: list[str] = field(default_factory=list)
    orders: dict[str, list[str]] = field(default_factory=dict)  # patient -> order ids
    device_seq: int = 0

    def event(self, event_type: str, patient_id: str | None, payload: dict[str, Any]) -> Event:
        """The next event of this device, signed by its user."""
        self.device_seq += 1
        event = Event(uuid7(), event_type, patient_id, self.user_id, self.device_id,
                      self.device_seq, now_iso(), payload)  # fmt: skip
        key = base64.b64decode(self.private_key)
        return event.with_signature(signing.sign(key, signing.EVENT_PURPOSE, event.signing_bytes()))

    def ward_events(self, rng: random.Random, count: int) -> list[Event]:
        """`count` events of this station's kind of work on random patients of its ward."""
        made = []
        for _ in range(count):
            kind = rng.choice(WARD_MIX["physician" if self.role == "physician" else "nurse"])
            patient = rng.choice(self.patients)
            made.append(self.event(kind, patient, self._payload(rng, kind, patient)))
        return made

    def _payload(self, rng: random.Random, kind: str, patient: str) -> dict[str, Any]:
        if kind == "VitalsRecorded":
            return vitals_payload(rng)
        if kind == "MedicationAdministered":
            return {**administration_payload(rng.randint(0, 2)),
                    "order_id": rng.choice(self.orders[patient])}  # fmt: skip
        if kind == "NoteSigned":
            return note_payload(rng, rng.randint(1, 7))
        return order_payload(rng)


def ward_count(stations: int) -> int:
    """Wards needed for this many stations."""
    return max(1, math.ceil(stations / STATIONS_PER_WARD))


def ward_id(n: int) -> str:
    """The bench's n-th ward."""
    return f"LOAD{n:03d}"


def create_hospital(engine: Any, stations: int) -> list[Station]:
    """Wards, users, devices and keys in the server database; patients and orders are admitted
    through the server's own push (signed by each ward's first doctor)."""
    from workstation.server import auth, devices, refdata, signing_keys
    from workstation.server.db import writer

    made: list[Station] = []
    with writer(engine) as conn:
        for n in range(ward_count(stations)):
            refdata.add_ward(conn, ward_id=ward_id(n), name_en=f"Load ward {n}",
                             name_zh=f"负载病区{n}", beds=[str(b) for b in range(1, 41)])  # fmt: skip
        for i in range(stations):
            role = "physician" if i % STATIONS_PER_WARD < DOCTORS_PER_WARD else "nurse"
            ward = ward_id(i // STATIONS_PER_WARD)
            user_id = auth.add_user(conn, username=f"load.{i}", password=PASSWORD,
                                    display_name=f"Load {i}", role=role, wards=[ward])  # fmt: skip
            device_id = f"load-device-{i}"
            devices.register(conn, device_id=device_id, ward_id=ward)
            key = signing.new_private_key()
            signing_keys.register(conn, user_id=user_id, device_id=device_id,
                                  public_key=signing.public_key_of(key))  # fmt: skip
            made.append(Station(i, role, ward, user_id, device_id,
                                base64.b64encode(key).decode("ascii")))  # fmt: skip
        refdata.publish_directory(conn)
    _admit_patients(engine, made)
    return made


def _admit_patients(engine: Any, stations: list[Station]) -> None:
    from workstation.server import sync
    from workstation.server.auth import all_users
    from workstation.server.db import reader

    with reader(engine) as conn:
        users = all_users(conn)
    rng = random.Random(5)
    doctors = {s.ward_id: s for s in reversed(stations) if s.role == "physician"}
    patients: dict[str, list[str]] = {}
    orders: dict[str, dict[str, list[str]]] = {}
    for ward, doctor in sorted(doctors.items()):
        batch: list[Event] = []
        for bed in range(PATIENTS_PER_WARD):
            number = 1000 * int(ward[-3:]) + bed
            admit = doctor.event("PatientAdmitted", uuid7(), admission_payload(rng, number, ward))
            batch.append(admit)
            patients.setdefault(ward, []).append(admit.patient_id or "")
            # recorded, so that the stations' doses are not held as first doses without it
            batch.append(doctor.event("NoKnownAllergiesRecorded", admit.patient_id,
                                      {"source": "patient"}))  # fmt: skip
            for _ in range(ORDERS_PER_PATIENT):
                order = doctor.event("OrderPlaced", admit.patient_id, order_payload(rng))
                batch.append(order)
                orders.setdefault(ward, {}).setdefault(admit.patient_id or "", []).append(
                    order.event_id
                )
        results = sync.push(engine, pusher=users[doctor.user_id], device_id=doctor.device_id,
                            wire_events=[e.to_wire() for e in batch])["results"]  # fmt: skip
        refused = [r for r in results if r["status"] != "accepted"]
        if refused:
            raise RuntimeError(f"admitting the load ward {ward} failed: {refused[:3]}")
    for station in stations:
        station.patients = patients[station.ward_id]
        station.orders = orders[station.ward_id]


def issue_tokens(engine: Any, stations: list[Station], servers: list[str]) -> None:
    """Fresh access tokens (they last 15 minutes), an up-to-date pull cursor and the device's
    next sequence number for each station, spread over the server processes as the stations'
    address lists would spread them."""
    from sqlalchemy import func, select

    from workstation.server import auth
    from workstation.server.db import reader, writer
    from workstation.server.models import events

    with reader(engine) as conn:
        users = auth.all_users(conn)
        watermark = conn.execute(select(func.max(events.c.server_seq))).scalar() or 0
        last_seq = dict(conn.execute(select(events.c.device_id, func.max(events.c.device_seq))
                                     .group_by(events.c.device_id)).all())  # fmt: skip
    with writer(engine) as conn:
        for station in stations:
            tokens = auth.issue_tokens(conn, users[station.user_id], station.device_id)
            station.access_token = tokens["access_token"]
            station.server = servers[station.index % len(servers)]
            station.cursor = watermark
            # a later run goes on from what the last one pushed (locust's counters are its own)
            station.device_seq = max(station.device_seq, last_seq.get(station.device_id) or 0)


def save(stations: list[Station], path: Path) -> None:
    """Write the stations for the locust processes to read."""
    path.write_text(json.dumps([asdict(s) for s in stations]), encoding="utf-8")


def load(path: Path) -> list[Station]:
    """Read the stations written by `save`."""
    return [Station(**item) for item in json.loads(path.read_text(encoding="utf-8"))]

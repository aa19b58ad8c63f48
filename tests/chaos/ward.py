"""A ward of workstations for the chaos scenarios: staff logged in, patients admitted, offline work."""

from __future__ import annotations

import contextlib
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from offline_cache.link import Offline
from offline_cache.sync_client import SyncReport
from offline_cache.workstation import Workstation
from tests.chaos import clinical
from tests.chaos.conftest import PASSWORD, Site
from tests.chaos.invariants import CursorLog
from workstation.events.envelope import Event


@dataclass
class Ward:
    """Three workstations of one ward (physician, nurse, second physician) and their patients."""

    site: Site
    stations: dict[str, Workstation]
    log: CursorLog
    patients: list[str] = field(default_factory=list)
    saved: dict[str, list[Event]] = field(default_factory=dict)
    reports: list[SyncReport] = field(default_factory=list)

    def sync(self, name: str) -> bool:
        """One sync of one workstation; False when it could not reach the server."""
        try:
            self.reports.append(self.stations[name].sync())
        except Offline:
            return False
        self.log.record(name, self.stations[name])
        return True

    def sync_all(self) -> int:
        """One sync of every workstation; how many succeeded."""
        return sum(self.sync(name) for name in self.stations)

    def record(self, name: str, rng: random.Random, count: int) -> None:
        """Ward work on one workstation, on the patients its census shows."""
        ws = self.stations[name]
        visible = sorted(p["patient_id"] for p in ws.census(self.site.ward_id))
        if visible:
            self.saved.setdefault(name, []).extend(clinical.record_round(ws, rng, visible, count))


def staff_ward(
    site: Site, open_ws: Callable[[str], Workstation], urls: list[str], log: CursorLog
) -> Ward:
    """Open and log in the physician's, the nurse's and the second physician's workstations."""
    users = {"doctor": site.physician, "nurse": site.nurse, "doctor2": site.second_physician}
    stations = {}
    for (name, username), url in zip(users.items(), urls, strict=True):
        ws = open_ws(url)
        ws.login(username, PASSWORD)
        stations[name] = ws
    return Ward(site, stations, log)


def admit_and_share(ward: Ward, rng: random.Random, patients: int = 2) -> None:
    """The physician admits patients and orders their medicines; everyone syncs to see them."""
    doctor = ward.stations["doctor"]
    for _ in range(patients):
        patient_id = clinical.admit(doctor, rng, ward_id=ward.site.ward_id)
        ward.patients.append(patient_id)
        order = clinical.record_order(doctor, rng, patient_id)
        ward.saved.setdefault("doctor", []).append(order)
    for _ in range(2):  # the second round lets the others pull what the first pushed
        with contextlib.suppress(Offline):
            ward.sync_all()


def offline_shift(ward: Ward, rng: random.Random, per_station: int) -> None:
    """Every workstation records ward work while the network is down (the nurse also slips once)."""
    for name in ward.stations:
        ward.record(name, rng, per_station)
    nurse = ward.stations["nurse"]
    wrong = clinical.record_forbidden(nurse, ward.patients[0])
    given = nurse.record("MedicationAdministered", patient_id=ward.patients[0], payload={
        "order_id": wrong.event_id, "outcome": "given", "administered_at": wrong.recorded_at,
        "dose_value": 500, "dose_unit": "mg", "route": "po",
    })  # fmt: skip
    ward.saved["nurse"] += [wrong, given]

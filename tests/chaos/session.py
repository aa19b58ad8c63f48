"""A random offline session of one ward's three workstations, each behind its own fault proxy:
steps of record / go offline / come online / sync / change faults / admit / a refused order,
then quiescence and the invariants. Used by the property test and by bench/chaos_soak.py."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from offline_cache.workstation import Workstation
from tests.chaos import clinical
from tests.chaos.conftest import FAST_LINK, SLOW_FAULT_SECONDS, Site
from tests.chaos.fault_proxy import FAULTS, FaultProxy
from tests.chaos.invariants import CursorLog, invariant_problems, sync_to_quiescence
from tests.chaos.ward import Ward, admit_and_share, staff_ward

ACTIONS = ("record", "record", "offline", "online", "sync", "sync", "faults", "admit", "refused")
STATIONS = ("doctor", "nurse", "doctor2")


@dataclass(frozen=True)
class Step:
    """One thing that happens at one workstation."""

    action: str
    station: int
    amount: int = 1
    fault: str = "pass"


@dataclass
class Outcome:
    """What a session did and what the invariants found."""

    problems: list[str]
    saved: int
    rejected: int
    sync_rounds: int
    faults: Counter[str] = field(default_factory=Counter)


def random_steps(rng: random.Random, count: int, faults: Sequence[str] = FAULTS) -> list[Step]:
    """A random session for the soak (the property test draws its own with hypothesis)."""
    return [
        Step(rng.choice(ACTIONS), rng.randrange(3), rng.randint(1, 8), rng.choice(list(faults)))
        for _ in range(count)
    ]


def _apply(ward: Ward, proxies: list[FaultProxy], step: Step, rng: random.Random) -> None:
    name, proxy = STATIONS[step.station], proxies[step.station]
    if step.action == "record":
        ward.record(name, rng, step.amount)
    elif step.action == "offline":
        proxy.offline = True
    elif step.action == "online":
        proxy.offline = False
    elif step.action == "sync":
        ward.sync(name)
    elif step.action == "faults":
        proxy.set_faults({step.fault: 1.0, "pass": 2.0})
    elif step.action == "admit":  # only physicians admit
        doctor = "doctor2" if name == "doctor2" else "doctor"
        ward.patients.append(clinical.admit(ward.stations[doctor], rng, ward_id=ward.site.ward_id))
    elif step.action == "refused":
        nurse = ward.stations["nurse"]
        visible = [p["patient_id"] for p in nurse.census(ward.site.ward_id)]
        if visible:
            ward.saved.setdefault("nurse", []).append(
                clinical.record_forbidden(nurse, rng.choice(visible))
            )


def run_session(server: Engine, server_port: int, site: Site, steps: Sequence[Step], *, seed: int,
                data_root: Path) -> Outcome:  # fmt: skip
    """Play the steps, then bring every link back, sync to quiescence and check the invariants."""
    rng = random.Random(seed)
    proxies = [
        FaultProxy(server_port, seed=seed * 10 + i, slow_seconds=SLOW_FAULT_SECONDS).start()
        for i in range(3)
    ]
    opened: list[Workstation] = []

    def open_ws(url: str) -> Workstation:
        ws = Workstation.open(
            data_root / f"ws{len(opened)}", server_url=url, ward_id=site.ward_id, **FAST_LINK
        )
        opened.append(ws)
        return ws

    try:
        log = CursorLog()
        ward = staff_ward(site, open_ws, [p.url for p in proxies], log)
        admit_and_share(ward, rng, patients=1)
        for step in steps:
            _apply(ward, proxies, step, rng)
        for proxy in proxies:
            proxy.offline = False
            proxy.set_faults(None)
        for proxy in proxies:
            proxy.wait_idle()
        reports = sync_to_quiescence(ward.stations, log)
        return Outcome(
            problems=invariant_problems(server, ward.stations, log),
            saved=sum(len(events) for events in ward.saved.values()) + 2 * len(ward.patients),
            rejected=sum(len(ws.needs_attention()) for ws in ward.stations.values()),
            sync_rounds=len(reports) // len(ward.stations),
            faults=sum((p.counts for p in proxies), Counter()),
        )
    finally:
        for proxy in proxies:
            proxy.stop()
        for ws in opened:
            ws.close()

"""Three workstations recording and syncing at the same time, through lost answers: the pages a
workstation pulls, read at its proxy, cover every server row up to its cursor (no row skipped
while other pushes commit)."""

from __future__ import annotations

import random
import threading
from collections.abc import Callable

import orjson
import pytest
from sqlalchemy import Engine, select

from offline_cache.link import Offline
from offline_cache.sync_client import SyncReport
from offline_cache.workstation import Workstation
from tests.chaos import clinical
from tests.chaos.conftest import Site
from tests.chaos.fault_proxy import Answer, FaultProxy, Request
from tests.chaos.invariants import CursorLog, assert_invariants, sync_to_quiescence
from tests.chaos.ward import admit_and_share, staff_ward
from workstation.server.models import events

pytestmark = pytest.mark.chaos

ROUNDS = 8


def _shift(
    ws: Workstation, name: str, seed: int, log: CursorLog, reports: list[SyncReport]
) -> None:
    rng = random.Random(seed)
    for _round in range(ROUNDS):
        patients = [p["patient_id"] for p in ws.census()]
        clinical.record_round(ws, rng, patients, rng.randint(1, 6))
        try:
            reports.append(ws.sync())
        except Offline:
            continue
        log.record(name, ws)


class PullRecorder:
    """Collects the event ids and cursors of the pull pages one workstation received."""

    def __init__(self) -> None:
        self.event_ids: set[str] = set()
        self.cursor = 0

    def __call__(self, request: Request, answer: Answer) -> None:
        if request.path.startswith("/sync/pull") and answer.status == 200:
            page = orjson.loads(answer.body)
            self.event_ids.update(item["event_id"] for item in page["events"])
            self.cursor = max(self.cursor, page["next_after"])


def _skipped(server: Engine, recorder: PullRecorder) -> list[int]:
    """server_seq of rows at or below the cursor that no page carried."""
    with server.connect() as conn:
        rows = conn.execute(
            select(events.c.event_id, events.c.server_seq).where(
                events.c.server_seq <= recorder.cursor
            )
        )
        return sorted(r.server_seq for r in rows if r.event_id not in recorder.event_ids)


def test_concurrent_syncs_skip_nothing(
    site: Site, server_engine: Engine, make_proxy: Callable[..., FaultProxy],
    open_workstation: Callable[..., Workstation], cursor_log: CursorLog,
) -> None:  # fmt: skip
    """Parallel shifts on three workstations; pulls alone bring every row (no backfill needed)."""
    proxies = [make_proxy(seed=21 + n, paths=("/sync/push",)) for n in range(3)]
    urls = [p.url for p in proxies]
    ward = staff_ward(site, lambda url: open_workstation(url, site.ward_id), urls, cursor_log)
    recorders = [PullRecorder() for _ in proxies]
    for proxy, recorder in zip(proxies, recorders, strict=True):
        proxy.delivered = recorder
    admit_and_share(ward, random.Random("concurrent"), patients=3)
    for proxy in proxies:
        proxy.set_faults({"drop_response": 1.0, "pass": 4.0})
    reports: list[SyncReport] = []
    errors: list[BaseException] = []

    def shift(name: str, seed: int) -> None:
        try:
            _shift(ward.stations[name], name, seed, cursor_log, reports)
        except BaseException as exc:  # noqa: BLE001 - reported by the test thread
            errors.append(exc)

    threads = [
        threading.Thread(target=shift, args=(name, n)) for n, name in enumerate(ward.stations)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=240)
    assert not errors, errors
    for proxy in proxies:
        proxy.set_faults(None)
        proxy.wait_idle()
    reports += sync_to_quiescence(ward.stations, cursor_log)
    assert_invariants(server_engine, ward.stations, cursor_log)
    for name, recorder in zip(ward.stations, recorders, strict=True):
        assert _skipped(server_engine, recorder) == [], (
            f"{name}'s pulls skipped rows below its cursor"
        )
    assert sum(p.counts["drop_response POST /sync/push"] for p in proxies) >= 1


def test_digest_check_does_not_race_a_colleagues_push(
    site: Site, make_proxy: Callable[..., FaultProxy], open_workstation: Callable[..., Workstation],
    cursor_log: CursorLog,
) -> None:  # fmt: skip
    """A colleague pushing between this PC's pull and its digest check is not a mismatch."""
    proxies = [make_proxy(seed=n) for n in range(3)]
    urls = [p.url for p in proxies]
    ward = staff_ward(site, lambda url: open_workstation(url, site.ward_id), urls, cursor_log)
    admit_and_share(ward, random.Random("digest-race"), patients=1)
    nurse = ward.stations["nurse"]

    def colleague_pushes_first(request: Request) -> None:
        if request.path.startswith("/sync/digest") and proxies[0].before_forward is not None:
            proxies[0].before_forward = None
            clinical.record_round(nurse, random.Random(1), ward.patients, 1)
            nurse.sync()

    proxies[0].before_forward = colleague_pushes_first
    report = ward.stations["doctor"].sync()
    assert proxies[0].before_forward is None, "the colleague's push did not happen"
    assert report.backfilled == [] and report.mismatched == []

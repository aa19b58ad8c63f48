"""kill -9 of a workstation process mid-write and mid-sync: every event it said was saved is in
its replica when it is opened again, and reaches the server exactly once."""

from __future__ import annotations

import random
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from offline_cache.tables import local_events
from offline_cache.workstation import Workstation
from tests.chaos.conftest import PASSWORD, Site
from tests.chaos.fault_proxy import FaultProxy, Request
from tests.chaos.invariants import CursorLog, assert_invariants, sync_to_quiescence
from tests.chaos.processes import Worker
from workstation.server.models import events

pytestmark = pytest.mark.chaos

# How each run of the worker ends: after some saves, while its push is at the server, or as a sync starts.
ENDINGS = ("write", "push", "write", "sync", "write")


def _replica_events(
    open_ws: Callable[..., Workstation], url: str, ward_id: str, data_dir: Path
) -> dict[str, str]:
    """event_id -> state of every event in the replica, read by opening it again."""
    ws = open_ws(url, ward_id, data_dir=data_dir)
    try:
        with ws.store.reading() as conn:
            return dict(conn.execute(select(local_events.c.event_id, local_events.c.state)).all())
    finally:
        ws.close()


def _on_server(server: Engine, event_ids: list[str]) -> set[str]:
    with server.connect() as conn:
        return {
            r[0]
            for r in conn.execute(select(events.c.event_id).where(events.c.event_id.in_(event_ids)))
        }


def _committed_by_the_server(server: Engine, event_ids: list[str], seconds: float = 60) -> bool:
    """True once the server holds some of event_ids. The workstation is killed as its push goes
    out, before the server answers: the server goes on and commits a moment later, so look until
    it has (bounded), not once."""
    deadline = time.monotonic() + seconds
    while not _on_server(server, event_ids):
        if not event_ids or time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def _kill_on_push(worker: Worker) -> Callable[[Request], None]:
    def hook(request: Request) -> None:
        if request.path.startswith("/sync/push") and worker.said("saved"):
            worker.kill()  # the server has the batch; the workstation never hears back

    return hook


def _run_until_killed(worker: Worker, ending: str, rng: random.Random, proxy: FaultProxy) -> None:
    if ending == "push":
        proxy.after_forward = _kill_on_push(worker)
    worker.start()
    if ending == "write":
        worker.wait_for("saved", count=rng.randint(3, 25))
        worker.kill()
    elif ending == "sync":
        worker.wait_for("syncing", count=rng.randint(1, 2))
        worker.kill()
    else:
        worker.wait_exit()
    proxy.after_forward = None


def test_killed_workstation_keeps_every_saved_event(
    site: Site, server_engine: Engine, make_proxy: Callable[..., FaultProxy],
    open_workstation: Callable[..., Workstation], cursor_log: CursorLog, tmp_path: Path,
) -> None:  # fmt: skip
    """Five hard kills of one workstation; then its replica, the server and a colleague's replica agree."""
    rng = random.Random("kill-9")
    proxy = make_proxy(seed=9)
    data_dir = tmp_path / "crashing-ws"
    printed: list[str] = []
    for number, ending in enumerate(ENDINGS):
        worker = Worker(data_dir, proxy.url, site.ward_id, site.physician, PASSWORD,
                        events=2000, sync_every=7, seed=number)  # fmt: skip
        _run_until_killed(worker, ending, rng, proxy)
        assert worker.wait_exit() == -signal.SIGKILL, worker.stderr()
        printed += worker.said("saved")
        replica = _replica_events(open_workstation, proxy.url, site.ward_id, data_dir)
        missing = set(printed) - set(replica)
        assert not missing, (
            f"after the kill during {ending}, saved events are gone: {sorted(missing)}"
        )
        if ending == "push":  # the server committed a batch the workstation still holds as unsent
            pending = [event_id for event_id, state in replica.items() if state == "pending"]
            assert _committed_by_the_server(server_engine, pending), (
                "the kill did not land between commit and answer"
            )

    crashed = open_workstation(proxy.url, site.ward_id, data_dir=data_dir)
    crashed.login(site.physician, PASSWORD)
    colleague = open_workstation(proxy.url, site.ward_id)
    colleague.login(site.nurse, PASSWORD)
    stations = {"crashed": crashed, "colleague": colleague}
    sync_to_quiescence(stations, cursor_log)
    assert_invariants(server_engine, stations, cursor_log)
    assert crashed.needs_attention() == []
    assert len(printed) >= 3 * len(ENDINGS) - 2

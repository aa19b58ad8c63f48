"""Workstation clocks eight minutes ahead and behind (faketime): the server orders events by
arrival, stamps them with its own clock, and the workstations show the skew warning. (A clock
further off than MAX_CLOCK_SKEW_S has its events refused: tests/security.)"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from offline_cache.workstation import Workstation
from tests.chaos.conftest import PASSWORD, Site
from tests.chaos.fault_proxy import FaultProxy
from tests.chaos.invariants import CursorLog, assert_invariants, sync_to_quiescence
from tests.chaos.processes import Worker
from workstation.clock import parse_iso, utc_now
from workstation.server.models import events

pytestmark = pytest.mark.chaos

OFF = timedelta(minutes=8)  # past the 5-minute warning, inside the server's 10-minute bound
# The two workstations take turns, so arrival order and clock order disagree.
TURNS = (("+8m", "ahead"), ("-8m", "behind"), ("+8m", "ahead"), ("-8m", "behind"))


def _run_turn(data_dir: Path, url: str, site: Site, username: str, clock: str, seed: int) -> Worker:
    worker = Worker(
        data_dir,
        url,
        site.ward_id,
        username,
        PASSWORD,
        events=6,
        sync_every=3,
        seed=seed,
        clock=clock,
    )
    worker.start()
    assert worker.wait_exit() == 0, worker.stderr()
    return worker


def test_skewed_clocks_do_not_order_events(
    site: Site, server_engine: Engine, make_proxy: Callable[..., FaultProxy],
    open_workstation: Callable[..., Workstation], cursor_log: CursorLog, tmp_path: Path,
) -> None:  # fmt: skip
    """Turns of a +8 min and a -8 min workstation land on the server in the order they arrived."""
    proxy = make_proxy(seed=13)
    stations = {
        "ahead": (tmp_path / "ahead", site.physician),
        "behind": (tmp_path / "behind", site.second_physician),
    }
    turns: list[tuple[str, list[str]]] = []
    for seed, (clock, name) in enumerate(TURNS):
        data_dir, username = stations[name]
        worker = _run_turn(data_dir, proxy.url, site, username, clock, seed)
        status = worker.statuses()[-1]
        assert status["waiting"] == 0
        assert status["clock_warning"] and f" {name} " in f" {status['clock_warning']} ", status
        turns.append((name, worker.said("saved")))

    with server_engine.connect() as conn:
        rows = {r.event_id: r for r in conn.execute(select(events))}
    now = utc_now()
    for (_name, ids), (_next_name, next_ids) in zip(turns, turns[1:], strict=False):
        assert max(rows[i].server_seq for i in ids) < min(rows[i].server_seq for i in next_ids)
    for name, ids in turns:
        for event_id in ids:
            recorded, received = (
                parse_iso(rows[event_id].recorded_at),
                parse_iso(rows[event_id].received_at),
            )
            assert abs(received - now) < timedelta(minutes=10)  # the server's own clock
            skew = recorded - received
            assert (
                (skew > OFF - timedelta(minutes=2))
                if name == "ahead"
                else (skew < -OFF + timedelta(minutes=2))
            )

    replicas = {
        name: open_workstation(proxy.url, site.ward_id, data_dir=d)
        for name, (d, _u) in stations.items()
    }
    for name, ws in replicas.items():
        ws.login(stations[name][1], PASSWORD)
    sync_to_quiescence(replicas, cursor_log)
    assert_invariants(server_engine, replicas, cursor_log)
    assert all(
        ws.status().clock_warning is None for ws in replicas.values()
    )  # this process's clock is right

"""Workstation clocks eight minutes ahead and behind (faketime; past the five-minute warning,
within the server's ten-minute bound on device time): the server orders events by arrival,
stamps them with its own clock, and the workstations show the skew warning. A clock a day
ahead is past the bound: its events are refused `future_dated` and stay in the station's
needs-attention list, never lost (workstation.server.device_clock)."""

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
from workstation.clock import MAX_CLOCK_SKEW_S, parse_iso, utc_now
from workstation.server.models import events

pytestmark = pytest.mark.chaos

SKEW = timedelta(minutes=8)
# The two workstations take turns, so arrival order and clock order disagree.
TURNS = (("+8m", "ahead"), ("-8m", "behind"), ("+8m", "ahead"), ("-8m", "behind"))
assert timedelta(seconds=MAX_CLOCK_SKEW_S) > SKEW


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
    """Turns of a +8 min and a -8 min workstation land on the server in the order they arrived;
    a workstation a day ahead has every event refused and kept in its needs-attention list."""
    proxy = make_proxy(seed=13)
    stations = {
        "ahead": (tmp_path / "ahead", site.physician),
        "behind": (tmp_path / "behind", site.second_physician),
        "a day ahead": (tmp_path / "day", site.physician),
    }
    turns: list[tuple[str, list[str]]] = []
    for seed, (clock, name) in enumerate(TURNS):
        data_dir, username = stations[name]
        worker = _run_turn(data_dir, proxy.url, site, username, clock, seed)
        status = worker.statuses()[-1]
        assert status["waiting"] == 0
        assert status["clock_warning"] and f" {name} " in f" {status['clock_warning']} ", status
        turns.append((name, worker.said("saved")))
    day = _run_turn(tmp_path / "day", proxy.url, site, site.physician, "+24h", len(TURNS))

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
            assert (skew > SKEW - timedelta(minutes=3)) if name == "ahead" else (skew < -SKEW)
        assert not set(day.said("saved")) & set(rows)  # none of the day-ahead events got in

    replicas = {
        name: open_workstation(proxy.url, site.ward_id, data_dir=d)
        for name, (d, _u) in stations.items()
    }
    for name, ws in replicas.items():
        ws.login(stations[name][1], PASSWORD)
    sync_to_quiescence(replicas, cursor_log)
    assert_invariants(server_engine, replicas, cursor_log)  # a refused event is in needs_attention
    refused = replicas["a day ahead"].needs_attention()
    assert {r["reject_code"] for r in refused} == {"future_dated"}  # its admission too
    assert set(day.said("saved")) & {r["event_id"] for r in refused}
    assert all(
        ws.status().clock_warning is None for ws in replicas.values()
    )  # this process's clock is right

"""The server restarted (SIGTERM) or killed (SIGKILL) while a push is in its hands."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest
from sqlalchemy import Engine

from offline_cache.workstation import Workstation
from tests.chaos.conftest import Site
from tests.chaos.fault_proxy import FaultProxy, Request
from tests.chaos.invariants import (
    CursorLog,
    assert_invariants,
    server_event_count,
    sync_to_quiescence,
)
from tests.chaos.ward import admit_and_share, offline_shift, staff_ward
from tests.support.live_server import LiveServer

pytestmark = pytest.mark.chaos

CRASHES = 3


class CrashOnPush:
    """A proxy hook that stops or kills the server right after a push reached it, a few times."""

    def __init__(self, server: LiveServer, how: str, times: int):
        self.server, self.how, self.left = server, how, times
        self.pushes = 0

    def __call__(self, request: Request) -> None:
        if not request.path.startswith("/sync/push") or self.left == 0:
            return
        self.pushes += 1
        if self.pushes % 2 == 1:  # every other push, so that some get through in between
            self.left -= 1
            self.server.kill() if self.how == "kill" else self.server.stop()


@pytest.mark.parametrize("how", ["restart", "kill"])
def test_server_crash_mid_push(
    how: str, site: Site, server_engine: Engine, live_server: LiveServer,
    make_proxy: Callable[..., FaultProxy], open_workstation: Callable[..., Workstation],
    cursor_log: CursorLog,
) -> None:  # fmt: skip
    """Pushes interrupted by server restarts or crashes end with every event on the server once."""
    rng = random.Random(f"server-{how}")
    proxy = make_proxy(seed=3)
    ward = staff_ward(
        site, lambda url: open_workstation(url, site.ward_id), [proxy.url] * 3, cursor_log
    )
    admit_and_share(ward, rng)
    proxy.offline = True
    offline_shift(ward, rng, per_station=60)
    for ws in ward.stations.values():
        ws.sync_client.batch_size = 20
    proxy.offline = False

    crash = CrashOnPush(live_server, how, CRASHES)
    proxy.after_forward = crash

    def bring_back() -> None:
        if not live_server.running:
            live_server.start()

    sync_to_quiescence(ward.stations, cursor_log, before_sync=bring_back)
    proxy.after_forward = None
    assert crash.left == 0, "the server was not crashed as often as planned"
    assert_invariants(server_engine, ward.stations, cursor_log)
    devices = [ws.store.device_id for ws in ward.stations.values()]
    recorded = sum(len(events) for events in ward.saved.values()) + 2 * len(ward.patients)
    assert (
        server_event_count(server_engine, devices) == recorded - 2
    )  # all but the nurse's refused pair

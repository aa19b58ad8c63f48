"""Each network fault between three ward workstations and the server: after offline work and
syncing through the fault, nothing is lost and nothing is recorded twice."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest
from sqlalchemy import Engine

from offline_cache.workstation import Workstation
from tests.chaos.conftest import Site
from tests.chaos.fault_proxy import FaultProxy
from tests.chaos.invariants import (
    CursorLog,
    assert_invariants,
    server_event_count,
    sync_to_quiescence,
)
from tests.chaos.ward import admit_and_share, offline_shift, staff_ward

pytestmark = pytest.mark.chaos

# fault -> its weight against "pass" while the workstations sync through it
FAULT_WEIGHTS = {
    "drop_request": 1.0, "drop_response": 1.0, "duplicate": 1.0, "error_before": 1.0,
    "error_after": 1.0,
    "reorder": 0.2, "slow": 0.15,  # each hit costs a client timeout (a second)
}  # fmt: skip
# Faults the client sees as an answer it did not get for a push the server did commit.
REPLAYED = {"drop_response", "duplicate", "error_after"}


@pytest.mark.parametrize("fault", sorted(FAULT_WEIGHTS))
def test_fault_loses_and_duplicates_nothing(
    fault: str, site: Site, server_engine: Engine, make_proxy: Callable[..., FaultProxy],
    open_workstation: Callable[..., Workstation], cursor_log: CursorLog,
) -> None:  # fmt: skip
    """Offline work on three workstations, synced through one fault, reaches a consistent ward."""
    rng = random.Random(f"network-{fault}")
    proxy = make_proxy(seed=sorted(FAULT_WEIGHTS).index(fault), paths=("/sync/push", "/sync/pull"))
    ward = staff_ward(
        site, lambda url: open_workstation(url, site.ward_id), [proxy.url] * 3, cursor_log
    )
    admit_and_share(ward, rng)

    proxy.offline = True
    offline_shift(ward, rng, per_station=10)
    for ws in ward.stations.values():
        ws.sync_client.batch_size = 5  # several pushes per sync, so the fault meets pushes

    proxy.offline = False
    proxy.set_faults(
        {fault: FAULT_WEIGHTS[fault], "pass": 1.0}, script=[fault]
    )  # the first push meets it
    for _round in range(3):
        ward.sync_all()
    proxy.set_faults(None)
    proxy.wait_idle()
    sync_to_quiescence(ward.stations, cursor_log)

    assert proxy.counts[f"{fault} POST /sync/push"] >= 1, dict(proxy.counts)
    if fault in REPLAYED:  # the retry of a push the server had committed came back as duplicates
        assert sum(report.duplicates for report in ward.reports) >= 1
    assert_invariants(server_engine, ward.stations, cursor_log)
    nurse = ward.stations["nurse"]
    assert [item["reject_code"] for item in nurse.needs_attention()] == ["forbidden"]
    assert (
        nurse.status().waiting == 1
    )  # the administration of the refused order waits for its author
    devices = [ws.store.device_id for ws in ward.stations.values()]
    recorded = sum(len(events) for events in ward.saved.values()) + 2 * len(ward.patients)
    assert server_event_count(server_engine, devices) == recorded - 2  # all but the refused pair

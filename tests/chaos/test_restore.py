"""The server is lost and an OLDER backup is restored into a fresh database: the new epoch makes
the workstations offer again what the server lacks, and every event ends up there exactly once."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from pathlib import Path

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
from tests.support.live_server import LiveServer
from workstation.server.db import make_engine

pytestmark = pytest.mark.chaos
backup = pytest.importorskip("workstation.server.backup")


@pytest.fixture
def fresh_database_url(
    database_url: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[str]:
    """A second empty database on the same backend, to restore into."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'restored.db'}"
        return
    cluster = request.getfixturevalue("pg_cluster")
    url = cluster.create_database()
    yield url
    cluster.drop_database(url)


def test_restore_of_older_backup_gets_everything_back(
    site: Site, server_engine: Engine, live_server: LiveServer, fresh_database_url: str,
    make_proxy: Callable[..., FaultProxy], open_workstation: Callable[..., Workstation],
    cursor_log: CursorLog, tmp_path: Path,
) -> None:  # fmt: skip
    """Synced-before-backup, synced-after-backup and never-synced work all reach the restored server."""
    rng = random.Random("restore")
    proxy = make_proxy(seed=11)
    ward = staff_ward(
        site, lambda url: open_workstation(url, site.ward_id), [proxy.url] * 3, cursor_log
    )
    admit_and_share(ward, rng)
    for name in ward.stations:
        ward.record(name, rng, 5)
    ward.sync_all()
    backup.backup(server_engine, tmp_path / "nightly.backup")
    for name in ward.stations:  # synced after the backup: the restored server will lack these
        ward.record(name, rng, 8)
    ward.sync_all()
    ward.sync_all()
    lost_by_restore = server_event_count(server_engine)
    proxy.offline = True
    offline_shift(ward, rng, per_station=4)  # never reached the old server
    live_server.stop()

    restored_engine = make_engine(fresh_database_url)
    backup.restore(restored_engine, tmp_path / "nightly.backup")
    assert server_event_count(restored_engine) < lost_by_restore
    with LiveServer(fresh_database_url, log_dir=tmp_path) as restored:
        proxy.upstream = ("127.0.0.1", restored.port)
        proxy.offline = False
        reports = sync_to_quiescence(ward.stations, cursor_log)
        assert sum(report.epoch_changed for report in reports) == len(ward.stations)
        assert_invariants(restored_engine, ward.stations, cursor_log)
    devices = [ws.store.device_id for ws in ward.stations.values()]
    recorded = sum(len(events) for events in ward.saved.values()) + 2 * len(ward.patients)
    assert (
        server_event_count(restored_engine, devices) == recorded - 2
    )  # all but the nurse's refused pair
    restored_engine.dispose()

"""The invariant checks themselves: each one fails on the damage it exists to find."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest
from sqlalchemy import Engine, delete, select, update

from offline_cache.workstation import Workstation
from tests.chaos.conftest import Site
from tests.chaos.fault_proxy import FaultProxy
from tests.chaos.invariants import CursorLog, invariant_problems, sync_to_quiescence
from tests.chaos.ward import admit_and_share, staff_ward
from workstation.projections import tables as pt
from workstation.server.models import events

pytestmark = pytest.mark.chaos


def test_invariants_name_lost_events_drifted_projections_and_rewound_cursors(
    site: Site, server_engine: Engine, make_proxy: Callable[..., FaultProxy],
    open_workstation: Callable[..., Workstation], cursor_log: CursorLog,
) -> None:  # fmt: skip
    """A clean ward passes; a deleted server event, an edited replica row and a rewound cursor do not."""
    rng = random.Random("detect")
    proxy = make_proxy()
    ward = staff_ward(
        site, lambda url: open_workstation(url, site.ward_id), [proxy.url] * 3, cursor_log
    )
    admit_and_share(ward, rng)
    ward.record("nurse", rng, 4)
    sync_to_quiescence(ward.stations, cursor_log)
    assert invariant_problems(server_engine, ward.stations, cursor_log) == []

    lost = ward.saved["nurse"][-1].event_id
    with server_engine.begin() as conn:
        conn.execute(delete(events).where(events.c.event_id == lost))
    doctor = ward.stations["doctor"]
    with doctor.store.writing() as conn:
        conn.execute(update(pt.patients).values(bed="99"))
    cursor_log.seen["doctor"].append((cursor_log.seen["doctor"][-1][0], 0))

    problems = "\n".join(invariant_problems(server_engine, ward.stations, cursor_log))
    assert f"accepted {lost} is missing on the server" in problems
    assert "doctor: projection patients differs" in problems
    assert "doctor: cursor went back" in problems
    with server_engine.connect() as conn:
        assert (
            conn.execute(select(events.c.event_id).where(events.c.event_id == lost)).first() is None
        )

"""Property: whatever the interleaving of offline work, reconnections, syncs and faults on three
workstations, quiescence brings every invariant back. CW_CHAOS_EXAMPLES raises the example count."""

from __future__ import annotations

import itertools
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from tests.chaos.conftest import add_site
from tests.chaos.fault_proxy import FAULTS
from tests.chaos.session import ACTIONS, Step, run_session
from tests.support.live_server import LiveServer

pytestmark = pytest.mark.chaos

EXAMPLES = int(os.environ.get("CW_CHAOS_EXAMPLES", "10"))
# "slow" costs seconds per hit; it has its own test, and the soak draws it too.
CI_FAULTS = tuple(f for f in FAULTS if f != "slow")

steps = st.lists(
    st.builds(
        Step,
        action=st.sampled_from(ACTIONS),
        station=st.integers(0, 2),
        amount=st.integers(1, 6),
        fault=st.sampled_from(CI_FAULTS),
    ),
    min_size=3,
    max_size=16,
)


def test_random_offline_sessions_keep_the_invariants(
    server_engine: Engine, live_server: LiveServer, tmp_path: Path
) -> None:
    """Each example is a new ward with new workstations on the same live server."""
    wards = itertools.count(1)

    @settings(
        max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )  # fmt: skip
    @given(session=steps, seed=st.integers(0, 2**16))
    def session_keeps_invariants(session: list[Step], seed: int) -> None:
        site = add_site(server_engine, f"R{next(wards)}")
        with tempfile.TemporaryDirectory(dir=tmp_path) as data_root:
            outcome = run_session(
                server_engine, live_server.port, site, session, seed=seed, data_root=Path(data_root)
            )
        assert not outcome.problems, "\n".join(outcome.problems[:30])

    session_keeps_invariants()

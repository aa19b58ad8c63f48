"""High availability (bench/failover.py), short: a pg_auto_failover formation with a synchronous
standby, two server processes behind the shipped HAProxy configuration and two stations under
load; the primary's postmaster is SIGKILLed, then one server process. Every acknowledged event
survives, none is stored twice, and writes are acknowledged again within the brief's 30 s."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.proxy import proxy_config

BENCH = Path(__file__).resolve().parents[2] / "bench"
TOOLS = ("pg_autoctl", "haproxy")
MISSING = [tool for tool in TOOLS if shutil.which(tool) is None]


@pytest.mark.skipif(os.environ.get("CW_SKIP_POSTGRES") == "1", reason="needs PostgreSQL")
@pytest.mark.skipif(
    bool(MISSING) and os.environ.get("CI") != "true",  # CI installs them (dev-setup): fail there
    reason=f"needs {', '.join(MISSING)} (installer/dev-setup.sh installs them)",
)
def test_losing_the_primary_and_a_server_loses_no_acknowledged_event() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH / "failover.py"), "--json", "--runs", "1", "--stations", "2",
         "--warmup", "1", "--after", "1"],
        capture_output=True, text=True, timeout=300, cwd=BENCH,
        env={**os.environ, "CW_ARGON2_PROFILE": "test"},
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    figures = json.loads(done.stdout.splitlines()[-1])
    assert figures["acknowledged_events"] > 0
    assert figures["lost_acknowledged"] == 0 and figures["duplicated"] == 0
    assert 0 < figures["failover_s"] <= 30 and 0 < figures["server_failover_s"] <= 30


def test_the_bench_runs_the_shipped_proxy_configuration_on_its_own_ports() -> None:
    config = proxy_config(41001, (41002, 41003))
    assert "bind 127.0.0.1:41001\n" in config and "ssl crt" not in config
    assert "server cw1 127.0.0.1:41002 check" in config
    assert "server cw2 127.0.0.1:41003 check" in config
    assert "option httpchk GET /readyz" in config  # the health check stays the shipped one

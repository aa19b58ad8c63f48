"""The point-in-time recovery drill (bench/restore_drill.py), short: pgBackRest backs up a real
cluster to two encrypted repositories, and a restore to T brings back exactly the events before T."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.mark.skipif(os.environ.get("CW_SKIP_POSTGRES") == "1", reason="needs PostgreSQL")
@pytest.mark.skipif(shutil.which("pgbackrest") is None, reason="needs pgbackrest (dev-setup)")
def test_a_restore_to_t_brings_back_exactly_the_events_before_t() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH / "restore_drill.py"), "--json", "--events", "300"],
        capture_output=True, text=True, timeout=900, cwd=BENCH,
        env={**os.environ, "CW_ARGON2_PROFILE": "test"},
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    figures = json.loads(done.stdout.splitlines()[-1])
    assert figures["events_before_T"] == figures["events_restored"] == 300
    assert figures["extra_after_T"] == 0 and figures["verify_audit"] == "intact"
    assert figures["new_epoch"] is True

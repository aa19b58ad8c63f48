"""Chaos soak: many random offline sessions (three workstations, every network fault, slow ones
included) against one live server on loopback, each ending in quiescence and the invariants of
tests/chaos/invariants.py. Prints a JSON summary; exits 1 when any session broke an invariant.

    python bench/chaos_soak.py --iterations 200 --steps 40 --backend sqlite
    python bench/chaos_soak.py --iterations 100 --backend postgresql --minutes 30

The CI runs the short version (tests/chaos/test_random_sessions.py); CW_CHAOS_EXAMPLES=N raises
its hypothesis example count instead, when a shrunk counter-example is wanted.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tests.chaos.conftest import add_site  # noqa: E402
from tests.chaos.fault_proxy import FAULTS  # noqa: E402
from tests.chaos.session import random_steps, run_session  # noqa: E402
from tests.support.keyring import ENV_FILE, use_test_keyring  # noqa: E402
from tests.support.live_server import LiveServer  # noqa: E402
from tests.support.postgres import PostgresCluster  # noqa: E402
from workstation.server.db import make_engine  # noqa: E402
from workstation.server.setup import initialise  # noqa: E402


def _use_throwaway_keyring(folder: Path) -> None:
    os.environ["XDG_DATA_HOME"] = str(folder)
    os.environ[ENV_FILE] = str(folder / "keyring.cfg")  # for the chaos workers (child processes)
    use_test_keyring(folder / "keyring.cfg")


@contextlib.contextmanager
def _database(backend: str, folder: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'soak-server.db'}"
        return
    with PostgresCluster() as cluster:
        yield cluster.create_database()


def soak(args: argparse.Namespace, folder: Path) -> dict[str, Any]:
    """Run the sessions and summarise them."""
    started = time.monotonic()
    summary: dict[str, Any] = {"backend": args.backend, "seed": args.seed, "steps": args.steps}
    faults: Counter[str] = Counter()
    failures, saved, rejected, rounds, done = [], 0, 0, [], 0
    with _database(args.backend, folder) as url:
        engine = make_engine(url)
        initialise(engine)
        with LiveServer(url, log_dir=folder) as server:
            for iteration in range(args.iterations):
                if time.monotonic() - started > args.minutes * 60:
                    break
                seed = args.seed * 100_003 + iteration
                steps = random_steps(random.Random(seed), args.steps, FAULTS)
                site = add_site(engine, f"S{iteration}")
                with tempfile.TemporaryDirectory(dir=folder) as data_root:
                    outcome = run_session(
                        engine, server.port, site, steps, seed=seed, data_root=Path(data_root)
                    )
                done += 1
                saved, rejected = saved + outcome.saved, rejected + outcome.rejected
                rounds.append(outcome.sync_rounds)
                faults.update({k: v for k, v in outcome.faults.items() if " " not in k})
                if outcome.problems:
                    failures.append(
                        {"iteration": iteration, "seed": seed, "problems": outcome.problems[:20]}
                    )
        engine.dispose()
    summary.update({
        "iterations": done, "events_saved": saved, "rejected_visible": rejected,
        "quiescence_rounds_max": max(rounds, default=0), "faults": dict(sorted(faults.items())),
        "failures": failures, "seconds": round(time.monotonic() - started, 1),
    })  # fmt: skip
    return summary


def main(argv: list[str] | None = None) -> int:
    """Parse the flags, run the soak, print the JSON summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=100)
    parser.add_argument("--steps", type=int, default=40, help="steps per session")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument(
        "--minutes", type=float, default=60.0, help="stop starting sessions after this"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="cw-chaos-soak-") as tmp:
        folder = Path(tmp)
        if os.geteuid() == 0:  # the PostgreSQL cluster runs as postgres and needs to enter it
            folder.chmod(0o755)
        _use_throwaway_keyring(folder)
        summary = soak(args, folder)
    print(json.dumps(summary, indent=2, ensure_ascii=False))
    return 1 if summary["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())

"""A workstation process for the crash and clock tests: it records ward work in a loop and says so.

    python -m tests.chaos.ws_worker DATA_DIR SERVER_URL WARD USER PASSWORD [--events N] [--sync-every N]

It prints one line per step, flushed at once, so the parent knows what is durable:
    ready <device_id>           logged in
    patient <patient_id>        the patient it works on (admitted by it when the ward had none)
    saved <event_id>            after the event's transaction committed
    syncing                     a sync starts
    synced <status json>        a sync ended (the status bar: waiting, cursor, clock warning...)
    offline <message>           a sync could not reach the server
    done                        all events recorded
The keyring is the test's file, named by CW_TEST_KEYRING_FILE and accepted in-process as in a test.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import sys
from pathlib import Path

from offline_cache.link import Offline
from offline_cache.workstation import Workstation
from tests.chaos import clinical
from tests.support.keyring import ENV_FILE, use_test_keyring


def say(*words: str) -> None:
    """Print one line and flush it before anything else happens."""
    sys.stdout.write(" ".join(words) + "\n")
    sys.stdout.flush()


def sync(ws: Workstation) -> None:
    """Sync once and report the status bar."""
    say("syncing")
    try:
        ws.sync()
    except Offline as exc:
        say("offline", str(exc).replace("\n", " "))
        return
    say("synced", json.dumps(dataclasses.asdict(ws.status())))


def main(argv: list[str] | None = None) -> int:
    """Run the worker."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("server_url")
    parser.add_argument("ward_id")
    parser.add_argument("username")
    parser.add_argument("password")
    parser.add_argument("--events", type=int, default=100)
    parser.add_argument("--sync-every", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    use_test_keyring(Path(os.environ[ENV_FILE]))
    ws = Workstation.open(args.data_dir, server_url=args.server_url, ward_id=args.ward_id,
                          attempts=3, base_delay=0.01, timeout=2.0)  # fmt: skip
    ws.login(args.username, args.password)
    say("ready", ws.store.device_id)
    census = ws.census()
    patient_id = (
        census[0]["patient_id"] if census else clinical.admit(ws, rng, ward_id=args.ward_id)
    )
    say("patient", patient_id)
    for number in range(1, args.events + 1):
        event = clinical.record_one(ws, rng, patient_id)
        say("saved", event.event_id)
        if number % args.sync_every == 0:
            sync(ws)
    sync(ws)
    say("done")
    ws.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

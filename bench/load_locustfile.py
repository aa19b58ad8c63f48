"""Locust users of `bench/load.py`: each is one ward station that pulls every CW_LOAD_PULL_S
seconds from its cursor and, on a share of its ticks, pushes one to three signed events of its
kind of work (a nurse's vitals and doses, a doctor's notes and orders).

Run by bench/load.py; by hand: CW_LOAD_STATIONS=stations.json locust -f bench/load_locustfile.py."""

from __future__ import annotations

import itertools
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gevent  # noqa: E402
from load_stations import Station, load  # type: ignore[import-not-found]  # noqa: E402
from locust import constant_pacing, task  # noqa: E402
from locust.contrib.fasthttp import FastHttpUser  # noqa: E402

_STATIONS = load(Path(os.environ["CW_LOAD_STATIONS"]))
_NEXT = itertools.count()
PULL_S = float(os.environ.get("CW_LOAD_PULL_S", "5"))
PUSH_SHARE = float(os.environ.get("CW_LOAD_PUSH_SHARE", "0.1"))  # of the ticks that also push


class WardStation(FastHttpUser):
    """One station: pull on every tick, push on PUSH_SHARE of them."""

    host = _STATIONS[0].server
    wait_time = constant_pacing(PULL_S)

    def on_start(self) -> None:
        """Take the next station of the file (each user is a different station)."""
        self.station: Station = _STATIONS[next(_NEXT) % len(_STATIONS)]
        self.rng = random.Random(self.station.index)
        self.headers = {"Authorization": f"Bearer {self.station.access_token}"}
        self.sync_id = f"load-{self.station.index}-{os.getpid()}"
        # real stations do not poll in step: start each at a random point of its 5 s cycle
        gevent.sleep(self.rng.uniform(0, PULL_S))

    @task
    def tick(self) -> None:
        """A pull, and sometimes a push first (as a station syncs after recording)."""
        if self.rng.random() < PUSH_SHARE:
            self._push()
        self._pull()

    def _push(self) -> None:
        events = self.station.ward_events(self.rng, self.rng.randint(1, 3))
        body = {"events": [e.to_wire() for e in events], "sync_id": self.sync_id}
        with self.client.post(f"{self.station.server}/sync/push", json=body, headers=self.headers,
                              name="push", catch_response=True) as reply:  # fmt: skip
            if reply.status_code != 200:
                reply.failure(f"push answered {reply.status_code}")
                return
            refused = [r for r in reply.json()["results"] if r["status"] != "accepted"]
            if refused:
                reply.failure(f"push refused: {refused[0].get('code')} {refused[0].get('message')}")

    def _pull(self) -> None:
        url = f"{self.station.server}/sync/pull?after={self.station.cursor}&limit=1000"
        with self.client.get(url, headers=self.headers, name="pull",
                             catch_response=True) as reply:  # fmt: skip
            if reply.status_code != 200:
                reply.failure(f"pull answered {reply.status_code}")
                return
            self.station.cursor = reply.json()["next_after"]

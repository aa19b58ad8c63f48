"""Ward stations under load for the failover bench: each a real offline_cache.Workstation in its
own thread, a doctor admitting one patient and then a nurse recording vital signs and syncing in
a loop, noting when each sync began and whether it had writes acknowledged."""

from __future__ import annotations

import random
import threading
import time
from pathlib import Path

from _common import DOCTOR, NURSE, PASSWORD, WARD, plan_workload, vitals_payload  # type: ignore[import-not-found]
from keyrings.alt.file import PlaintextKeyring
from sqlalchemy import select

from offline_cache import keystore
from offline_cache.link import Offline, Refused
from offline_cache.tables import local_events
from offline_cache.workstation import Workstation

PAUSE_S = 0.2  # between one sync and the next station's recording
EVENTS_PER_SYNC = 2
READY_S = 120
DRAIN_S = 90


class _LockedKeyring(PlaintextKeyring):
    """The test keyring file, one thread at a time (the stations share it; the file keyring
    reads, changes and rewrites the whole file)."""

    lock = threading.RLock()

    def get_password(self, service: str, username: str) -> str | None:  # noqa: D102
        with self.lock:
            return super().get_password(service, username)

    def set_password(self, service: str, username: str, password: str) -> None:  # noqa: D102
        with self.lock:
            super().set_password(service, username, password)

    def delete_password(self, service: str, username: str) -> None:  # noqa: D102
        with self.lock:
            super().delete_password(service, username)


def use_shared_keyring(file: Path) -> None:
    """Keep every station's replica key and refresh tokens in one throwaway file, accepted in
    this process only (as the tests' keyring)."""
    backend = _LockedKeyring()
    backend.file_path = str(file)
    keystore.accept_backend(backend)


class Station(threading.Thread):
    """One station recording and syncing until finish()."""

    def __init__(self, folder: Path, url: str, number: int):
        super().__init__(name=f"station{number}", daemon=True)
        self.folder, self.url, self.number = folder, url, number
        self.rng = random.Random(number)
        self.acks: list[float] = []  # start times of syncs that had writes acknowledged
        self.failed = 0
        self.error: BaseException | None = None
        self._ready, self._halt, self._drain = threading.Event(), threading.Event(), True
        self._acknowledged: set[str] = set()

    def run(self) -> None:
        """Admit, then record and sync until stopped; drain the outbox at the end."""
        try:
            ws = Workstation.open(self.folder, server_url=self.url, ward_id=WARD)
            try:
                patient = self._admit(ws)
                self._ready.set()
                while not self._halt.is_set():
                    self._step(ws, patient)
                if self._drain:
                    self._drain_outbox(ws)
                self._acknowledged = self._accepted(ws)
            finally:
                ws.close()
        except BaseException as exc:  # noqa: BLE001 - handed to the main thread
            self.error = exc
            self._ready.set()

    def wait_ready(self) -> None:
        """Wait until the station has admitted its patient online; raise what it met."""
        if not self._ready.wait(READY_S) or self.error is not None:
            raise RuntimeError(f"station {self.number} did not start") from self.error

    def finish(self, *, drain: bool = True) -> None:
        """Stop recording; with drain, sync until nothing is left to send first."""
        self._drain = drain
        self._halt.set()
        self.join(timeout=DRAIN_S + 30)
        if drain and self.error is not None:
            raise RuntimeError(f"station {self.number} failed") from self.error

    def first_ack_after(self, moment: float) -> float | None:
        """When the first sync begun after `moment` that had writes acknowledged began."""
        return next((t for t in list(self.acks) if t >= moment), None)

    def acknowledged(self) -> set[str]:
        """The ids of this station's events the server accepted (after finish)."""
        return set(self._acknowledged)

    def _admit(self, ws: Workstation) -> str:
        ws.login(DOCTOR, PASSWORD)
        admission = dict(plan_workload(1, seed=self.number)[0].payload)
        admission.pop("record_number")  # one from the device's block of temporary numbers
        admission["bed"] = str(self.number + 1)
        patient = ws.admit_patient(admission).patient_id
        ws.login(NURSE, PASSWORD)
        ws.sync()
        assert patient is not None
        return patient

    def _step(self, ws: Workstation, patient: str) -> None:
        for _ in range(EVENTS_PER_SYNC):
            ws.record("VitalsRecorded", patient_id=patient, payload=vitals_payload(self.rng))
        began = time.monotonic()
        try:
            report = ws.sync()
        except (Offline, Refused):
            self.failed += 1
        else:
            if report.accepted or report.duplicates:
                self.acks.append(began)
        self._halt.wait(PAUSE_S)

    def _drain_outbox(self, ws: Workstation) -> None:
        deadline = time.monotonic() + DRAIN_S
        while ws.status().waiting and time.monotonic() < deadline:
            try:
                ws.sync()
            except (Offline, Refused):
                self.failed += 1
                time.sleep(PAUSE_S)
        if ws.status().waiting:
            raise RuntimeError(f"station {self.number}: {ws.status().waiting} events never sent")

    @staticmethod
    def _accepted(ws: Workstation) -> set[str]:
        e = local_events.c
        with ws.store.reading() as conn:
            rows = conn.execute(
                select(e.event_id).where(e.origin == "local", e.state == "accepted")
            )
            return {str(row.event_id) for row in rows}

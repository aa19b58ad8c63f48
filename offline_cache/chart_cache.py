"""The chart's own rows of the last few patients opened, kept between openings.

Opening a long stay's chart read every order in force again (3,000 rows of five years: about half
of the opening's CPU) though nothing had changed since the last opening. A kept read is handed
out again only while the patient's token in `patient_changes` is the one it was read with: the
replica's triggers (replica.create_change_triggers) give the patient a new token in the same
transaction as any insert, update or delete of one of their projection rows, so any event folded
for them (recorded here or pulled), a refold after an amend, void or server restore, or a backfill
makes the next opening read again. The token is read in the opening's own read transaction, so
the rows and the token come from one snapshot. The cache lives with one open replica (LocalStore):
a replica opened again starts empty.

The census warms it (ui.screens.chart.warming): while the station is idle the ward's patients'
rows are read ahead, so a first opening is served from memory. It is bounded by rows, not only
by patients: a ward of typical stays fits (KEPT_PATIENTS), a few five-year stays of 3,000 orders
in force do not push it past KEPT_ROWS. A chart read ahead is kept at the least recently used end,
so reading ahead never pushes out a chart a user opened; an opening moves it to the other end.
`clear()` (lock, logout) also starts a new generation: a read that began before it keeps nothing.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from sqlalchemy import Connection, select

from offline_cache.tables import patient_changes
from workstation.projections import queries

KEPT_PATIENTS = 64  # a ward's census (wards run 40-60 beds) and a few charts from elsewhere
KEPT_ROWS = 25_000  # ~50 MB: a kept row costs ~2.1 kB (bench long stay: 3,151 rows, 6.7 MB)


class ChartCache:
    """`queries.patient_rows` of the last KEPT_PATIENTS patients, each with the token it was read
    with; every caller gets its own copy of the lists and rows (callers add keys to rows)."""

    def __init__(self, size: int = KEPT_PATIENTS, max_rows: int = KEPT_ROWS):
        self.size, self.max_rows = size, max_rows
        self._lock = threading.Lock()  # openings and reads ahead run on worker threads
        self._kept: OrderedDict[str, tuple[bytes, dict[str, Any], int]] = OrderedDict()
        self._rows = 0  # rows kept, over every patient
        self.generation = 0  # a new one at every clear()

    def patient_rows(self, conn: Connection, patient_id: str) -> dict[str, Any]:
        """The patient's own chart rows as `queries.patient_rows` reads them in `conn`'s snapshot."""
        generation = self.generation
        token = _token(conn, patient_id)
        with self._lock:
            kept = self._kept.get(patient_id)
            if kept is not None and token is not None and kept[0] == token:
                self._kept.move_to_end(patient_id)
                return _copy(kept[1])
        rows = queries.patient_rows(conn, patient_id)
        if token is not None:  # no token: nothing of the patient's was ever written here
            self._keep(patient_id, token, _copy(rows), generation, opened=True)
        return rows

    def read_ahead(self, conn: Connection, patient_id: str, generation: int) -> bool:
        """Keep the patient's rows unless they are kept with the current token already; False
        when there was no room for them (the cache is full of charts read or opened since) or
        the cache was cleared after `generation` was taken."""
        token = _token(conn, patient_id)
        with self._lock:
            kept = self._kept.get(patient_id)
            if token is None or (kept is not None and kept[0] == token):
                return generation == self.generation
        rows = queries.patient_rows(conn, patient_id)
        return self._keep(patient_id, token, rows, generation, opened=False)

    def _keep(
        self, patient_id: str, token: bytes, rows: dict[str, Any], generation: int, *, opened: bool
    ) -> bool:
        count = _row_count(rows)
        with self._lock:
            if generation != self.generation:
                return False  # locked or logged out while reading: nothing is kept
            self._forget(patient_id)
            self._kept[patient_id] = (token, rows, count)
            self._rows += count
            self._kept.move_to_end(patient_id, last=opened)
            while len(self._kept) > 1 and (
                len(self._kept) > self.size or self._rows > self.max_rows
            ):
                self._forget(next(iter(self._kept)))
            return patient_id in self._kept

    def _forget(self, patient_id: str) -> None:
        kept = self._kept.pop(patient_id, None)
        if kept is not None:
            self._rows -= kept[2]

    def drop(self, patient_ids: set[str]) -> None:
        """Forget these patients' charts (they left the ward's census)."""
        with self._lock:
            for patient_id in patient_ids:
                self._forget(patient_id)

    def kept_patients(self) -> list[str]:
        """The patients whose rows are kept, least recently used first."""
        with self._lock:
            return list(self._kept)

    def clear(self) -> None:
        """Forget every kept chart (a user locks or logs out); reads under way keep nothing."""
        with self._lock:
            self.generation += 1
            self._kept.clear()
            self._rows = 0


def _token(conn: Connection, patient_id: str) -> bytes | None:
    return conn.execute(
        select(patient_changes.c.token).where(patient_changes.c.patient_id == patient_id)
    ).scalar_one_or_none()


def _row_count(rows: dict[str, Any]) -> int:
    return sum(len(value) for value in rows.values() if isinstance(value, list)) + 1


def _copy(rows: dict[str, Any]) -> dict[str, Any]:
    """A copy of a `patient_rows` read down to its rows. Each section is a list of rows or one
    row ("patient") or a dict of cursors ("older": tuples); a row's values are str, numbers, bool
    or None (JSON columns are kept as text), so nothing under a row is shared."""
    copied: dict[str, Any] = {}
    for key, value in rows.items():
        if isinstance(value, list):
            copied[key] = [dict(row) for row in value]
        elif isinstance(value, dict):
            copied[key] = dict(value)
        else:
            copied[key] = value
    return copied

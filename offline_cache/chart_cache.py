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
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from sqlalchemy import Connection, select

from offline_cache.tables import patient_changes
from workstation.projections import queries

KEPT_PATIENTS = 8  # the charts a clinician goes back and forth between during a round


class ChartCache:
    """`queries.patient_rows` of the last KEPT_PATIENTS patients, each with the token it was read
    with; every caller gets its own copy of the lists and rows (callers add keys to rows)."""

    def __init__(self, size: int = KEPT_PATIENTS):
        self.size = size
        self._lock = threading.Lock()  # openings run on worker threads
        self._kept: OrderedDict[str, tuple[bytes, dict[str, Any]]] = OrderedDict()

    def patient_rows(self, conn: Connection, patient_id: str) -> dict[str, Any]:
        """The patient's own chart rows as `queries.patient_rows` reads them in `conn`'s snapshot."""
        token = conn.execute(
            select(patient_changes.c.token).where(patient_changes.c.patient_id == patient_id)
        ).scalar_one_or_none()
        with self._lock:
            kept = self._kept.get(patient_id)
            if kept is not None and token is not None and kept[0] == token:
                self._kept.move_to_end(patient_id)
                return _copy(kept[1])
        rows = queries.patient_rows(conn, patient_id)
        if token is not None:  # no token: nothing of the patient's was ever written here
            with self._lock:
                self._kept[patient_id] = (token, _copy(rows))
                self._kept.move_to_end(patient_id)
                while len(self._kept) > self.size:
                    self._kept.popitem(last=False)
        return rows

    def clear(self) -> None:
        """Forget every kept chart (a user locks or logs out)."""
        with self._lock:
            self._kept.clear()


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

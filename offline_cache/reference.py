"""The formulary and order-check knowledge in force on this station.

The pharmacy publishes a formulary (and interaction rules) through the server; every sync keeps
the newest snapshots in the encrypted replica, so they stay in force offline. Until anything is
published the shipped files are. Everything that reads, checks or prints orders on the station
asks `store.reference` (one provider per replica), never the shipped files directly.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import orjson
from sqlalchemy import select

from offline_cache import logs
from offline_cache.link import Offline
from offline_cache.tables import refdata
from workstation.clinical.formulary import Formulary, FormularyError
from workstation.clinical.formulary_io import ImportReport
from workstation.clinical.knowledge import Knowledge, KnowledgeError
from workstation.clinical.reference import REFERENCE_NAMES, InForce, in_force

if TYPE_CHECKING:
    from offline_cache.store import LocalStore
    from offline_cache.workstation import Workstation

_log = logs.get("reference")


class ReferenceData:
    """The formulary and knowledge in force, built from the replica's snapshots and kept in
    memory: the replica is read on first use and when a sync stored a new snapshot, so asking
    is cheap (and safe from any thread)."""

    def __init__(self, store: LocalStore):
        self.store = store
        self._lock = threading.Lock()
        self._current: InForce | None = None
        self._checked: InForce | None = None  # built by unreadable(), put in force by reload()

    def in_force(self) -> InForce:
        """What is in force now."""
        current = self._current
        return current if current is not None else self.reload()

    def formulary(self) -> Formulary:
        """The formulary in force on this station."""
        return self.in_force().formulary

    def knowledge(self) -> Knowledge:
        """The order-check knowledge built on the formulary in force."""
        return self.in_force().knowledge

    def reload(self) -> InForce:
        """Read the replica's snapshot versions; rebuild only when they changed (a build that
        unreadable() made of these very versions is taken as it is, not made again)."""
        with self._lock:
            with self.store.reading() as conn:
                versions = dict(
                    conn.execute(
                        select(refdata.c.name, refdata.c.version).where(
                            refdata.c.name.in_(REFERENCE_NAMES)
                        )
                    ).all()
                )
                checked, self._checked = self._checked, None
                if self._current is None or dict(self._current.versions) != versions:
                    self._current = (
                        checked
                        if checked is not None and dict(checked.versions) == versions
                        else in_force(self._snapshots(conn))
                    )
            return self._current

    def wards(self) -> list[dict[str, Any]]:
        """The wards snapshot the server publishes ({"ward_id", "name_zh", "name_en", ...} each;
        empty before the first sync brings it)."""
        with self.store.reading() as conn:
            content = conn.execute(
                select(refdata.c.content).where(refdata.c.name == "wards")
            ).scalar()
        return [w for w in (orjson.loads(content) if content else []) if isinstance(w, dict)]

    def ward_names(self, ward_id: str | None) -> dict[str, str | None]:
        """The ward's names {"zh": ..., "en": ...} in the wards snapshot (None before the first
        sync brings it, or for an unknown ward): screens say 心内科 / Cardiology, not CARD."""
        names: dict[str, str | None] = {"zh": None, "en": None}
        if not ward_id:
            return names
        for ward in self.wards():
            if ward.get("ward_id") == ward_id:
                return {"zh": ward.get("name_zh") or None, "en": ward.get("name_en") or None}
        return names

    def ward_name(self, ward_id: str | None, chinese: bool) -> str | None:
        """The ward's name in one language (see ward_names)."""
        return self.ward_names(ward_id)["zh" if chinese else "en"]

    def unreadable(self, name: str, version: int, content: Any) -> str | None:
        """Why a snapshot fetched from the server could not be put in force here (None when it
        can, or when it is not the formulary's or the interaction rules'). The server checks a
        table before publishing it, so this catches a newer server's format, not a bad table."""
        if name not in REFERENCE_NAMES:
            return None
        with self.store.reading() as conn:
            snapshots = self._snapshots(conn)
        snapshots[name] = (version, content)
        try:
            built = in_force(snapshots)
        except (FormularyError, KnowledgeError, KeyError, TypeError, ValueError) as exc:
            return f"{type(exc).__name__}: {exc}"
        with self._lock:
            self._checked = built  # what reload() puts in force once the snapshot is stored
        return None

    @staticmethod
    def _snapshots(conn: Any) -> dict[str, tuple[int, Mapping[str, Any]]]:
        rows = conn.execute(
            select(refdata.c.name, refdata.c.version, refdata.c.content).where(
                refdata.c.name.in_(REFERENCE_NAMES)
            )
        )
        return {row.name: (int(row.version), orjson.loads(row.content)) for row in rows}


def publish(ws: Workstation, report: ImportReport, *, source: str = "") -> int:
    """Send a table checked on this station to the server, which checks it again and publishes it
    to every station; this station takes it at once. Returns the new version.

    Raises Refused (422, with the server's row-by-row report in `detail`) for a bad table, 403 for
    a user who may not publish, and Offline when the server cannot be reached. The link lost
    once the server has published is no failure: saying "offline, publish again" would be untrue."""
    if not report.ok:
        raise ValueError(report.text())
    if ws.link is None or ws.sync_client is None:
        raise Offline("publishing needs the server, and this station has none configured")
    session = ws.sessions.current
    if session is None or not session.access:
        raise Offline("publishing needs the server: log in online first")
    answer = ws.link.request(
        "POST", f"/refdata/{report.kind}", body={"rows": report.rows, "source": source}
    )
    version = int(answer["version"])
    try:
        ws.sync_client.refresh_refdata({report.kind: version})
    except Offline:  # published all the same: this station takes it at its next sync
        _log.warning("published %s version %s; this station takes it at its next sync",
                     report.kind, version)  # fmt: skip
    return version

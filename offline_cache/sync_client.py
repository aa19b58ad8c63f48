"""The workstation's sync: push the outbox in order, pull the ward after a cursor, and check.

Plain Python with a progress callback; the UI runs `SyncClient.sync` on a worker.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import orjson
from sqlalchemy import Connection, case, delete, func, insert, select, update

from offline_cache import logs, state
from offline_cache.link import Offline, Refused, ServerLink
from offline_cache.outbox_push import OutboxPusher
from offline_cache.store import LocalStore
from offline_cache.tables import audit_outbox, local_events, outbox, refdata
from workstation.clock import now_iso, parse_iso, utc_now
from workstation.events.digest import patient_digest
from workstation.events.envelope import Event, canonical_json, event_from_wire
from workstation.projections import tables as pt
from workstation.projections.projector import apply_events
from workstation.storage import insert_rows, update_rows

Progress = Callable[[str, int, int | None], None]
AUDIT_BATCH = 500
CLOCK_SKEW_WARNING_S = 300

_log = logs.get("sync")


class EpochChanged(Exception):
    """The server's epoch changed in the middle of a sync (it was restored)."""


@dataclass
class SyncReport:
    """What one sync did."""

    accepted: int = 0
    duplicates: int = 0
    rejected: int = 0
    blocked: int = 0
    pulled: int = 0
    backfilled: list[str] = field(default_factory=list)
    mismatched: list[str] = field(default_factory=list)
    epoch_changed: bool = False
    clock_skew_s: float = 0.0
    audit_refused: str | None = None  # queued reads the server would not take; they stay queued
    refdata_refused: list[str] = field(default_factory=list)  # snapshots this station cannot read


def _nothing(_stage: str, _done: int, _total: int | None) -> None:
    return None


class SyncClient:
    """Moves events between one replica and the server."""

    def __init__(
        self, store: LocalStore, link: ServerLink, *, batch_size: int = 1000, page_size: int = 5000
    ):
        self.store, self.link = store, link
        self.batch_size, self.page_size = batch_size, page_size
        self.audit_refusals: list[str] = []  # queued reads the server refused at the last send

    def sync(self, progress: Progress | None = None) -> SyncReport:
        """One full sync: hello (epoch, clock), push, pull, queued audit, reference data, digests."""
        progress = progress or _nothing
        report = SyncReport()
        for _attempt in range(3):
            try:
                self._sync_once(report, progress)
                return report
            except EpochChanged:
                continue
        raise Offline("the server's epoch kept changing during sync")

    def _sync_once(self, report: SyncReport, progress: Progress) -> None:
        hello = self.link.request("GET", "/sync/hello")
        report.clock_skew_s = (utc_now() - parse_iso(hello["server_time"])).total_seconds()
        if self._adopt_epoch(hello["epoch"]):
            report.epoch_changed = True
        self.push(report, progress)
        self.pull(report, progress)
        try:
            self.send_audit()
            if self.audit_refusals:
                report.audit_refused = "; ".join(self.audit_refusals[:5])
        except Refused as exc:  # never let the audit queue hold clinical sync hostage
            report.audit_refused = str(exc)
        report.refdata_refused = self.refresh_refdata(hello.get("refdata", {}))
        report.mismatched = self.check_digests(report)
        with self.store.writing() as conn:
            state.put(conn, "last_sync_at", now_iso())
            state.put(conn, "clock_skew_s", round(report.clock_skew_s, 1))

    # -- epoch -----------------------------------------------------------------------------
    def _adopt_epoch(self, epoch: str) -> bool:
        """Remember the server epoch; on a new one, re-offer every event and pull from the start."""
        with self.store.writing() as conn:
            known = state.get(conn, "epoch")
            if known == epoch:
                return False
            state.put(conn, "epoch", epoch)
            if known is None:
                return False
            e = local_events.c
            rows = conn.execute(select(e.local_seq, e.event_id).where(e.state == "accepted")).all()
            conn.execute(update(local_events).where(e.state == "accepted").values(
                state="pending", server_seq=None, received_at=None))  # fmt: skip
            queued = {r.event_id for r in conn.execute(select(outbox.c.event_id))}
            fresh = [
                {"local_seq": r.local_seq, "event_id": r.event_id, "attempts": 0}
                for r in rows
                if r.event_id not in queued
            ]
            if fresh:
                conn.execute(insert(outbox), fresh)
            state.put(conn, "cursor", 0)
            state.put(conn, "needs_full_rebuild", 1)
            return True

    # -- push ------------------------------------------------------------------------------
    def push(self, report: SyncReport, progress: Progress) -> None:
        """Send the outbox in order, in batches (offline_cache.outbox_push)."""
        OutboxPusher(self.store, self.link, self.batch_size, self._check_epoch).push(
            report, progress
        )

    def _check_epoch(self, epoch: str | None) -> None:
        with self.store.reading() as conn:
            known = state.get(conn, "epoch")
        if epoch is not None and known is not None and epoch != known:
            raise EpochChanged(epoch)

    # -- pull ------------------------------------------------------------------------------
    def pull(self, report: SyncReport, progress: Progress) -> None:
        """Fetch pages after the saved cursor; each page, its projection and the cursor commit together."""
        unknown: set[str] = set()
        while True:
            with self.store.reading() as conn:
                cursor = state.get_int(conn, "cursor")
            page = self.link.request(
                "GET", "/sync/pull", params={"after": cursor, "limit": self.page_size}
            )
            self._check_epoch(page["epoch"])
            events = [event_from_wire(item) for item in page["events"]]
            with self.store.writing() as conn:
                if state.get_int(conn, "cursor") != cursor:
                    continue  # another sync moved the cursor meanwhile; read it again
                unknown |= self._apply_page(conn, events)
                state.put(conn, "cursor", max(cursor, int(page["next_after"])))
            report.pulled += len(events)
            progress("pull", report.pulled, None)
            if not page["more"]:
                break
        self._finish_epoch_rebuild()
        for patient_id in sorted(unknown):
            if self.backfill(patient_id):
                report.backfilled.append(patient_id)

    def _apply_page(self, conn: Connection, events: list[Event]) -> set[str]:
        """Store a page; fold new events, refolding patients whose order changed. Returns patients to backfill."""
        if not events:
            return set()
        e = local_events.c
        ids = [ev.event_id for ev in events]
        known = {
            r.event_id: r
            for r in conn.execute(
                select(e.event_id, e.state, e.server_seq).where(e.event_id.in_(ids))
            )
        }
        patients = sorted({ev.patient_id for ev in events if ev.patient_id})
        dirty = self._out_of_order(conn, events, patients, known)
        fresh = [ev for ev in events if ev.event_id not in known]
        self._store_pulled(conn, events, fresh, known)
        apply_events(conn, [ev for ev in fresh if ev.patient_id not in dirty])
        self.store.rebuild(conn, dirty)
        admitted = {
            r.patient_id
            for r in conn.execute(
                select(pt.patients.c.patient_id).where(pt.patients.c.patient_id.in_(patients))
            )
        }
        return set(patients) - admitted

    @staticmethod
    def _out_of_order(
        conn: Connection, events: list[Event], patients: list[str], known: dict[str, Any]
    ) -> set[str]:
        """Patients where an incoming event sorts before something already folded. An echo of
        an event whose push answer was recorded (accepted here with this very server_seq) is
        folded where the server put it already: it alone refolds nothing (a drain's pull is all
        echoes)."""
        e = local_events.c
        stats = {
            r.patient_id: (r.max_seq or 0, r.waiting or 0)
            for r in conn.execute(
                select(e.patient_id, func.max(e.server_seq).label("max_seq"),
                       func.sum(case((e.state == "pending", 1), else_=0)).label("waiting"))
                .where(e.patient_id.in_(patients))
                .group_by(e.patient_id)
            )
        }  # fmt: skip
        dirty = set()
        for ev in events:
            if ev.patient_id is None:
                continue
            max_seq, waiting = stats.get(ev.patient_id, (0, 0))
            mine = known.get(ev.event_id)
            if mine is not None and mine.state == "accepted" and mine.server_seq == ev.server_seq:
                if waiting:
                    dirty.add(ev.patient_id)
                continue
            if waiting or max_seq > (ev.server_seq or 0) or mine is not None:
                dirty.add(ev.patient_id)
        return dirty

    def _store_pulled(
        self, conn: Connection, events: list[Event], fresh: list[Event], known: dict[str, Any]
    ) -> None:
        if fresh:
            insert_rows(conn, local_events, [{
                "event_id": ev.event_id, "type": ev.type, "patient_id": ev.patient_id, "author_id": ev.author_id,
                "device_id": ev.device_id, "device_seq": ev.device_seq, "recorded_at": ev.recorded_at,
                "payload": canonical_json(ev.payload), "server_seq": ev.server_seq, "received_at": ev.received_at,
                "state": "accepted", "origin": "server", "signature": ev.signature,
            } for ev in fresh])  # fmt: skip
        echoed = [ev for ev in events if ev.event_id in known]
        if echoed:  # our own events (or ones re-offered after a restore) seen on the server
            update_rows(conn, local_events, "event_id", [{"event_id": ev.event_id, "state": "accepted",
                "server_seq": ev.server_seq, "received_at": ev.received_at} for ev in echoed])  # fmt: skip
        self.store.drop_from_outbox(conn, [ev.event_id for ev in echoed])

    def _finish_epoch_rebuild(self) -> None:
        with self.store.writing() as conn:
            if state.get_int(conn, "needs_full_rebuild") != 1:
                return
            patients = [
                r[0] for r in conn.execute(select(local_events.c.patient_id).distinct()) if r[0]
            ]
            self.store.rebuild(conn, patients)
            state.put(conn, "needs_full_rebuild", 0)

    def backfill(self, patient_id: str) -> bool:
        """Fetch a patient's whole history (transferred in, or break-the-glass) and refold them."""
        try:
            history = self.link.request("GET", f"/sync/patients/{patient_id}/history")
        except Refused:
            return False
        events = [event_from_wire(item) for item in history["events"]]
        e = local_events.c
        with self.store.writing() as conn:
            known = {
                r.event_id: r
                for r in conn.execute(
                    select(e.event_id, e.state).where(
                        e.event_id.in_([ev.event_id for ev in events])
                    )
                )
            }
            fresh = [ev for ev in events if ev.event_id not in known]
            self._store_pulled(conn, events, fresh, known)
            self.store.rebuild(conn, [patient_id])
        return True

    # -- audit, reference data, digests ------------------------------------------------------
    def send_audit(self) -> int:
        """Send chart reads (and other audited reads) queued while offline, in batches. An entry
        the server recorded (or already had) leaves the queue; a refused one stays, and
        `audit_refusals` says why. Returns how many left the queue."""
        with self.store.reading() as conn:
            # str(): column names come back as quoted_name, which orjson refuses as dict keys
            rows = [
                {str(k): v for k, v in r._mapping.items()}
                for r in conn.execute(select(audit_outbox).order_by(audit_outbox.c.at))
            ]
        self.audit_refusals = []
        done = 0
        for start in range(0, len(rows), AUDIT_BATCH):
            batch = rows[start : start + AUDIT_BATCH]
            answer = self.link.request("POST", "/audit/reads", body={"entries": batch})
            results = {r.get("entry_id"): r for r in answer.get("results", [])}
            sent = [r["entry_id"] for r in batch
                    if results.get(r["entry_id"], {}).get("status") in ("recorded", "duplicate")]  # fmt: skip
            self.audit_refusals += [f"{r['entry_id']}: {results[r['entry_id']].get('message')}"
                                    for r in batch if r["entry_id"] in results and r["entry_id"] not in sent]  # fmt: skip
            with self.store.writing() as conn:
                conn.execute(delete(audit_outbox).where(audit_outbox.c.entry_id.in_(sent)))
            done += len(sent)
        return done

    def refresh_refdata(self, versions: dict[str, int]) -> list[str]:
        """Download reference-data snapshots that are newer on the server; a new formulary or
        interactions snapshot is in force on this station from then on. One this station cannot
        read (a newer server's format) is not stored: the one in force stays, and the returned
        list says why, so the clinical sync and the station's formulary both go on."""
        with self.store.reading() as conn:
            local = dict(conn.execute(select(refdata.c.name, refdata.c.version)).all())
        refused = []
        for name, version in versions.items():
            if local.get(name, 0) >= version:
                continue
            snap = self.link.request("GET", f"/refdata/{name}")
            problem = self.store.reference.unreadable(name, int(snap["version"]), snap["content"])
            if problem is not None:
                refused.append(f"{name} version {snap['version']}: {problem}")
                _log.error("reference data %s version %s not taken: %s", name, snap["version"],
                          problem)  # fmt: skip
                continue
            with self.store.writing() as conn:
                conn.execute(delete(refdata).where(refdata.c.name == name))
                conn.execute(
                    insert(refdata).values(
                        name=name, version=snap["version"], content=orjson.dumps(snap["content"])
                    )
                )
        self.store.reference.reload()  # on this worker, not on the first screen that asks
        return refused

    def check_digests(self, report: SyncReport) -> list[str]:
        """Compare per-patient event sets with the server up to our pull cursor (so a colleague's
        push since our pull is not a mismatch); refetch a patient that differs."""
        with self.store.reading() as conn:
            if conn.execute(select(func.count()).select_from(outbox)).scalar():
                return []  # events still waiting: counts cannot match yet
            cursor = state.get_int(conn, "cursor")
            wards = [w for w in (state.get(conn, "scope_wards") or "").split(",") if w]
            patients = [
                r[0]
                for r in conn.execute(
                    select(pt.patients.c.patient_id).where(pt.patients.c.ward_id.in_(wards))
                )
            ]
        mismatched = []
        for start in range(0, len(patients), 500):
            chunk = patients[start : start + 500]
            server = self._server_digests(chunk, cursor)
            local = self._local_digests(chunk, cursor)
            # a patient the server leaves out is not ours to read here (another ward's,
            # pulled on this PC under another user's login): not compared
            mismatched += [pid for pid in chunk if pid in server and server[pid] != local[pid]]
        still = []
        for patient_id in mismatched:
            refetched = self.backfill(patient_id)
            if refetched and self._local_digests([patient_id], cursor) == self._server_digests(
                [patient_id], cursor
            ):
                report.backfilled.append(patient_id)
            else:
                still.append(patient_id)
        return still

    def _local_digests(self, patient_ids: list[str], upto: int) -> dict[str, str]:
        found: dict[str, list[str]] = {pid: [] for pid in patient_ids}
        e = local_events.c
        with self.store.reading() as conn:
            for r in conn.execute(
                select(e.patient_id, e.event_id).where(
                    e.patient_id.in_(patient_ids), e.server_seq <= upto
                )
            ):
                found[r.patient_id].append(r.event_id)
        return {pid: patient_digest(ids) for pid, ids in found.items()}

    def _server_digests(self, patient_ids: list[str], upto: int) -> dict[str, str | None]:
        """The server's digests of the patients it lets this user read on this PC."""
        answer = self.link.request(
            "POST", "/sync/digest", body={"patient_ids": patient_ids, "upto": upto}
        )
        return {pid: answer[pid].get("digest") for pid in patient_ids if pid in answer}


def clock_skew_warning(skew_s: float) -> str | None:
    """A message when the workstation clock is more than 5 minutes from the server's."""
    if abs(skew_s) <= CLOCK_SKEW_WARNING_S:
        return None
    direction = "ahead of" if skew_s > 0 else "behind"
    return (
        f"this computer's clock is {timedelta(seconds=round(abs(skew_s)))} {direction} the server"
    )

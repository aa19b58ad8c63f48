"""The Python API the desktop program uses: one object per running workstation.

ws = Workstation.open(data_dir, server_url="http://ward-server:8765", ward_id="CARD")
ws.login("doctor.li", password)            # online, or offline from the cached verifier
ws.census(); ws.find_patients("zs"); ws.open_chart(patient_id)   # reads (chart opens are audited)
ws.record("VitalsRecorded", patient_id=pid, payload={...})       # saved locally, queued for the server
report = ws.sync(progress)                  # run on a worker; raises link.Offline when unreachable
ws.status()                                 # online, waiting, needing attention, last sync, clock skew
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select

from offline_cache import logs, record_archive, state
from offline_cache.drafts import NoteDrafts
from offline_cache.feedback import FeedbackQueue
from offline_cache.link import Offline, Refused, ServerLink
from offline_cache.replica import open_replica
from offline_cache.session import Session, Sessions
from offline_cache.store import LocalStore
from offline_cache.sync_client import Progress, SyncClient, SyncReport, clock_skew_warning
from offline_cache.tables import audit_outbox, local_events, outbox
from offline_cache.usage import UsageLog
from workstation.clock import now_iso
from workstation.events.envelope import Event
from workstation.ids import uuid7
from workstation.projections import queries
from workstation.security import signing
from workstation.security.files import restrict_umask

CONFIG_FILE = "workstation.json"
_log = logs.get("workstation")
REPLICA_FILE = "replica.db"


class NotLoggedIn(RuntimeError):
    """An action that needs a user was asked for with nobody logged in."""


@dataclass(frozen=True)
class SyncStatus:
    """What the status bar shows."""

    online: bool
    waiting: int
    needs_attention: int
    last_sync_at: str | None
    clock_warning: str | None
    last_error: str | None
    epoch: str | None
    cursor: int


class Workstation:
    """One workstation: its encrypted replica, its user session and its link to the server."""

    def __init__(
        self, data_dir: Path, config: dict[str, Any], store: LocalStore, link: ServerLink | None
    ):
        self.data_dir, self.config, self.store, self.link = data_dir, config, store, link
        self.sessions = Sessions(store, link)
        if link is not None:
            link.tokens = self.sessions
        self.sync_client = SyncClient(store, link) if link is not None else None
        self.online = False
        self.last_error: str | None = None
        self.drafts = NoteDrafts(store)  # unsigned notes, kept in the encrypted replica
        self.usage = UsageLog(store)  # usage telemetry: its own queue, no patient data
        self.feedback = FeedbackQueue(store)  # anonymous feedback: no user kept with it
        self.log_file: logs.LogFile | None = None  # open() attaches the folder's log file

    @classmethod
    def open(
        cls,
        data_dir: Path,
        *,
        server_url: str | None = None,
        ward_id: str | None = None,
        **link_options: Any,
    ) -> Workstation:
        """Open (or set up, on first use) the workstation whose files live in data_dir."""
        restrict_umask()  # the replica, its WAL, logs, exports and printed PDFs: 0600
        data_dir = Path(data_dir)
        data_dir.mkdir(parents=True, exist_ok=True)
        config = _load_config(data_dir)
        config.setdefault("device_id", f"ws-{uuid7()}")
        if server_url:
            config["server_url"] = server_url
        if ward_id:
            config["ward_id"] = ward_id
        _save_config(data_dir, config)
        engine = open_replica(data_dir / REPLICA_FILE, config["device_id"])
        store = LocalStore(engine, config["device_id"])
        if config.get("ca_file"):  # the hospital's CA, beside the OS trust store
            link_options.setdefault("ca_file", str(config["ca_file"]))
        link = (
            ServerLink(config["server_url"], **link_options) if config.get("server_url") else None
        )
        workstation = cls(data_dir, config, store, link)
        workstation.log_file = logs.configure(data_dir)
        return workstation

    def close(self) -> None:
        """Release the database, the network client and the log file."""
        with contextlib.suppress(Exception):  # usage is never worth a failed close
            self.usage.flush()
        if self.link is not None:
            self.link.close()
        self.store.engine.dispose()
        if self.log_file is not None:
            self.log_file.release()

    # -- who is working ----------------------------------------------------------------------
    @property
    def user(self) -> Session:
        """The logged-in user; NotLoggedIn when nobody is."""
        if self.sessions.current is None:
            raise NotLoggedIn("log in first")
        return self.sessions.current

    def login(self, username: str, password: str) -> Session:
        """Log a user in (ending any previous session); their unsent work stays queued."""
        previous = self.sessions.current
        session = self.sessions.login(username, password)  # the previous user stays on a refusal
        if previous is not None:
            if not previous.online:
                self._queue_audit("logout_offline", session=previous)
            self.sessions.end(previous)
        self.online = session.online
        _log.info("login user=%s online=%s", session.user_id, session.online)
        if session.online:
            self._register_device()
        with self.store.writing() as conn:
            scope = set(session.wards) | (
                {self.config["ward_id"]} if self.config.get("ward_id") else set()
            )
            state.put(conn, "scope_wards", ",".join(sorted(scope)))
        if not session.online:
            self._queue_audit("login_offline")
        self.usage.user_id = session.user_id
        self.usage.record("login", "online" if session.online else "offline")
        return session

    def lock(self) -> None:
        """Audit that the screen was locked (the UI hides every patient detail)."""
        self._queue_audit("lock")
        self.usage.record("lock", "lock")
        self.usage.flush()

    def unlock(self, password: str) -> None:
        """Check the current user's password to unlock the screen; LoginRefused when wrong."""
        self.sessions.confirm_password(password)
        self._queue_audit("unlock")
        self.usage.record("unlock", "unlock")

    def logout(self) -> None:
        """End the current session."""
        if self.sessions.current is not None and not self.sessions.current.online:
            self._queue_audit("logout_offline")
        self.usage.record("logout", "logout")
        self.usage.flush()
        self.usage.user_id = None
        self.sessions.logout()

    def _resume_online(self) -> None:
        """After an offline login: the server answers again, so the session resumes with the
        user's signing key (no password); LoginRequired only when the server refuses the key."""
        self.sessions.resume()  # the server audits the key login itself
        _log.info("session resumed online with the signing key user=%s", self.user.user_id)
        self._register_device()

    def _register_device(self) -> None:
        ward = self.config.get("ward_id") or (self.user.wards[0] if self.user.wards else None)
        if ward is None or self.link is None:
            return
        try:
            answer = self.link.request("POST", "/devices/register", body={"ward_id": ward})
        except Refused as exc:  # not this user's ward: the login stands, the PC reads nothing of it
            _log.warning("device registration to %s refused: %s", ward, exc)
            return
        with self.store.writing() as conn:
            if state.get(conn, "temp_block_start") is None:
                state.put(conn, "temp_block_start", answer["temp_block_start"])
                state.put(conn, "temp_block_end", answer["temp_block_end"])
                state.put(conn, "temp_next", answer["temp_block_start"])

    # -- writing -----------------------------------------------------------------------------
    def record(self, event_type: str, *, patient_id: str | None, payload: dict[str, Any]) -> Event:
        """Save a clinical event as the current user; it is on disk when this returns.
        A change to an archived, locked record is refused first (ArchiveRefusal)."""
        author_id = self.user.user_id
        if patient_id is not None:
            record_archive.check_write(self.store, event_type, patient_id=patient_id,
                                       payload=payload, author_id=author_id)  # fmt: skip
        return self.store.record(event_type, patient_id=patient_id, payload=payload,
                                 author_id=author_id, signer=self.user.signer)  # fmt: skip

    def amend_rejected(self, event_id: str, *, payload: dict[str, Any]) -> Event:
        """Replace a rejected event by a corrected one (ArchiveRefusal first on a locked record)."""
        refused = next((r for r in self.needs_attention() if r["event_id"] == event_id), None)
        if refused is not None and refused["patient_id"] is not None:
            record_archive.check_write(self.store, refused["type"], patient_id=refused["patient_id"],
                                       payload=payload, author_id=self.user.user_id)  # fmt: skip
        return self.store.amend_rejected(event_id, payload=payload, author_id=self.user.user_id,
                                         signer=self.user.signer)  # fmt: skip

    # -- archived records (see offline_cache.record_archive) ----------------------------------
    def request_unlock(self, patient_id: str, *, reason: str) -> Event:
        """Ask the medical-records office to unlock an archived record (works offline)."""
        return self.record("RecordUnlockRequested", patient_id=patient_id,
                           payload={"reason": reason})  # fmt: skip

    def archive_record(self, patient_id: str, *, record_number: str) -> Event:
        """Archive a discharged patient's record, naming the record number on its folder
        (medical-records office; needs the server)."""
        return self._decided_online("RecordArchived", patient_id, {"record_number": record_number})

    def approve_unlock(self, patient_id: str, *, request_id: str, hours: int) -> Event:
        """Approve an unlock for `hours` from the server's receipt (needs the server)."""
        return self._decided_online(
            "RecordUnlockApproved", patient_id, {"request_id": request_id, "hours": hours}
        )

    def deny_unlock(self, patient_id: str, *, request_id: str, reason: str) -> Event:
        """Deny an unlock request with a reason (needs the server)."""
        return self._decided_online(
            "RecordUnlockDenied", patient_id, {"request_id": request_id, "reason": reason}
        )

    def _decided_online(self, event_type: str, patient_id: str, payload: dict[str, Any]) -> Event:
        self.sync()  # the server's state first; raises Offline when it cannot be reached
        event = self.record(event_type, patient_id=patient_id, payload=payload)
        with contextlib.suppress(Offline):  # saved and queued: the next sync sends it
            self.sync()
        return event

    def archive_state(self, patient_id: str) -> dict[str, Any]:
        """Archived or not, locked now, the running unlock and every unlock request."""
        return record_archive.archive_state(self.store, patient_id)

    def pending_unlocks(self) -> list[dict[str, Any]]:
        """Unlock requests waiting for a decision (what the records office works through)."""
        return record_archive.pending_unlocks(self.store)

    def admit_patient(self, payload: dict[str, Any]) -> Event:
        """Admit a patient; without a record number, one is taken from this device's temporary block."""
        payload = dict(payload)
        if not payload.get("record_number"):
            payload["record_number"] = self._take_temporary_number()
            payload["temporary_number"] = True
        return self.record("PatientAdmitted", patient_id=uuid7(), payload=payload)

    def _take_temporary_number(self) -> str:
        with self.store.writing() as conn:
            start = state.get(conn, "temp_block_start")
            if start is None:
                raise RuntimeError(
                    "this workstation has no temporary record numbers yet: log in online once"
                )
            number = state.get_int(conn, "temp_next")
            if number > state.get_int(conn, "temp_block_end"):
                raise RuntimeError(
                    "this workstation's block of temporary record numbers is used up"
                )
            state.put(conn, "temp_next", number + 1)
        return f"T{number:06d}"

    # -- reading -----------------------------------------------------------------------------
    def census(self, ward_id: str | None = None) -> list[dict[str, Any]]:
        """Admitted patients of a ward (default: this workstation's ward)."""
        with self.store.reading() as conn:
            return queries.census(conn, ward_id or self.config.get("ward_id"))

    def find_patients(self, text: str) -> list[dict[str, Any]]:
        """Search by record number, name, pinyin or pinyin initials."""
        with self.store.reading() as conn:
            return queries.find_patients(conn, text)

    def open_chart(self, patient_id: str) -> dict[str, Any]:
        """The patient's chart; the opening is audited (queued while offline)."""
        self._queue_audit("chart_opened", patient_id)
        with self.store.reading() as conn:
            return queries.chart(conn, patient_id)

    def break_glass(self, record_number: str, *, reason: str, minutes: int = 60) -> str:
        """Open another ward's patient for a limited time: a reason, an alert and an audit row on
        the server, then the patient's whole chart is fetched. Returns the patient id."""
        if self.link is None or self.sync_client is None:
            raise Offline("break-the-glass needs the server to find another ward's patient")
        found = self.link.request(
            "GET", "/patients/lookup", params={"record_number": record_number}
        )
        patient_id = str(found["patient_id"])
        self.record(
            "BreakGlassInvoked",
            patient_id=patient_id,
            payload={"reason": reason, "minutes": minutes},
        )
        self.sync()
        if not self.sync_client.backfill(patient_id):
            raise Refused(403, "out_of_scope", "the server did not grant access to this patient")
        return patient_id

    def record_access(self, action: str, patient_id: str | None = None) -> None:
        """Audit a read-side action (lock, unlock, print, export...); queued and sent with the next sync."""
        self._queue_audit(action, patient_id)

    def _queue_audit(
        self, action: str, patient_id: str | None = None, *, session: Session | None = None
    ) -> None:
        """Queue a read-audit entry signed by its user's key: it may be sent under another login."""
        who, entry_id, at = session or self.user, uuid7(), now_iso()
        signature = None
        if who.signer is not None:
            message = signing.audit_entry_message(
                entry_id=entry_id, action=action, user_id=who.user_id, patient_id=patient_id,
                at=at, device_id=self.store.device_id,
            )  # fmt: skip
            signature = who.signer.sign(signing.AUDIT_PURPOSE, message)
        with self.store.writing() as conn:
            conn.execute(insert(audit_outbox).values(
                entry_id=entry_id, action=action, user_id=who.user_id, patient_id=patient_id, at=at,
                signature=signature))  # fmt: skip

    def needs_attention(self, patient_id: str | None = None) -> list[dict[str, Any]]:
        """Rejected events waiting for their author to amend or void them."""
        return self.store.needs_attention(patient_id)

    # -- sync --------------------------------------------------------------------------------
    def sync(self, progress: Progress | None = None) -> SyncReport:
        """Push, pull and check; marks the workstation offline and re-raises when unreachable."""
        if self.sync_client is None:
            raise Offline("no server is configured")
        if self.sessions.current is None:
            raise Offline("log in to sync")
        try:
            if not self.sessions.current.access:
                self._resume_online()
            report = self.sync_client.sync(progress)
        except (Offline, Refused) as exc:
            self.online, self.last_error = False, str(exc)
            _log.warning("sync failed: %s", type(exc).__name__)
            self.usage.record("sync", "offline" if isinstance(exc, Offline) else "refused")
            raise
        self.online, self.last_error = True, None
        self._send_usage(report)
        _log.info(
            "sync: %d accepted, %d duplicate, %d rejected, %d pulled, epoch changed %s",
            report.accepted,
            report.duplicates,
            report.rejected,
            report.pulled,
            report.epoch_changed,
        )
        return report

    def _send_usage(self, report: SyncReport) -> None:
        """After a clinical sync: its outcome as a usage record, then the usage queue and the
        feedback whose moment has come (never holding the clinical sync hostage)."""
        self.usage.record(
            "sync", "rejected" if report.rejected else "ok", count=report.accepted + report.rejected
        )
        assert self.link is not None
        try:
            self.usage.send(self.link)
            self.feedback.send_due(self.link)
        except (Offline, Refused) as exc:
            _log.warning("usage or feedback not sent: %s", type(exc).__name__)

    def status(self) -> SyncStatus:
        """Online state, events waiting and needing attention, last sync, clock warning."""
        with self.store.reading() as conn:
            waiting = conn.execute(select(func.count()).select_from(outbox)).scalar_one()
            attention = conn.execute(
                select(func.count())
                .select_from(local_events)
                .where(local_events.c.state == "rejected")
            ).scalar_one()
            skew = float(state.get(conn, "clock_skew_s") or 0)
            return SyncStatus(
                online=self.online, waiting=waiting, needs_attention=attention,
                last_sync_at=state.get(conn, "last_sync_at"), clock_warning=clock_skew_warning(skew),
                last_error=self.last_error, epoch=state.get(conn, "epoch"), cursor=state.get_int(conn, "cursor"),
            )  # fmt: skip


def _load_config(data_dir: Path) -> dict[str, Any]:
    path = data_dir / CONFIG_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _save_config(data_dir: Path, config: dict[str, Any]) -> None:
    (data_dir / CONFIG_FILE).write_text(json.dumps(config, indent=2), encoding="utf-8")

"""Read-audit entries a station queued (chart opened, print, lock, offline login...), chained
into the audit log once each.

The actor is the token's user. An entry in another user's name (recorded offline on the same
PC by someone who has since left it) is taken only with that user's signature, verified with a
registered, unrevoked key of theirs for the token's device; otherwise it is refused and the
station keeps it. Entries are idempotent by `entry_id`: a retry after a lost answer records
nothing twice. Each entry gets its own result: recorded, duplicate or refused (with a reason)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, select

from workstation.clock import now_iso, parse_iso
from workstation.security.signing import AUDIT_PURPOSE, audit_entry_message, verify
from workstation.server import audit
from workstation.server.audit import AuditEntry
from workstation.server.auth import User
from workstation.server.db import audit_writer, lock_audit_chain
from workstation.server.models import read_audit_entries
from workstation.server.signing_keys import unrevoked_keys
from workstation.storage import insert_rows

READ_ACTIONS = frozenset({
    "chart_opened", "print", "export", "lock", "unlock", "logout_offline", "login_offline",
    "downtime_pack_written",  # offline_cache.downtime: the ward's pack left the encrypted replica
    "export_stock",  # ui.screens.pharmacy.tasks: the stock export
    "export_dashboard",  # ui.screens.dashboard: a manager's dashboard to Excel (counts only)
})  # fmt: skip
MAX_ENTRIES = 1000
# field: (max length, may be null)
_TEXT_FIELDS = {
    "entry_id": (64, False), "action": (40, False), "at": (32, False), "user_id": (64, True),
    "patient_id": (36, True), "signature": (200, True),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Entry:
    entry_id: str
    action: str
    at: str
    user_id: str | None
    patient_id: str | None
    signature: str | None


def refused(entry_id: Any, code: str, message: str) -> dict[str, Any]:
    """A per-entry refusal (the station keeps the entry and shows why)."""
    shown = entry_id if isinstance(entry_id, str) and len(entry_id) <= 64 else None
    return {"entry_id": shown, "status": "refused", "code": code, "message": message}


def parse_entry(raw: Any) -> _Entry | str:
    """A well-formed entry, or why it is not one."""
    if not isinstance(raw, dict):
        return "an entry must be a JSON object"
    for name, (longest, nullable) in _TEXT_FIELDS.items():
        value = raw.get(name)
        if value is None and nullable:
            continue
        if not isinstance(value, str) or not value or len(value) > longest or "\x00" in value:
            return f"{name} must be a text of 1 to {longest} characters, without NUL" + (
                " or null" if nullable else ""
            )
    if raw["action"] not in READ_ACTIONS:
        return f"action must be one of {sorted(READ_ACTIONS)}"
    try:
        parse_iso(raw["at"])
    except ValueError:
        return "at must be an ISO-8601 timestamp"
    return _Entry(raw["entry_id"], raw["action"], raw["at"], raw.get("user_id"),
                  raw.get("patient_id"), raw.get("signature"))  # fmt: skip


def _signed_by_author(conn: Connection, entry: _Entry, author: str, device_id: str) -> bool:
    if entry.signature is None:
        return False
    message = audit_entry_message(entry_id=entry.entry_id, action=entry.action, user_id=author,
                                  patient_id=entry.patient_id, at=entry.at, device_id=device_id)  # fmt: skip
    keys = unrevoked_keys(conn, [(author, device_id)]).get((author, device_id), [])
    return any(verify(key.public_key, AUDIT_PURPOSE, message, entry.signature) for key in keys)


def record_reads(
    engine: Engine, *, user: User, device_id: str, entries: list[Any]
) -> list[dict[str, Any]]:
    """Chain the good entries (once each) and answer every entry's result, in order."""
    results: list[dict[str, Any]] = []
    taken: list[tuple[_Entry, AuditEntry]] = []
    with audit_writer(engine) as conn:
        # Under the access chain's lock from the first read: two retries cannot both record, and
        # no push waits for this transaction (it holds neither the write lock nor the record chain).
        lock_audit_chain(conn, audit.ACCESS.lock_id)
        known = _known(conn, [e.get("entry_id") for e in entries if isinstance(e, dict)])
        for raw in entries:
            entry = parse_entry(raw)
            if isinstance(entry, str):
                results.append(refused(raw.get("entry_id") if isinstance(raw, dict) else None,
                                       "invalid", entry))  # fmt: skip
                continue
            if entry.entry_id in known:
                results.append({"entry_id": entry.entry_id, "status": "duplicate"})
                continue
            actor = entry.user_id or user.user_id
            if actor != user.user_id and not _signed_by_author(conn, entry, actor, device_id):
                results.append(refused(entry.entry_id, "unsigned_actor",
                    f"recorded by {actor}, sent by {user.user_id}: needs {actor}'s signature for this device"))  # fmt: skip
                continue
            known.add(entry.entry_id)
            detail = {"recorded_at": entry.at, "reported_by": user.user_id,
                      "entry_id": entry.entry_id, "signed": actor != user.user_id}  # fmt: skip
            taken.append(
                (entry, AuditEntry(entry.action, actor, entry.patient_id, device_id, detail))
            )
            results.append({"entry_id": entry.entry_id, "status": "recorded"})
        _chain(conn, taken)
    return results


def _known(conn: Connection, entry_ids: list[Any]) -> set[str]:
    wanted = sorted(
        {i for i in entry_ids if isinstance(i, str) and len(i) <= 64 and "\x00" not in i}
    )
    found: set[str] = set()
    for start in range(0, len(wanted), 500):
        r = read_audit_entries.c
        found.update(
            conn.execute(
                select(r.entry_id).where(r.entry_id.in_(wanted[start : start + 500]))
            ).scalars()
        )
    return found


def _chain(conn: Connection, taken: list[tuple[_Entry, AuditEntry]]) -> None:
    if not taken:
        return
    first = audit.append(conn, [row for _entry, row in taken], audit.ACCESS)
    received = now_iso()
    insert_rows(conn, read_audit_entries, [
        {"entry_id": entry.entry_id, "audit_id": first + n, "received_at": received}
        for n, (entry, _row) in enumerate(taken)
    ])  # fmt: skip

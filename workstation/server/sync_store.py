"""How a push stores the events it accepted: the event log, the projections, the audit entries
(chained by the caller), the alerts."""

from __future__ import annotations

from sqlalchemy import Connection, insert

from workstation.events.envelope import Event, canonical_json
from workstation.projections.projector import apply_events
from workstation.server import sync_reads
from workstation.server.audit import AuditEntry
from workstation.server.auth import User
from workstation.server.models import alerts, events
from workstation.storage import insert_rows


def store(conn: Connection, pusher: User, batch: list[Event], traces: dict[str, str],
          shared: sync_reads.Shared) -> None:  # fmt: skip
    """Write the accepted events, fold them and add their audit entries to `shared` (chained by
    the caller); a change let in by an unlock names its request in its audit row (the trace the
    records office reviews). `shared.known` has each event's content hash, worked out while
    deciding."""
    known = shared.known
    if not batch:
        return
    wards = sync_reads.wards_after(conn, batch)
    insert_rows(conn, events, [{
        "server_seq": e.server_seq, "event_id": e.event_id, "type": e.type, "patient_id": e.patient_id,
        "ward_id": wards.get(e.patient_id or ""), "author_id": e.author_id, "device_id": e.device_id,
        "device_seq": e.device_seq, "recorded_at": e.recorded_at, "received_at": e.received_at,
        "pushed_by": pusher.user_id, "content_hash": known[e.event_id][0], "payload": canonical_json(e.payload),
        "signature": e.signature,
    } for e in batch])  # fmt: skip
    apply_events(conn, batch)
    shared.audit.extend([
        AuditEntry(f"event:{e.type}", e.author_id, e.patient_id, e.device_id,
                   {"event_id": e.event_id, "server_seq": e.server_seq, "pushed_by": pusher.user_id}
                   | ({"unlock_request_id": traces[e.event_id]} if e.event_id in traces else {}))
        for e in batch
    ])  # fmt: skip
    _raise_alerts(conn, batch)


def _raise_alerts(conn: Connection, batch: list[Event]) -> None:
    rows = [{
        "alert_id": e.event_id, "kind": "break_glass", "patient_id": e.patient_id, "user_id": e.author_id,
        "message": f"break-the-glass: {e.payload['reason']} ({e.payload['minutes']} min)",
        "raised_at": e.received_at,
    } for e in batch if e.type == "BreakGlassInvoked"]  # fmt: skip
    if rows:
        conn.execute(insert(alerts), rows)

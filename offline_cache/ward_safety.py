"""The ward's core safety systems on the workstation, read from and written to the replica, so
that they hold offline and sync like every other fact: the open critical values a patient and a
ward have (危急值报告制度), their receipt with read-back and acknowledgement with its linked 病程
entry; the nursing level and the round it makes due (分级护理制度); open consultations (会诊制度)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

import orjson
from sqlalchemy import select

from offline_cache.tables import refdata
from workstation.clinical.ward_safety import WardSafetySettings
from workstation.clock import now_iso, utc_now
from workstation.events.envelope import Event
from workstation.projections import safety_queries as sq
from workstation.projections import tables as pt
from workstation.security.policy import clinical_role

# Actions a doctor picks when acknowledging (a digit each); the text goes into the 病程 entry.
ACK_ACTIONS: tuple[tuple[str, str], ...] = (
    ("recheck", "复查 / repeat the test"),
    ("treated", "已处理 / treated"),
    ("seen", "已查看患者 / patient seen and assessed"),
    ("senior", "已报告上级医师 / reported to the senior doctor"),
    ("expected", "与病情相符，继续观察 / expected for the condition, observe"),
)


class _Recorder(Protocol):
    """What this module needs of offline_cache.workstation.Workstation."""

    store: Any

    def record(self, event_type: str, *, patient_id: str | None,
               payload: dict[str, Any]) -> Event: ...  # fmt: skip


def settings() -> WardSafetySettings:
    """The hospital's settings (resources/settings/ward_safety.json)."""
    return WardSafetySettings.load()


def patient_safety(
    ws: _Recorder, patient_id: str, *, now: datetime | None = None
) -> dict[str, Any]:
    """What the banner shows: open critical values, the nursing level and its round, and the
    open consultations of one patient."""
    now, rules = now or utc_now(), settings()
    with ws.store.reading() as conn:
        critical = sq.critical_register(conn, now=now, settings=rules, patient_id=patient_id,
                                        open_only=True)  # fmt: skip
        rounds = [r for r in sq.nursing_rounds(conn, now=now, settings=rules)
                  if r["patient_id"] == patient_id]  # fmt: skip
        consults = sq.consultations(conn, now=now, settings=rules, patient_id=patient_id,
                                    open_only=True)  # fmt: skip
        barthel = sq.latest_barthel(conn, patient_id)
    return {"critical_values": critical, "nursing": rounds[0] if rounds else None,
            "consultations": consults, "barthel": barthel}  # fmt: skip


def ward_safety(ws: _Recorder, ward_id: str | None, *, now: datetime | None = None
                ) -> dict[str, dict[str, Any]]:  # fmt: skip
    """patient_id -> {critical_open, critical_escalated, nursing_level, round_state} for the
    census and the status bar."""
    now, rules = now or utc_now(), settings()
    found: dict[str, dict[str, Any]] = {}
    with ws.store.reading() as conn:
        for row in sq.critical_register(conn, now=now, settings=rules, ward_id=ward_id,
                                        open_only=True):  # fmt: skip
            entry = found.setdefault(row["patient_id"], {})
            entry["critical_open"] = entry.get("critical_open", 0) + 1
            entry["critical_escalated"] = entry.get("critical_escalated", False) or (
                row["status"] == "escalated"
            )
        for row in sq.nursing_rounds(conn, now=now, settings=rules, ward_id=ward_id):
            found.setdefault(row["patient_id"], {}).update(
                nursing_level=row["level"], round_state=row["round_state"],
                round_due=row["round_due"])  # fmt: skip
    return found


def ward_doctors(ws: _Recorder, ward_id: str | None, first: str | None = None
                 ) -> list[tuple[str, str]]:  # fmt: skip
    """(user id, name) of the ward's active doctors from the user directory, `first` (the
    attending) at the top: whom the nurse tells of a critical value."""
    with ws.store.reading() as conn:
        content = conn.execute(select(refdata.c.content).where(refdata.c.name == "users")
                               .order_by(refdata.c.version.desc()).limit(1)).scalar()  # fmt: skip
    people = orjson.loads(content) if content else []
    doctors = [(u["user_id"], u["display_name"]) for u in people
               if clinical_role(str(u.get("role"))) in ("physician", "trainee_physician") and u.get("active", True)
               and (ward_id is None or ward_id in u.get("wards", []))]  # fmt: skip
    return sorted(doctors, key=lambda d: (d[0] != first, d[1]))


def receive_critical(ws: _Recorder, patient_id: str, *, critical_id: str, read_back_text: str,
                     doctor_id: str | None) -> list[Event]:  # fmt: skip
    """The nurse's receipt, read back to the reporter, and the doctor she told (each timed)."""
    at = now_iso()
    events = [ws.record("CriticalValueReceived", patient_id=patient_id, payload={
        "critical_id": critical_id, "received_at": at, "read_back": True,
        "read_back_text": read_back_text or None,
    })]  # fmt: skip
    if doctor_id:
        events.append(ws.record("CriticalValueDoctorNotified", patient_id=patient_id, payload={
            "critical_id": critical_id, "doctor_id": doctor_id, "notified_at": at}))  # fmt: skip
    return events


def acknowledge_critical(ws: _Recorder, patient_id: str, *, value: dict[str, Any],
                         action: str) -> tuple[Event, Event]:  # fmt: skip
    """The doctor's acknowledgement with the action taken, and its linked 病程 entry (a daily
    progress note written first, so the acknowledgement can name it)."""
    at = now_iso()
    unit = f" {value['unit']}" if value.get("unit") else ""
    flag = f" ({value['flag']})" if value.get("flag") else ""
    text = (f"危急值 / Critical value: {value['test_name']} {value['value']}{unit}{flag}, "
            f"reported {value['reported_at']} by {value['reporter']}.\n处理 / Action: {action}")  # fmt: skip
    note = ws.record("NoteSigned", patient_id=patient_id, payload={
        "note_type": "daily_progress_note", "title": "危急值处理记录 / Critical value", "text": text,
    })  # fmt: skip
    ack = ws.record("CriticalValueAcknowledged", patient_id=patient_id, payload={
        "critical_id": value["critical_id"], "action": action, "acknowledged_at": at,
        "note_id": note.event_id,
    })  # fmt: skip
    return note, ack


def record_round(ws: _Recorder, patient_id: str, *, observation: str = "") -> Event:
    """A nursing round: the nurse has seen the patient now."""
    payload = {"seen_at": now_iso()} | ({"observation": observation} if observation else {})
    return ws.record("NursingRoundRecorded", patient_id=patient_id, payload=payload)


def order_level(ws: _Recorder, patient_id: str, level: str) -> Event:
    """The doctor's nursing-level order (a nurse's is refused by the server's permission matrix)."""
    return ws.record("NursingLevelOrdered", patient_id=patient_id,
                     payload={"level": level, "ordered_at": now_iso()})  # fmt: skip


def record_barthel(ws: _Recorder, patient_id: str, items: dict[str, int]) -> Event:
    """The nurse's Barthel index (WS/T 431-2013), its total the sum of the items."""
    return ws.record("BarthelAssessed", patient_id=patient_id, payload={
        "items": items, "total": sum(items.values()), "assessed_at": now_iso()})  # fmt: skip


def request_consultation(ws: _Recorder, patient_id: str, request: dict[str, str]) -> Event:
    """A consultation request (urgency, department, question), timed now."""
    return ws.record("ConsultationRequested", patient_id=patient_id,
                     payload=dict(request) | {"requested_at": now_iso()})  # fmt: skip


def consultant_arrived(ws: _Recorder, patient_id: str, consultant: str) -> Event | None:
    """The consultant of the oldest open request without an arrival is at the bedside now."""
    waiting = [c for c in patient_safety(ws, patient_id)["consultations"] if not c["arrived_at"]]
    if not waiting:
        return None
    return ws.record("ConsultantArrived", patient_id=patient_id, payload={
        "consultation_id": waiting[0]["consultation_id"], "arrived_at": now_iso(),
        "consultant": consultant})  # fmt: skip


def link_consultation_note(ws: _Recorder, patient_id: str, note_id: str) -> Event | None:
    """A signed 会诊记录 closes the oldest open consultation of the patient (arrived first)."""
    with ws.store.reading() as conn:
        from_notes = conn.execute(select(pt.notes.c.note_type).where(
            pt.notes.c.note_id == note_id)).scalar()  # fmt: skip
    open_ones = patient_safety(ws, patient_id)["consultations"]
    if from_notes != "consultation_note" or not open_ones:
        return None
    chosen = sorted(open_ones, key=lambda c: (c["arrived_at"] is None, c["requested_at"]))[0]
    return ws.record("ConsultationRecorded", patient_id=patient_id, payload={
        "consultation_id": chosen["consultation_id"], "note_id": note_id})  # fmt: skip

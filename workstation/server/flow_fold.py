"""Patient flow as stays and ward moves, folded from the admission, transfer and discharge events
(the patient-flow dashboard's projection; pure: no database here, flow_store loads and saves).

A stay begins with PatientAdmitted and is a chain of moves, one per ward it passed through; a
move begins with the admission or a transfer in and ends with a transfer out or the discharge.
Cancellations undo what they cancel, so the counts hold only what happened:
- DischargeCancelled (HL7 A13, or a ward's own) reopens the stay's last move;
- a discharge the HIS sends as "admission cancelled" (A11, hl7_plan) removes the whole stay;
- a transfer the HIS sends as "transfer cancelled" (A12) back to the ward the patient came from
  removes the move it cancels and reopens the one before.
A transfer to the same ward is a change of bed, not a transfer. Times: the admission's and the
discharge's own stamps from the payload; a transfer's when it was recorded; none earlier than the
move it ends (an event recorded out of order never makes a negative stay)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from workstation.clock import iso, parse_iso

FLOW_EVENT_TYPES = ("PatientAdmitted", "PatientTransferred", "PatientDischarged",
                    "DischargeCancelled")  # fmt: skip
ADMISSION_CANCELLED = "admission cancelled"  # hl7_plan's A11 disposition starts so
TRANSFER_CANCELLED = "transfer cancelled"  # hl7_plan's A12 reason starts so
ADMISSION, TRANSFER, DISCHARGE = "admission", "transfer", "discharge"


@dataclass(slots=True)
class Move:
    """A stretch of a stay on one ward."""

    ward_id: str
    start_at: str
    start_kind: str  # admission | transfer
    end_at: str | None = None
    end_kind: str | None = None  # transfer | discharge | None (still there)


@dataclass(slots=True)
class FlowStay:
    """One hospital stay of a patient: its moves in order; `removed` when cancelled (A11)."""

    stay_id: str
    patient_id: str
    admitted_at: str
    moves: list[Move] = field(default_factory=list)
    discharged_at: str | None = None
    removed: bool = False

    @property
    def ward_id(self) -> str:
        """The ward the patient is on now (or was discharged from)."""
        return self.moves[-1].ward_id


def _stamp(text: str) -> str:
    return iso(parse_iso(text))


def _not_before(at: str, floor: str) -> str:
    return at if parse_iso(at) >= parse_iso(floor) else floor


def apply_event(stays: dict[str, FlowStay], event: Mapping[str, Any]) -> FlowStay | None:
    """Fold one event into `stays` (patient id -> their latest stay); return the stay it
    changed (None when it changed nothing). `event` has type, event_id, patient_id,
    recorded_at and payload."""
    patient_id, payload = event.get("patient_id"), event["payload"]
    if not patient_id:
        return None
    stay = stays.get(patient_id)
    kind = event["type"]
    if kind == "PatientAdmitted":
        if stay is not None and not stay.removed and stay.discharged_at is None:
            return None  # already in hospital: a repeated admission changes nothing
        at = _stamp(payload["admitted_at"])
        stays[patient_id] = FlowStay(event["event_id"], patient_id, at,
                                     [Move(payload["ward_id"], at, ADMISSION)])  # fmt: skip
        return stays[patient_id]
    if stay is None or stay.removed:
        return None
    if kind == "DischargeCancelled":
        return _reopen(stay)
    if stay.discharged_at is not None:
        return None
    if kind == "PatientTransferred":
        return _transfer(stay, payload, _stamp(event["recorded_at"]))
    if kind == "PatientDischarged":
        return _discharge(stay, payload)
    return None


def _reopen(stay: FlowStay) -> FlowStay | None:
    if stay.discharged_at is None:
        return None
    stay.discharged_at = None
    stay.moves[-1].end_at = stay.moves[-1].end_kind = None
    return stay


def _transfer(stay: FlowStay, payload: Mapping[str, Any], at: str) -> FlowStay | None:
    here = stay.moves[-1]
    ward = payload["ward_id"]
    if ward == here.ward_id:
        return None  # a change of bed on the same ward
    cancels = str(payload.get("reason") or "").startswith(TRANSFER_CANCELLED)
    if cancels and len(stay.moves) > 1 and stay.moves[-2].ward_id == ward:
        stay.moves.pop()
        stay.moves[-1].end_at = stay.moves[-1].end_kind = None
        return stay
    at = _not_before(at, here.start_at)
    here.end_at, here.end_kind = at, TRANSFER
    stay.moves.append(Move(ward, at, TRANSFER))
    return stay


def _discharge(stay: FlowStay, payload: Mapping[str, Any]) -> FlowStay:
    if str(payload.get("disposition") or "").startswith(ADMISSION_CANCELLED):
        stay.removed = True
        return stay
    here = stay.moves[-1]
    at = _not_before(_stamp(payload["discharged_at"]), here.start_at)
    here.end_at, here.end_kind = at, DISCHARGE
    stay.discharged_at = at
    return stay


def fold_events(events: Iterable[Mapping[str, Any]]) -> list[FlowStay]:
    """Every stay made by `events` in order (cancelled ones left out): for tests and the bench."""
    latest: dict[str, FlowStay] = {}
    every: dict[str, FlowStay] = {}
    for event in events:
        changed = apply_event(latest, event)
        if changed is not None:
            every[changed.stay_id] = changed
    return [s for s in every.values() if not s.removed]


def hours_between(start: str, end: str) -> float:
    """Hours from one stamp to another."""
    return (parse_iso(end) - parse_iso(start)).total_seconds() / 3600


def local(at: str, zone: Any) -> datetime:
    """A stamp on the ward clock."""
    return parse_iso(at).astimezone(zone)

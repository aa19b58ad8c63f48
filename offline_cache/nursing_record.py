"""The nursing record (护理记录) on the workstation, read from and written to the replica, so that
a nurse writes rows offline and they sync once like every other signed fact: the patient's rows
with their shift and 24-hour intake and output totals, the form the patient gets, the newest
vitals to pull into a row, a new row and a correction that supersedes a row."""

from __future__ import annotations

from typing import Any, Protocol

from workstation.clinical.nursing_record import (
    RecordSettings,
    day_totals,
    sheet_lines,
    shift_totals,
)
from workstation.clinical.schedule import AdministrationTimes
from workstation.clock import now_iso
from workstation.events.envelope import Event
from workstation.events.nursing_record_events import OBSERVATION_FIELDS
from workstation.projections import nursing_record_queries as nq

VITALS_KEYS = tuple(k for k in OBSERVATION_FIELDS if k != "pupils")


class _Recorder(Protocol):
    """What this module needs of offline_cache.workstation.Workstation."""

    store: Any

    def record(self, event_type: str, *, patient_id: str | None,
               payload: dict[str, Any]) -> Event: ...  # fmt: skip


def nursing_record(ws: _Recorder, patient_id: str) -> dict[str, Any]:
    """The patient's record: form, rows, the sheet's lines with totals, and the day and shift
    totals (the newest last)."""
    settings, zone = RecordSettings.load(), AdministrationTimes.load().zone
    with ws.store.reading() as conn:
        rows = nq.record_rows(conn, patient_id)
        form = nq.patient_form(conn, patient_id, settings)
    return {"form": form, "rows": rows, "lines": sheet_lines(rows, zone, settings),
            "days": day_totals(rows, zone, settings),
            "shifts": shift_totals(rows, zone, settings)}  # fmt: skip


def vitals_to_pull(ws: _Recorder, patient_id: str) -> dict[str, Any] | None:
    """{"vitals_id", "taken_at", "observations"} of the newest vital signs, or None."""
    with ws.store.reading() as conn:
        vitals = nq.latest_vitals(conn, patient_id)
    if vitals is None:
        return None
    observations = {k: vitals[k] for k in VITALS_KEYS if vitals.get(k) is not None}
    return {"vitals_id": vitals["vitals_id"], "taken_at": vitals["taken_at"],
            "observations": observations}  # fmt: skip


def _payload(row: dict[str, Any], form: str) -> dict[str, Any]:
    payload = {"form": form, "written_at": row.get("written_at") or now_iso()}
    for key in ("observations", "vitals_id", "observation_text", "measures", "effect", "intake",
                "output"):  # fmt: skip
        if row.get(key) not in (None, "", {}):
            payload[key] = row[key]
    return payload


def write_row(ws: _Recorder, patient_id: str, *, row: dict[str, Any], form: str) -> Event:
    """A new signed row (the event's signature is the nurse's)."""
    return ws.record("NursingRecordWritten", patient_id=patient_id, payload=_payload(row, form))


def correct_row(ws: _Recorder, patient_id: str, *, supersedes_id: str, row: dict[str, Any],
                form: str, reason: str) -> Event:  # fmt: skip
    """A signed correction: a new row that supersedes `supersedes_id`, with the reason."""
    payload = _payload(row, form) | {"supersedes_id": supersedes_id, "correction_reason": reason}
    return ws.record("NursingRecordWritten", patient_id=patient_id, payload=payload)

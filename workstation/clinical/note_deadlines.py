"""Record-writing deadlines of a Chinese inpatient chart: which notes are due or overdue.

Source: 《病历书写基本规范》(卫医政发〔2010〕11号), Ministry of Health of the PRC, 2010.
- 第十八条: the admission note (入院记录) within 24 hours of admission.
- 第二十二条 (病程记录):
  - the first progress note (首次病程记录) within 8 hours of admission;
  - daily progress notes (日常病程记录) at least once a day for critically ill patients (病危),
    at least every 2 days for seriously ill patients (病重), at least every 3 days when stable;
  - the attending's first ward-round note (主治医师首次查房记录) within 48 hours of admission;
  - the discharge record (出院记录) within 24 hours of discharge.
Any progress-type note (first progress, daily progress, ward round) restarts the daily clock,
since all three are 病程记录.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from workstation.clock import parse_iso, utc_now
from workstation.domain.enums import Acuity, NoteType

FIRST_PROGRESS_WITHIN = timedelta(hours=8)
ADMISSION_NOTE_WITHIN = timedelta(hours=24)
FIRST_WARD_ROUND_WITHIN = timedelta(hours=48)
DISCHARGE_SUMMARY_WITHIN = timedelta(hours=24)
PROGRESS_INTERVAL = {
    Acuity.CRITICAL.value: timedelta(days=1),
    Acuity.SERIOUS.value: timedelta(days=2),
    Acuity.STABLE.value: timedelta(days=3),
}
PROGRESS_TYPES = frozenset(
    {NoteType.FIRST_PROGRESS.value, NoteType.DAILY_PROGRESS.value, NoteType.WARD_ROUND.value}
)
DEFAULT_HORIZON = timedelta(hours=24)


@dataclass(frozen=True)
class NoteDue:
    """A note the chart still needs: its type, when it falls due and whether that time has passed."""

    note_type: str
    due_at: datetime
    overdue: bool


def _signed(chart: dict[str, Any]) -> dict[str, list[datetime]]:
    """Signing times of the chart's live notes, by note type."""
    by_type: dict[str, list[datetime]] = {}
    for note in chart.get("notes") or []:
        if not note.get("voided"):
            by_type.setdefault(note["note_type"], []).append(parse_iso(note["signed_at"]))
    return by_type


def _admission_stage(
    admitted: datetime, signed: dict[str, list[datetime]]
) -> list[tuple[str, datetime]]:
    """The once-per-admission notes not yet written, with their deadlines."""
    rules = (
        (NoteType.FIRST_PROGRESS.value, FIRST_PROGRESS_WITHIN),
        (NoteType.ADMISSION.value, ADMISSION_NOTE_WITHIN),
        (NoteType.WARD_ROUND.value, FIRST_WARD_ROUND_WITHIN),
    )
    return [(kind, admitted + within) for kind, within in rules if not signed.get(kind)]


def _next_progress(acuity: str | None, signed: dict[str, list[datetime]]) -> datetime | None:
    """When the next daily progress note falls due; None before the first progress note."""
    written = [at for kind in PROGRESS_TYPES for at in signed.get(kind, [])]
    if not written:
        return None  # the first-progress-note rule covers this time
    return max(written) + PROGRESS_INTERVAL.get(acuity or "", PROGRESS_INTERVAL["stable"])


def notes_due(
    chart: dict[str, Any], *, now: datetime | None = None, horizon: timedelta = DEFAULT_HORIZON
) -> list[NoteDue]:
    """Notes overdue or falling due within `horizon` for the chart's patient, soonest first.

    `chart` needs the keys "patient" and "notes" of `queries.chart`."""
    patient = chart.get("patient")
    if not patient:
        return []
    now = now or utc_now()
    signed = _signed(chart)
    wanted = _admission_stage(parse_iso(patient["admitted_at"]), signed)
    if patient.get("status") == "discharged" and patient.get("discharged_at"):
        if not signed.get(NoteType.DISCHARGE_SUMMARY.value):
            discharged = parse_iso(patient["discharged_at"])
            wanted.append((NoteType.DISCHARGE_SUMMARY.value, discharged + DISCHARGE_SUMMARY_WITHIN))
    else:
        progress = _next_progress(patient.get("acuity"), signed)
        if progress is not None:
            wanted.append((NoteType.DAILY_PROGRESS.value, progress))
    due = [NoteDue(kind, at, overdue=at < now) for kind, at in wanted if at <= now + horizon]
    return sorted(due, key=lambda item: item.due_at)

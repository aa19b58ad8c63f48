"""Quality indicators (质控) of the ward: the definitions, their sources and the computations.

Each indicator is computed from facts the quality projection keeps (workstation.server.
manage_quality_fold); the functions here take those facts as plain values, so every rule is
tested on hand-computed cases without a database.

- Note timeliness — 《病历书写基本规范》(卫医政发〔2010〕11号): the admission note (入院记录)
  within 24 h of admission (第十八条); the first progress note (首次病程记录) within 8 h and the
  attending's first ward-round note (上级医师查房记录) within 48 h (第二十二条). A note not yet
  written counts once its deadline has passed; one whose deadline is still ahead is not counted.
- Order-check alerts and overrides — the order checks' own record (workstation.clinical.checks):
  each alert shown at signing is stored on OrderPlaced.overrides, and a rule counts as overridden
  when the prescriber signed with a reason for it. AllergyCheckOverridden (a step taken although
  the allergy status was not documented) counts as one alert of rule `allergy-status`, overridden.
- BCMA scan compliance — of the doses given, the share whose bedside check (BedsideChecked) was
  a scan rather than `unable_to_scan`; a dose given with no bedside check counts as not scanned.
- Late and missed doses — ISMP, Acute Care Guidelines for Timely Administration of Scheduled
  Medications (2011): a non-time-critical scheduled dose is on time within 1 h of its time (the
  ward's administration window, resources/settings/nursing.json). Late: given more than the
  window after its time. Missed: a due time of a verified order with nothing recorded (given,
  held, refused, not given) by the end of its window.
- Pharmacist verification turnaround — minutes from OrderPlaced to the first OrderVerified or
  OrderRejected of a medication order; the median and the 90th percentile (nearest rank).
- NEWS2 escalations — Royal College of Physicians, NEWS2 (2017), Chart 2 and Table 3: an
  aggregate of 5-6 or 3 in one parameter asks for an urgent response, 7 or more for an emergency
  response. The RCP names no minutes; this hospital answers an urgent trigger within 60 min and
  an emergency one within 30 min (URGENT_RESPONSE, EMERGENCY_RESPONSE). The code records no
  explicit "escalation answered" event, so a trigger is answered by the first doctor's entry on
  the chart after it: a signed doctor's note (any type but nursing notes, which are the only
  type a nurse may sign) or an order placed, within ANSWER_HORIZON (24 h); an entry later than
  that is the ward's routine, not an answer, and the trigger stays unanswered.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

from workstation.clinical.news2 import news2
from workstation.clinical.schedule import AdministrationTimes, order_window, scheduled_doses

FIRST_PROGRESS = "first_progress_note"
ADMISSION_NOTE = "admission_note"
WARD_ROUND = "ward_round_note"
# note type -> (deadline after admission, article of 病历书写基本规范 2010)
NOTE_DEADLINES: dict[str, tuple[timedelta, str]] = {
    FIRST_PROGRESS: (timedelta(hours=8), "第二十二条"),
    ADMISSION_NOTE: (timedelta(hours=24), "第十八条"),
    WARD_ROUND: (timedelta(hours=48), "第二十二条"),
}
DOCTOR_RESPONSE_NOTES = frozenset(
    {FIRST_PROGRESS, ADMISSION_NOTE, WARD_ROUND, "daily_progress_note", "consultation_note"}
)
ALLERGY_STATUS_RULE = "allergy-status"
UNABLE_TO_SCAN = "unable_to_scan"
DOSE_WINDOW = timedelta(minutes=60)  # ISMP 2011, non-time-critical; nursing.json's window
URGENT, EMERGENCY = "urgent", "emergency"
URGENT_RESPONSE = timedelta(minutes=60)  # a hospital setting: RCP 2017 names no minutes
EMERGENCY_RESPONSE = timedelta(minutes=30)
RESPONSE_WITHIN = {URGENT: URGENT_RESPONSE, EMERGENCY: EMERGENCY_RESPONSE}
ANSWER_HORIZON = timedelta(hours=24)


def note_due_at(note_type: str, admitted_at: datetime) -> datetime | None:
    """When a once-per-admission note falls due; None for a type without an admission deadline."""
    rule = NOTE_DEADLINES.get(note_type)
    return admitted_at + rule[0] if rule else None


def note_status(due_at: datetime, signed_at: datetime | None, now: datetime) -> str | None:
    """on_time, late (signed after its deadline, or still unsigned past it), or None (not due)."""
    if signed_at is not None:
        return "on_time" if signed_at <= due_at else "late"
    return "late" if due_at < now else None


def alert_facts(overrides: Any) -> list[dict[str, Any]]:
    """The alerts of one OrderPlaced.overrides object: rule_id, category, severity, overridden."""
    if not isinstance(overrides, Mapping):
        return []
    reasons = overrides.get("reasons") or {}
    facts: dict[str, dict[str, Any]] = {}  # a rule counts once per order
    for alert in overrides.get("alerts") or ():
        if isinstance(alert, Mapping) and alert.get("rule_id"):
            rule = str(alert["rule_id"])
            why = reasons.get(rule) if isinstance(reasons, Mapping) else None
            facts[rule] = {
                "rule_id": rule, "category": str(alert.get("category") or ""),
                "severity": str(alert.get("severity") or ""),
                "overridden": bool(why and str(why).strip()),
            }  # fmt: skip
    return list(facts.values())


def dose_timing(scheduled_for: datetime | None, given_at: datetime, *,
                window: timedelta = DOSE_WINDOW) -> str | None:  # fmt: skip
    """on_time, early or late against the scheduled time; None for an unscheduled (PRN) dose."""
    if scheduled_for is None:
        return None
    if given_at - scheduled_for > window:
        return "late"
    return "early" if scheduled_for - given_at > window else "on_time"


def missed_count(due: Iterable[datetime], recorded: int, now: datetime, *,
                 window: timedelta = DOSE_WINDOW) -> int:  # fmt: skip
    """How many due times whose window has closed have nothing recorded, given how many of
    them have a record (an administration of any outcome naming that scheduled time)."""
    closed = sum(1 for at in due if at + window < now)
    return max(0, closed - recorded)


def order_due(order: Mapping[str, Any], times: AdministrationTimes
              ) -> tuple[datetime, datetime, int] | None:  # fmt: skip
    """An order's whole schedule once its end is known (ended, or limited by duration_days):
    (first possible due time, end, how many doses fall due); None while it is open-ended or has
    no doses. An order with an end time is treated as ended (schedule.order_window)."""
    ended = order.get("ended_at") and order.get("status") != "rejected"
    basis = {**order, "status": "completed" if ended else order.get("status")}
    window = order_window(basis)
    if window is None:
        return None
    first, last = window
    if last is None:
        return None
    return first, last, len(scheduled_doses(basis, first, last, times=times))


def news2_level(vitals: Mapping[str, Any]) -> tuple[int, str | None]:
    """(NEWS2 total, urgent | emergency | None) of one observation set (RCP 2017 Chart 2)."""
    score = news2(vitals)
    if score.total >= 7:
        return score.total, EMERGENCY
    return score.total, URGENT if score.escalate else None


def response_status(level: str, triggered_at: datetime, answered_at: datetime | None,
                    now: datetime) -> str | None:  # fmt: skip
    """in_time, late, unanswered (its window closed with no answer) or None (window still open)."""
    within = RESPONSE_WITHIN[level]
    if answered_at is not None and answered_at - triggered_at <= within:
        return "in_time"
    if answered_at is not None:
        return "late"
    return "unanswered" if triggered_at + within < now else None


def share(part: int, whole: int) -> float | None:
    """part / whole rounded to 3 places; None when there is nothing to divide."""
    return round(part / whole, 3) if whole else None


def percentile(values: Iterable[float], pct: float) -> float | None:
    """The nearest-rank percentile (pct in 0-100) of the values; None when there are none."""
    ordered = sorted(values)
    if not ordered:
        return None
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def median(values: Iterable[float]) -> float | None:
    """The median (the mean of the middle two for an even count); None when there are none."""
    ordered = sorted(values)
    n = len(ordered)
    if not n:
        return None
    middle = n // 2
    return ordered[middle] if n % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def turnaround_summary(minutes: list[float]) -> dict[str, Any]:
    """n, median and p90 (minutes, one decimal) of verification turnarounds."""
    mid, p90 = median(minutes), percentile(minutes, 90)
    return {
        "n": len(minutes),
        "median_min": None if mid is None else round(mid, 1),
        "p90_min": None if p90 is None else round(p90, 1),
    }


def tally(rows: Iterable[Mapping[str, Any]], key: str, outcome: str,
          good: str) -> list[dict[str, Any]]:  # fmt: skip
    """Per value of `key`: how many rows, how many with `outcome` == good, and the share. A row
    may stand for several (its "rows" count, as a GROUP BY gives it)."""
    counts: dict[str, list[int]] = {}
    for row in rows:
        if row.get(outcome) is None:
            continue
        weight = int(row.get("rows", 1))
        slot = counts.setdefault(str(row.get(key) or ""), [0, 0])
        slot[0] += weight
        slot[1] += weight if row[outcome] == good else 0
    return [{key: k, "n": n, good: g, "share": share(g, n)}
            for k, (n, g) in sorted(counts.items())]  # fmt: skip


def minutes_between(start: datetime, end: datetime) -> float:
    """Minutes from start to end."""
    return (end - start).total_seconds() / 60

"""The nurse's worklist, Qt-free: what is due, late or coming for each patient of the ward.

Items: doses (overdue, due, coming in the next 4 hours), PRN effect reassessments, new or
changed orders not yet checked by a nurse (OrderChecked), vitals due by the NEWS2 monitoring frequency
(RCP 2017, Table 2), and results flagged abnormal in the last 24 hours.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from offline_cache import ward_safety
from offline_cache.roster import my_beds
from offline_cache.workstation import Workstation
from ui.screens.mar.tasks import mar_rows
from workstation.clinical.formulary import Formulary
from workstation.clinical.mar import NursingSettings, open_doses
from workstation.clinical.news2 import news2
from workstation.clinical.schedule import AdministrationTimes
from workstation.clock import iso, parse_iso, utc_now
from workstation.projections import safety_queries as sq
from workstation.projections.nursing_queries import nursing_chart

COMING = timedelta(hours=4)
RECENT = timedelta(hours=24)
# Minimum observation interval by NEWS2 (RCP 2017, Table 2): 0 -> 12-hourly, 1-4 -> 4-6-hourly
# (the shorter, 4 h, is used), 3 in one parameter or 5-6 -> hourly, >= 7 -> continuous (hourly here).
VITALS_INTERVAL = {"zero": timedelta(hours=12), "low": timedelta(hours=4),
                   "low_medium": timedelta(hours=1), "medium": timedelta(hours=1),
                   "high": timedelta(hours=1)}  # fmt: skip
STATE_RANK = {"overdue": 0, "due": 1, "new": 2, "flagged": 3, "coming": 4}
CRITICAL_FLAGS = ("HH", "LL")  # a result beyond the critical limits


@dataclass(frozen=True)
class WorkItem:
    """One line of the worklist."""

    patient_id: str
    bed: str
    name: str
    kind: str  # dose, reassess, order, vitals, result, round, critical
    state: str  # overdue, due, coming, new, flagged
    when: str | None  # ISO time the item is due or happened
    what: dict[str, Any]  # what the line names (drug, dose, order, result...)
    key: str  # stable id (for acknowledging an order)
    high_alert: bool = False  # a high-alert medicine, a critical value, NEWS2 calling the doctor


ENDED = ("discontinued", "completed", "rejected")


def acknowledge(ws: Workstation, items: list[WorkItem]) -> None:
    """The nurse's check (核对) of new or stopped orders: a signed `OrderChecked` each, saved on
    this station and synced like any event (医疗质量安全核心制度要点 2018, 查对制度); it fills the
    nurse and stop-nurse columns of the order sheet."""
    for item in items:
        what = "stop" if item.what["status"] in ENDED else "new"
        ws.record("OrderChecked", patient_id=item.patient_id,
                  payload={"order_id": item.what["order_id"], "what": what})  # fmt: skip


def needs_check(order: dict[str, Any]) -> bool:
    """A new order not yet checked by a nurse, or a stopped one whose stop is not."""
    if order["status"] in ENDED:
        return not order.get("stop_checked_by")
    return not order.get("checked_by")


def worklist(ws: Workstation, ward_id: str | None) -> list[WorkItem]:
    """Every item of the ward's patients, most urgent first."""
    now, times = utc_now(), AdministrationTimes.load()
    settings = NursingSettings.load()
    items: list[WorkItem] = []
    for patient in ws.census(ward_id):
        with ws.store.reading() as conn:
            chart = nursing_chart(conn, patient["patient_id"])
        items += patient_items(chart, now, times=times, settings=settings,
                               formulary=ws.store.reference.formulary())  # fmt: skip
    items += safety_items(ws, ward_id, now)
    return sorted(items, key=urgency)


def my_worklist(
    ws: Workstation, ward_id: str | None
) -> tuple[list[WorkItem], frozenset[str] | None]:
    """The ward's items and the beds the logged-in nurse has on the shift running now by the
    cached roster (None: not on the roster now, the whole ward is hers)."""
    return worklist(ws, ward_id), my_beds(ws, ward_id)


def urgency(item: WorkItem) -> tuple[int, bool, str, str]:
    """Sort key: overdue first, then due now...; within a state the high-alert lines first (an
    overdue NEWS2 of 8 above an overdue routine round), then by time and bed."""
    return (STATE_RANK[item.state], not item.high_alert, item.when or "", item.bed)


def safety_items(ws: Workstation, ward_id: str | None, now: datetime) -> list[WorkItem]:
    """Nursing rounds due by the level (分级护理制度), shown like doses, and critical values not
    yet received (危急值报告制度)."""
    rules, found = ward_safety.settings(), []
    with ws.store.reading() as conn:
        rounds = sq.nursing_rounds(conn, now=now, settings=rules, ward_id=ward_id)
        critical = sq.critical_register(conn, now=now, settings=rules, ward_id=ward_id,
                                        open_only=True)  # fmt: skip
    for r in rounds:
        due = r["round_due"]
        if r["round_state"] == "overdue" or (due is not None and due <= now + COMING):
            state_ = "overdue" if r["round_state"] == "overdue" else "coming"
            found.append(WorkItem(r["patient_id"], r["bed"], r["name"], "round", state_,
                                  iso(due) if due else None, dict(r), f"round:{r['patient_id']}"))  # fmt: skip
    for c in critical:
        if not c["received_at"]:
            found.append(WorkItem(c["patient_id"], c["bed"], c["name"], "critical", "overdue",
                                  c["reported_at"], dict(c), f"critical:{c['critical_id']}",
                                  high_alert=True))  # fmt: skip
    return found


def patient_items(chart: dict[str, Any], now: datetime, *, times: AdministrationTimes,
                  settings: NursingSettings,
                  formulary: Formulary) -> list[WorkItem]:  # fmt: skip
    """One patient's worklist items."""
    p = chart["patient"]

    def item(kind: str, item_state: str, when: str | None, what: dict[str, Any], key: str,
             high_alert: bool = False) -> WorkItem:  # fmt: skip
        return WorkItem(p["patient_id"], p["bed"], p["name"], kind, item_state, when, what, key,
                        high_alert)  # fmt: skip

    found = []
    rows = mar_rows(chart, now, settings=settings, times=times, formulary=formulary)
    orders = {row.order_id: row.order for row in rows}
    high_alert = {row.order_id for row in rows if row.high_alert}
    for dose in open_doses(rows):
        if dose.scheduled_for is not None and dose.scheduled_for <= now + COMING:
            found.append(item("dose", dose.status, dose.scheduled_iso, dict(orders[dose.order_id]),
                              f"{dose.order_id}@{dose.scheduled_iso}",
                              dose.order_id in high_alert))  # fmt: skip
    for given in chart["administrations"]:
        due = given.get("reassess_at")
        if (
            due
            and not given.get("voided")
            and parse_iso(due) - now <= COMING
            and parse_iso(due) > now - RECENT
        ):
            found.append(item("reassess", "overdue" if parse_iso(due) < now else "coming", due, dict(given),
                              f"reassess:{given['administration_id']}"))  # fmt: skip
    for order in chart["orders"]:
        changed = order.get("ended_at") or order["placed_at"]
        key = f"{order['order_id']}:{order['status']}"
        if needs_check(order) and parse_iso(changed) > now - RECENT and not order.get("voided"):
            found.append(item("order", "new", changed, dict(order), key))
    found += _vitals_item(chart, now, item)
    for lab in chart["labs"]:
        if (
            lab.get("flag")
            and not lab.get("voided")
            and parse_iso(lab["resulted_at"]) > now - RECENT
        ):
            found.append(item("result", "flagged", lab["resulted_at"], dict(lab),
                              f"lab:{lab['result_id']}", lab["flag"] in CRITICAL_FLAGS))  # fmt: skip
    return found


def _vitals_item(chart: dict[str, Any], now: datetime, item: Any) -> list[WorkItem]:
    live = [v for v in chart["vitals"] if not v.get("voided")]
    if not live:
        return [item("vitals", "overdue", None, {"news2": None}, "vitals")]
    last = max(live, key=lambda v: v["taken_at"])
    score = news2(last)
    interval = VITALS_INTERVAL["zero" if score.total == 0 else score.risk]
    due = parse_iso(last["taken_at"]) + interval
    if due > now + COMING:
        return []
    item_state = "overdue" if due < now else "coming"
    return [
        item(
            "vitals",
            item_state,
            iso(due),
            {"news2": score.total, "escalate": score.escalate},
            "vitals",
            score.escalate,
        )
    ]

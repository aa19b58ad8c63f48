"""The chart's work on the worker lane, as plain functions (tested without Qt)."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from offline_cache.ward_safety import patient_safety
from offline_cache.workstation import Workstation
from ui import tasks
from ui.screens.assessments.summary import latest_scores
from workstation.clinical.formulary import Formulary
from workstation.clinical.high_alert import is_high_alert
from workstation.clinical.note_deadlines import notes_due
from workstation.clock import now_iso
from workstation.projections import queries
from workstation.projections import tables as pt

OLDER_PAGE_ROWS = 200  # rows of one section read per "load older rows"


@dataclass(frozen=True)
class OlderRows:
    """One page of older rows of a chart section, and the cursor of the page after it."""

    patient_id: str
    section: str
    before: queries.Cursor
    rows: list[dict[str, Any]]
    cursor: queries.Cursor | None
    addenda: list[dict[str, Any]]


def open_chart(ws: Workstation, patient_id: str) -> dict[str, Any]:
    """The chart a screen opens with (audited as opened): the newest rows of each long section
    (`queries.chart_summary`), with its notes due, the author names and the patient's rejected
    events ("needs_attention")."""
    ws.record_access("chart_opened", patient_id)
    with ws.store.reading() as conn:
        rows = ws.store.chart_cache.patient_rows(conn, patient_id)  # unchanged rows: kept
        chart = queries.with_ward_and_clock(conn, patient_id, rows)
        chart["risk_scores"] = latest_scores(conn, patient_id)  # Morse, Braden
    chart["notes_due"] = notes_due(chart)
    chart["needs_attention"] = ws.needs_attention(patient_id)
    chart["user_names"] = tasks.user_names(ws)
    chart["ward_names"] = ws.store.reference.ward_names(chart["patient"].get("ward_id"))
    chart["break_glass"] = live_grant(ws, patient_id)
    _mark_high_alert(ws, chart["orders"])
    chart["safety"] = patient_safety(ws, patient_id)  # 危急值, 护理级别 and rounds, 会诊
    return chart


def read_ahead(ws: Workstation, patient_id: str, generation: int) -> bool:
    """Read a census patient's chart rows into the chart cache before anyone opens the chart
    (skipped while they are kept unchanged). Nothing is shown and nothing is audited: the read
    audit records what a user opens (`open_chart`), and this opens nothing. False: the cache
    has no room left, or was cleared (lock, logout) since `generation`."""
    with ws.store.reading() as conn:
        return ws.store.chart_cache.read_ahead(conn, patient_id, generation)


class _HighAlertMarks:
    """`is_high_alert` per (drug, route), kept across openings while the formulary in force is
    the same object (a published formulary is a new one: the marks start again)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._formulary: Formulary | None = None
        self._known: dict[tuple[Any, Any], bool] = {}

    def known(self, formulary: Formulary) -> dict[tuple[Any, Any], bool]:
        with self._lock:
            if formulary is not self._formulary:
                self._formulary, self._known = formulary, {}
            return self._known


_HIGH_ALERT_MARKS = _HighAlertMarks()


def _mark_high_alert(ws: Workstation, orders: list[dict[str, Any]]) -> None:
    """The high-alert mark beside a high-alert drug on its route, by the formulary in force on the station."""
    formulary = ws.store.reference.formulary()
    known = _HIGH_ALERT_MARKS.known(formulary)  # (drug, route): a long stay repeats a few orders
    for order in orders:
        if order.get("order_kind") != "medication":
            order["high_alert"] = False
            continue
        key = (order.get("drug_code"), order.get("route"))
        mark = known.get(key)
        if mark is None:
            mark = known[key] = is_high_alert(order, formulary)
        order["high_alert"] = mark


def live_grant(ws: Workstation, patient_id: str) -> dict[str, Any] | None:
    """The logged-in user's break-the-glass grant on this patient that runs longest, while it runs
    (its end is the server's receipt plus the minutes, once synced)."""
    g = pt.break_glass_grants.c
    with ws.store.reading() as conn:
        row = conn.execute(
            select(g.reason, g.expires_at)
            .where(g.patient_id == patient_id, g.user_id == ws.user.user_id, g.expires_at > now_iso())
            .order_by(g.expires_at.desc()).limit(1)
        ).first()  # fmt: skip
    return None if row is None else {"reason": row.reason, "expires_at": row.expires_at}


def older_rows(ws: Workstation, patient_id: str, section: str, before: queries.Cursor) -> OlderRows:
    """The next page of older rows of one section (notes come with their addenda)."""
    with ws.store.reading() as conn:
        rows, cursor = queries.chart_page(
            conn, patient_id, section, before=before, limit=OLDER_PAGE_ROWS
        )
        addenda = (
            queries.addenda_of(conn, [row["note_id"] for row in rows]) if section == "notes" else []
        )
    if section == "orders":
        _mark_high_alert(ws, rows)
    return OlderRows(patient_id, section, before, rows, cursor, addenda)


def merge_older(chart: dict[str, Any], page: OlderRows) -> list[dict[str, Any]]:
    """Add a page of older rows to the chart dict (each row once, newest first); returns the
    section's rows after the merge."""
    table, time_column = queries.PAGED_SECTIONS[page.section]
    key = next(iter(table.primary_key.columns)).name
    rows = {row[key]: row for row in (*chart[page.section], *page.rows)}
    chart[page.section] = sorted(
        rows.values(), key=lambda r: (r[time_column], r[key]), reverse=True
    )
    chart["older"][page.section] = page.cursor
    if page.addenda:
        known = {a["addendum_id"] for a in chart["addenda"]}
        chart["addenda"] += [a for a in page.addenda if a["addendum_id"] not in known]
    return list(chart[page.section])

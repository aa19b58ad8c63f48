"""The latest Morse and Braden scores and admission nursing assessment of a patient, for the
chart's Summary tab."""

from __future__ import annotations

import json
from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication
from sqlalchemy import Connection, select

from ui.screens.assessments.admission import ADMISSION, answer_words, item_title
from ui.screens.assessments.dialog import TITLES
from ui.screens.assessments.risk import risk_words
from ui.terms import local_time
from workstation.projections import tables as pt


def latest_scores(conn: Connection, patient_id: str) -> list[dict[str, Any]]:
    """The newest live Morse, Braden and admission nursing assessment of the patient (at most
    one of each)."""
    a = pt.assessments.c
    latest = []
    for kind in (*TITLES, ADMISSION):
        row = conn.execute(
            select(a.kind, a.total, a.risk, a["items"], a.assessed_at)
            .where(a.patient_id == patient_id, a.kind == kind, a.voided.is_(False))
            .order_by(a.assessed_at.desc())
            .limit(1)
        ).first()
        if row is not None:
            latest.append(dict(row._mapping))
    return latest


def score_lines(rows: list[dict[str, Any]]) -> list[str]:
    """One escaped HTML line per score: scale, total, risk words (bold when not low), time."""
    lines = []
    for row in (r for r in rows if r["kind"] in TITLES):
        title = QCoreApplication.translate("Assessments", str(TITLES[row["kind"]]))
        words = escape(risk_words(row["risk"]))
        if row["risk"] not in ("low", "none"):
            words = f"<b>{words}</b>"
        lines.append(
            f"{escape(title)} {row['total']}: {words} ({escape(local_time(row['assessed_at']))})"
        )
    return lines


def admission_lines(rows: list[dict[str, Any]]) -> list[str]:
    """The admission nursing assessment among the rows as escaped HTML: its time, then one line
    per answer ("Pain (0-10): 6/10"); empty when the patient has none."""
    row = next((r for r in rows if r["kind"] == ADMISSION), None)
    if row is None:
        return []
    answers = json.loads(row["items"])
    when = QCoreApplication.translate("Assessments", "Assessed %1").replace(
        "%1", local_time(row["assessed_at"]))  # fmt: skip
    return [escape(when)] + [
        f"{escape(item_title(code))}: {escape(answer_words(code, str(value)))}"
        for code, value in answers.items()
    ]

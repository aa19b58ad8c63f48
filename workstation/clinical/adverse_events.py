"""Adverse-event reports (不良事件): the ADR reporting clock and who may see the reporter.

药品不良反应报告和监测管理办法 (卫生部令第81号, 2011) 第二十条: a new or serious adverse drug
reaction is reported within 15 days of its discovery, a death at once, any other reaction within
30 days. A report may be anonymous to colleagues; the quality office (and the reporter) always
see who reported it (the server applies `visible_report` to every read)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from workstation.clock import iso, parse_iso
from workstation.security.policy import QUALITY_OFFICE_ROLES


def adr_deadline(adr: Mapping[str, Any]) -> tuple[str, str]:
    """(due time, which limit) of an ADR report: `immediately`, `15 days` or `30 days` after the
    reaction was found (its `reaction_at`)."""
    found = parse_iso(adr["reaction_at"])
    if adr.get("outcome") == "death":
        return iso(found), "immediately"
    if adr.get("new_reaction") or adr.get("serious"):
        return iso(found + timedelta(days=15)), "15 days"
    return iso(found + timedelta(days=30)), "30 days"


def sees_reporter(report: Mapping[str, Any], *, viewer_id: str, viewer_role: str) -> bool:
    """Whether this viewer may know who reported: always, unless the report is anonymous and
    the viewer is neither its reporter nor the quality office."""
    return (
        not report.get("anonymous")
        or viewer_id == report.get("reporter_id")
        or viewer_role in QUALITY_OFFICE_ROLES
    )


def visible_report(
    report: Mapping[str, Any], *, viewer_id: str, viewer_role: str
) -> dict[str, Any]:
    """The report as this viewer may read it: the reporter removed when they may not see it."""
    shown = dict(report)
    if not sees_reporter(report, viewer_id=viewer_id, viewer_role=viewer_role):
        shown["reporter_id"] = None
    return shown

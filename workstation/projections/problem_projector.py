"""Fold a problem's resolution into the problems table: the row turns "resolved"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import update

from workstation.events.envelope import Event
from workstation.projections import tables as t

Handler = Callable[[Any, Event], None]


def _resolved(fold: Any, e: Event) -> None:
    """Resolve the problem if it is this patient's and not voided; flag it otherwise."""
    p = t.problems.c
    changed = fold.run(
        update(t.problems)
        .where(p.problem_id == e.payload["problem_id"], p.patient_id == e.patient_id,
               p.voided.is_(False))
        .values(status="resolved")
    ).rowcount  # fmt: skip
    if changed == 0:
        fold.flag(e, "unknown_target", "resolution of a problem this chart does not have")


def problem_handlers() -> dict[str, Handler]:
    """The handlers of the problem list's events beyond ProblemRecorded."""
    return {"ProblemResolved": _resolved}

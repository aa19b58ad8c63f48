"""Fold the nursing record: each signed row is added; a correction marks the row it supersedes
(same patient only; another patient's row is flagged, never touched)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson
from sqlalchemy import update

from workstation.events.envelope import Event
from workstation.projections.nursing_record_tables import nursing_record_rows

Handler = Callable[[Any, Event], None]


def _json(value: Any) -> str | None:
    return orjson.dumps(value).decode() if value else None


def _written(fold: Any, e: Event) -> None:
    p = e.payload
    if p.get("supersedes_id"):
        c = nursing_record_rows.c
        done = fold.run(update(nursing_record_rows)
                        .where(c.row_id == p["supersedes_id"], c.patient_id == e.patient_id)
                        .values(superseded_by=e.event_id))  # fmt: skip
        if done.rowcount == 0:
            fold.flag(e, "unknown_target", "a correction of a row this chart does not have")
    fold.add(nursing_record_rows, {
        "row_id": e.event_id, "patient_id": e.patient_id, "form": p["form"],
        "written_at": p["written_at"], "written_by": e.author_id, "recorded_at": e.recorded_at,
        "vitals_id": p.get("vitals_id"), "observations": _json(p.get("observations")),
        "observation_text": p.get("observation_text"), "measures": p.get("measures"),
        "effect": p.get("effect"), "intake": _json(p.get("intake")), "output": _json(p.get("output")),
        "intake_ml": float(sum((p.get("intake") or {}).values())),
        "output_ml": float(sum((p.get("output") or {}).values())),
        "supersedes_id": p.get("supersedes_id"), "correction_reason": p.get("correction_reason"),
        "superseded_by": None,
    })  # fmt: skip


def nursing_record_handlers() -> dict[str, Handler]:
    """The handler of the nursing record's event."""
    return {"NursingRecordWritten": _written}

"""The patient-flow projection's tables (flow_stays, flow_moves): a page of events is folded by
loading the latest stay of each patient it names, applying the events in memory (flow_fold) and
writing the touched stays back whole, so a year of a hospital folds in a few bulk statements per
page instead of a query per event."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Engine, delete, insert, select

from workstation.clinical.schedule import ward_clock
from workstation.server.flow_fold import FLOW_EVENT_TYPES, FlowStay, Move, apply_event, local
from workstation.server.manage_catchup import EventRow, catch_up
from workstation.server.models import flow_moves, flow_stays

PROJECTION = "patient_flow"
_CHUNK = 900  # ids per IN (...) list


def _chunks(ids: Sequence[str]) -> Iterable[list[str]]:
    for start in range(0, len(ids), _CHUNK):
        yield list(ids[start : start + _CHUNK])


def fold(conn: Connection, rows: Sequence[EventRow]) -> None:
    """Fold a page of event rows (server_seq order) into the flow tables."""
    rows = [r for r in rows if r.type in FLOW_EVENT_TYPES]
    if not rows:
        return
    stays = load_latest(conn, sorted({r.patient_id for r in rows if r.patient_id}))
    touched: dict[str, FlowStay] = {}
    for row in rows:
        event = {"type": row.type, "event_id": row.event_id, "patient_id": row.patient_id,
                 "recorded_at": row.recorded_at, "payload": row.payload}  # fmt: skip
        changed = apply_event(stays, event)
        if changed is not None:
            touched[changed.stay_id] = changed
    save(conn, list(touched.values()))


def load_latest(conn: Connection, patient_ids: Sequence[str]) -> dict[str, FlowStay]:
    """Each patient's latest stay with its moves."""
    s, m = flow_stays.c, flow_moves.c
    latest: dict[str, FlowStay] = {}
    for chunk in _chunks(patient_ids):
        for row in conn.execute(select(flow_stays).where(s.patient_id.in_(chunk))):
            known = latest.get(row.patient_id)
            if known is None or row.admitted_at > known.admitted_at:
                latest[row.patient_id] = FlowStay(row.stay_id, row.patient_id, row.admitted_at,
                                                  discharged_at=row.discharged_at)  # fmt: skip
    by_id = {stay.stay_id: stay for stay in latest.values()}
    for chunk in _chunks(sorted(by_id)):
        query = select(flow_moves).where(m.stay_id.in_(chunk)).order_by(m.stay_id, m.position)
        for row in conn.execute(query):
            by_id[row.stay_id].moves.append(Move(row.ward_id, row.start_at, row.start_kind,
                                                 row.end_at, row.end_kind))  # fmt: skip
    return latest


def save(conn: Connection, stays: Sequence[FlowStay]) -> None:
    """Replace the rows of these stays (a removed stay's rows are deleted)."""
    ids = [stay.stay_id for stay in stays]
    for chunk in _chunks(ids):
        conn.execute(delete(flow_moves).where(flow_moves.c.stay_id.in_(chunk)))
        conn.execute(delete(flow_stays).where(flow_stays.c.stay_id.in_(chunk)))
    kept = [stay for stay in stays if not stay.removed]
    if not kept:
        return
    conn.execute(insert(flow_stays), [
        {"stay_id": st.stay_id, "patient_id": st.patient_id, "ward_id": st.ward_id,
         "admitted_at": st.admitted_at, "discharged_at": st.discharged_at} for st in kept
    ])  # fmt: skip
    conn.execute(insert(flow_moves), [_move_row(st.stay_id, n, mv) for st in kept
                                      for n, mv in enumerate(st.moves)])  # fmt: skip


def _move_row(stay_id: str, position: int, move: Move) -> dict[str, Any]:
    zone = ward_clock()
    start = local(move.start_at, zone)
    end = local(move.end_at, zone) if move.end_at else None
    return {
        "stay_id": stay_id, "position": position, "ward_id": move.ward_id,
        "start_at": move.start_at, "start_kind": move.start_kind,
        "start_dow": start.weekday(), "start_hour": start.hour,
        "end_at": move.end_at, "end_kind": move.end_kind,
        "end_dow": end.weekday() if end else None, "end_hour": end.hour if end else None,
    }  # fmt: skip


def clear(conn: Connection) -> None:
    """Empty the projection (with manage_catchup.reset, to fold the log again)."""
    conn.execute(delete(flow_moves))
    conn.execute(delete(flow_stays))


def catch_up_flow(engine: Engine) -> int:
    """Fold the events that arrived since the last open; return how many were folded."""
    return catch_up(engine, PROJECTION, fold, types=FLOW_EVENT_TYPES)

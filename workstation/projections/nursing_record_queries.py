"""Read the nursing record from the projection (the same on the server and on a station's
replica): a patient's rows in time order, and the form the patient's record takes now."""

from __future__ import annotations

from typing import Any

import orjson
from sqlalchemy import Connection, select

from workstation.clinical.nursing_record import RecordSettings, record_form
from workstation.projections import safety_tables as st
from workstation.projections import tables as t
from workstation.projections.nursing_record_tables import nursing_record_rows

JSON_COLUMNS = ("observations", "intake", "output")


def record_rows(conn: Connection, patient_id: str) -> list[dict[str, Any]]:
    """Every row of a patient's nursing record, superseded ones included, by written time."""
    c = nursing_record_rows.c
    rows = conn.execute(select(nursing_record_rows).where(c.patient_id == patient_id)
                        .order_by(c.written_at, c.recorded_at, c.row_id))  # fmt: skip
    found = []
    for row in rows:
        item = dict(row._mapping)
        for name in JSON_COLUMNS:
            item[name] = orjson.loads(item[name]) if item[name] else {}
        found.append(item)
    return found


def patient_form(conn: Connection, patient_id: str, settings: RecordSettings) -> str:
    """critical or general, from the patient's illness grade and nursing level in force."""
    acuity = conn.execute(select(t.patients.c.acuity)
                          .where(t.patients.c.patient_id == patient_id)).scalar()  # fmt: skip
    level = conn.execute(select(st.nursing_levels.c.level)
                         .where(st.nursing_levels.c.patient_id == patient_id)).scalar()  # fmt: skip
    return record_form(acuity, level, settings)


def latest_vitals(conn: Connection, patient_id: str) -> dict[str, Any] | None:
    """The patient's newest vital signs not voided (for pulling into a row), or None."""
    v = t.vitals.c
    row = conn.execute(select(t.vitals).where(v.patient_id == patient_id, v.voided.is_(False))
                       .order_by(v.taken_at.desc()).limit(1)).first()  # fmt: skip
    return dict(row._mapping) if row else None

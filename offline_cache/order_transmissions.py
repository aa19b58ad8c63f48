"""The OrderTransmitted events of a patient as the station holds them (the LIS's and the PACS's
answers to the ward's orders, recorded by the server's HL7 interface and pulled like any event)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, select

from offline_cache.tables import local_events


def transmissions(conn: Connection, patient_id: str) -> list[dict[str, Any]]:
    """Every OrderTransmitted payload of the patient, in server order."""
    e = local_events.c
    rows = conn.execute(
        select(e.payload)
        .where(e.patient_id == patient_id, e.type == "OrderTransmitted")
        .order_by(e.server_seq, e.local_seq)
    ).scalars()
    return [json.loads(payload) for payload in rows]

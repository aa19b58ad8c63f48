"""The server's own checks of the front sheet, adverse-event and handover events while it accepts
a push: the archive gate (a record is archived only when complete), the ward of a ward report,
and the receiving nurse of a handover. The server proves; the station's screens only warn."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, select

from workstation.clinical.front_sheet import archive_gaps
from workstation.clinical.icd10 import Icd10Catalogue, default_catalogue
from workstation.events.envelope import Event
from workstation.projections import ward_tables as wt
from workstation.projections.ward_queries import record_state
from workstation.security.policy import HOSPITAL_WIDE_ROLES
from workstation.server.auth import User
from workstation.server.refdata import snapshot

CLINICAL_EDITION = "icd10_clinical"  # the hospital's 国家临床版 2.0, when imported
WARD_REPORT_TYPES = frozenset(
    {"AdverseEventReported", "WardHandoverSigned", "WardHandoverReceived"}
)
# Pulled only by their reporter and the quality office (workstation.server.reads).
PRIVATE_TYPES = frozenset({"AdverseEventReported"})


def diagnosis_catalogue(conn: Connection) -> Icd10Catalogue:
    """The WHO list with the hospital's clinical edition laid over, when one is published."""
    found = snapshot(conn, CLINICAL_EDITION)
    if found is None:
        return default_catalogue()
    return default_catalogue().with_clinical_edition(found["content"])


def archive_refusal(
    conn: Connection, event: Event, batch: Sequence[Event]
) -> tuple[str, str] | None:
    """(code, message) refusing a RecordArchived on an incomplete record: no signed discharge
    summary, a note awaiting co-signature, or a front sheet without a valid main diagnosis."""
    if event.type != "RecordArchived" or event.patient_id is None:
        return None
    saved = [e for e in batch if e.type == "FrontSheetSaved" and e.patient_id == event.patient_id]
    sheet: Any = saved[-1].payload if saved else ...
    gaps = archive_gaps(
        record_state(conn, event.patient_id, sheet), diagnoses=diagnosis_catalogue(conn)
    )
    return ("record_incomplete", "; ".join(gaps)) if gaps else None


def ward_report_problem(
    conn: Connection, event: Event, author: User, batch: Sequence[Event]
) -> str | None:
    """Why a ward report may not be taken: a ward not the author's, a patient on the envelope of
    an adverse-event report (it would reach the ward's pull), a handover received by its signer."""
    if event.type not in WARD_REPORT_TYPES:
        return None
    if event.type == "AdverseEventReported" and event.patient_id is not None:
        return "an adverse-event report names its patient in the payload, not on the envelope"
    if author.role not in HOSPITAL_WIDE_ROLES and event.payload["ward_id"] not in author.wards:
        return "the author does not work on this ward"
    if event.type != "WardHandoverReceived":
        return None
    report_id = event.payload["report_id"]
    in_batch = next((e for e in batch if e.event_id == report_id), None)
    h = wt.ward_handovers.c
    row = conn.execute(
        select(h.signed_by, h.ward_id, h.received_by).where(h.report_id == report_id)
    ).first()
    signer = in_batch.author_id if in_batch else (row.signed_by if row else None)
    ward = in_batch.payload.get("ward_id") if in_batch else (row.ward_id if row else None)
    if signer is None:
        return "no such handover report"
    if ward != event.payload["ward_id"]:  # else a nurse of another ward could receive it
        return "the handover report is of another ward"
    if signer == event.author_id:
        return "the handover is received by another nurse than the one handing over"
    if row is not None and row.received_by is not None:
        return "this handover report was already received"
    return None

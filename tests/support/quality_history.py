"""A tiny hand-built event history for the quality indicators (质控): two stays on two wards with
notes on time and late, orders with alerts and overrides, verifications, scans, doses and NEWS2
triggers; the counts the indicators must show are worked out by hand in the tests that use it."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, create_engine, insert

from workstation.clock import iso
from workstation.server.manage_catchup import EventRow
from workstation.server.manage_quality_fold import fold
from workstation.server.manage_quality_queries import quality_indicators
from workstation.server.models import users
from workstation.server.quality_models import metadata as quality_metadata

T0 = datetime(2026, 3, 2, 0, 0, tzinfo=UTC)  # 08:00 on the ward clock (+08:00)
H, MIN = timedelta(hours=1), timedelta(minutes=1)
CALM = {"resp_rate": 16, "spo2_pct": 97, "on_oxygen": False, "systolic_mmhg": 120,
        "pulse_bpm": 80, "consciousness": "A", "temperature_c": 37.0}  # fmt: skip


class History:
    """A tiny event list, built in time order."""

    def __init__(self) -> None:
        self.rows: list[EventRow] = []

    def add(self, at: datetime, kind: str, patient: str | None, author: str, **payload: Any) -> str:
        event_id = f"e{len(self.rows):03d}"
        seq = len(self.rows) + 1
        self.rows.append(
            EventRow(seq, event_id, kind, patient, None, author, "dev", iso(at), iso(at), payload)
        )
        return event_id


def _admit(h: History, patient: str, ward: str, at: datetime, attending: str) -> None:
    h.add(at, "PatientAdmitted", patient, "clerk", ward_id=ward, admitted_at=iso(at),
          attending_id=attending)  # fmt: skip


def _med(h: History, at: datetime, patient: str, doctor: str, frequency: str,
         overrides: dict[str, Any] | None = None) -> str:  # fmt: skip
    med = {"drug_code": "X", "frequency": frequency}
    return h.add(at, "OrderPlaced", patient, doctor, order_kind="medication", start_at=iso(at),
                 medication=med, overrides=overrides)  # fmt: skip


def _notes(h: History) -> None:
    # P1 (CARD, attending d1): first progress on time, admission note late, no ward round (late).
    _admit(h, "P1", "CARD", T0, "d1")
    _admit(h, "P2", "RESP", T0 + 2 * H, "d2")
    h.add(T0 + 6 * H, "NoteSigned", "P1", "d1", note_type="first_progress_note")
    # P2 (RESP, attending d2): first progress 9 h (late), admission 20 h, ward round 40 h by d1.
    h.add(T0 + 11 * H, "NoteSigned", "P2", "d2", note_type="first_progress_note")
    h.add(T0 + 22 * H, "NoteSigned", "P2", "d2", note_type="admission_note")
    h.add(T0 + 30 * H, "NoteSigned", "P1", "d2", note_type="admission_note")
    h.add(T0 + 42 * H, "NoteSigned", "P2", "d1", note_type="ward_round_note")


def _orders(h: History) -> dict[str, str]:
    both = {"alerts": [{"rule_id": "r1", "category": "drug-allergy", "severity": "critical"},
                       {"rule_id": "r2", "category": "dose-single", "severity": "warning"}],
            "reasons": {"r1": "tolerated before"}}  # fmt: skip
    one = {"alerts": [{"rule_id": "r2", "category": "dose-single", "severity": "warning"}],
           "reasons": {"r2": "loading dose"}}  # fmt: skip
    o1 = _med(h, T0 + 1 * H, "P1", "d1", "qd", both)
    h.add(T0 + 90 * MIN, "OrderVerified", "P1", "ph", order_id=o1)  # 30 min
    h.add(T0 + 100 * MIN, "AllergyCheckOverridden", "P1", "ph", order_id=o1,
          step="verification", reason="patient asleep")  # fmt: skip
    o3 = _med(h, T0 + 2 * H, "P1", "d1", "qd")
    h.add(T0 + 2 * H + 45 * MIN, "OrderRejected", "P1", "ph", order_id=o3, reason="duplicate")
    o2 = _med(h, T0 + 3 * H, "P2", "d2", "bid", one)
    h.add(T0 + 5 * H, "OrderVerified", "P2", "ph", order_id=o2)  # 120 min
    return {"o1": o1, "o2": o2}


def _doses(h: History, o: dict[str, str]) -> None:
    # o2 (bid 08:00/20:00 local = 00:00/12:00 UTC) runs from 05:00 until stopped next morning:
    # due 12:00 (given 13:30, late, unable to scan) and 00:00 (refused: documented, not missed).
    h.add(T0 + 13 * H + 20 * MIN, "BedsideChecked", "P2", "n2", order_id=o["o2"],
          result="unable_to_scan", unable_to_scan_reason="wristband torn")  # fmt: skip
    h.add(T0 + 13 * H + 30 * MIN, "MedicationAdministered", "P2", "n2", order_id=o["o2"],
          outcome="given", administered_at=iso(T0 + 13.5 * H), scheduled_for=iso(T0 + 12 * H))  # fmt: skip
    h.add(T0 + 24 * H, "MedicationAdministered", "P2", "n2", order_id=o["o2"], outcome="refused",
          administered_at=iso(T0 + 24 * H), scheduled_for=iso(T0 + 24 * H), reason="nausea")  # fmt: skip
    h.add(T0 + 30 * H, "OrderDiscontinued", "P2", "d2", order_id=o["o2"], reason="done")
    # o1 (qd 00:00 UTC, from 01:30): 03-03 given on time with a scan; 03-04 missed; 03-05 open.
    h.add(T0 + 24 * H + 25 * MIN, "BedsideChecked", "P1", "n1", order_id=o["o1"],
          wristband_code="W1", drug_code_scanned="X", result="match")  # fmt: skip
    h.add(T0 + 24 * H + 30 * MIN, "MedicationAdministered", "P1", "n1", order_id=o["o1"],
          outcome="given", administered_at=iso(T0 + 24.5 * H), scheduled_for=iso(T0 + 24 * H))  # fmt: skip


def _news2(h: History) -> None:
    nine = {**CALM, "resp_rate": 25, "spo2_pct": 91, "pulse_bpm": 135}
    h.add(T0 + 10 * H, "VitalsRecorded", "P1", "n1", taken_at=iso(T0 + 10 * H), **nine)
    h.add(T0 + 10 * H + 20 * MIN, "NoteSigned", "P1", "d1", note_type="daily_progress_note")
    h.add(T0 + 12 * H, "VitalsRecorded", "P2", "n2", taken_at=iso(T0 + 12 * H),
          **{**CALM, "consciousness": "V"})  # fmt: skip
    h.add(T0 + 12 * H + 30 * MIN, "NoteSigned", "P2", "n2", note_type="nursing_note")  # no answer
    h.add(T0 + 14 * H, "OrderPlaced", "P2", "d2", order_kind="lab", description="血气")
    h.add(T0 + 15 * H, "VitalsRecorded", "P2", "n2", taken_at=iso(T0 + 15 * H), **CALM)
    five = {**CALM, "resp_rate": 22, "spo2_pct": 94, "pulse_bpm": 95, "temperature_c": 38.5}
    h.add(T0 + 68 * H, "VitalsRecorded", "P1", "n1", taken_at=iso(T0 + 68 * H), **five)


def history_rows() -> list[EventRow]:
    """The history's events in time order (server_seq counting up)."""
    h = History()
    _notes(h)
    orders = _orders(h)
    _news2(h)
    _doses(h, orders)
    ordered = sorted(h.rows, key=lambda r: r.recorded_at)
    return [replace(row, server_seq=seq) for seq, row in enumerate(ordered, start=1)]


def folded_engine() -> Engine:
    """The quality tables and the users table in memory, folded from the history above."""
    engine = create_engine("sqlite://")
    quality_metadata.create_all(engine)
    users.create(engine)
    rows = history_rows()
    with engine.begin() as conn:
        conn.execute(insert(users), [
            {"user_id": u, "username": u, "display_name": name, "role": "physician", "wards": "",
             "password_hash": "x", "created_at": iso(T0)}
            for u, name in (("d1", "王医生"), ("d2", "李医生"))
        ])  # fmt: skip
        fold(conn, rows[:7])  # two pages, as the catch-up hands them over
        fold(conn, rows[7:])
    return engine


def indicators(engine: Engine, wards: frozenset[str] | None = None) -> dict[str, Any]:
    """The indicators of the history, 3 days after the first admission."""
    with engine.connect() as conn:
        return quality_indicators(conn, wards=wards, start=T0 - 24 * H, end=T0 + 96 * H,
                                  now=T0 + 72 * H)  # fmt: skip

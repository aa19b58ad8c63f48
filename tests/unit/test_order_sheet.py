"""The order sheet (病历书写基本规范 2010 Art. 26): 长期/临时 as the doctor chose, the nurse's
check (OrderChecked) in the nurse and stop-nurse columns, 重整医嘱, verbal orders, 出院带药."""

from __future__ import annotations

import itertools
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, create_engine

from workstation.clinical.formulary import default_formulary
from workstation.clinical.order_sheet import (
    LONG_TERM,
    TEMPORARY,
    OrderSheetSettings,
    default_term,
    flipped,
    verbal_state,
)
from workstation.clinical.schedule import AdministrationTimes
from workstation.events.envelope import Event
from workstation.events.validation import event_problems
from workstation.projections.nursing_queries import nursing_chart
from workstation.projections.order_sheet_queries import with_order_sheet
from workstation.projections.projector import apply_events
from workstation.projections.queries import review_flags
from workstation.projections.tables import metadata
from workstation.reports.context import Hospital, PrintContext, _names
from workstation.reports.discharge import discharge_prescription
from workstation.reports.notes import discharge_summary
from workstation.reports.order_sheet import order_sheets
from workstation.security.policy import permission_problem

P1 = "0190b8e2-7c3a-7d1e-9f00-00000000a001"
_seq = itertools.count(1)
USERS = {"doc-1": "王医生", "nurse-1": "李护士", "nurse-2": "赵护士"}


def ev(kind: str, payload: dict[str, Any], minute: int, author: str = "doc-1") -> Event:
    seq = next(_seq)
    event = Event(f"0190b8e2-7c3a-7d1e-9f00-{seq + 0xB000:012x}", kind, P1, author, "dev-1", seq,
                  f"2024-03-01T{8 + minute // 60:02d}:{minute % 60:02d}:00.000Z", payload)  # fmt: skip
    assert event_problems(event) == [], event_problems(event)
    return event


def admitted() -> Event:
    return ev("PatientAdmitted", {
        "record_number": "MRN-A001", "name": "张三", "sex": "female", "birth_date": "1950-05-17",
        "ward_id": "W1", "bed": "7", "admitted_at": "2024-03-01T08:00:00.000Z",
    }, 0)  # fmt: skip


def nursing(text: str, minute: int, **extra: Any) -> Event:
    return ev("OrderPlaced", {"order_kind": "nursing", "description": text, **extra}, minute)


def med(minute: int, **extra: Any) -> Event:
    return ev("OrderPlaced", {
        "order_kind": "medication", "description": "氨氯地平 5mg po qd",
        "medication": {"drug_code": "amlodipine", "drug_name": "氨氯地平", "dose_value": 5,
                       "dose_unit": "mg", "route": "po", "frequency": "qd"}, **extra,
    }, minute)  # fmt: skip


@pytest.fixture
def conn() -> Iterator[Connection]:
    engine = create_engine("sqlite://")
    metadata.create_all(engine)
    with engine.begin() as connection:
        yield connection
    engine.dispose()


def chart_of(conn: Connection) -> dict[str, Any]:
    return with_order_sheet(conn, nursing_chart(conn, P1))


def sheet_text(conn: Connection, tmp_path: Path, lang: str = "zh_CN", document: Any = order_sheets,
               at: str = "2024-03-01T12:00:00") -> str:  # fmt: skip
    ctx = PrintContext(lang=lang, printed_by="x",
                       printed_at=datetime.fromisoformat(at).replace(tzinfo=UTC),
                       hospital=Hospital.load(), times=AdministrationTimes.load(), users=USERS,
                       drugs=_names(default_formulary()))  # fmt: skip
    path = tmp_path / f"{document.__name__}-{lang}.pdf"
    path.write_bytes(document(ctx, chart_of(conn)))
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout  # fmt: skip


def sections(text: str) -> tuple[str, str]:
    """(long-term part, temporary part) of the printed sheets."""
    long_part, _, temporary = text.rpartition("临时医嘱单")  # the temporary sheet's heading
    return long_part, temporary


def test_the_default_term_follows_the_kind_and_the_frequency_and_one_flip_changes_it() -> None:
    assert default_term("medication", "st") == TEMPORARY
    assert default_term("lab", None) == default_term("imaging", None) == TEMPORARY
    assert default_term("medication", "bid") == default_term("nursing", None) == LONG_TERM
    assert default_term("medication", "qd", discharge=True) == TEMPORARY
    assert flipped(LONG_TERM) == TEMPORARY and flipped(TEMPORARY) == LONG_TERM


def test_catheterisation_chosen_as_temporary_prints_on_the_temporary_sheet(conn, tmp_path):
    apply_events(conn, [admitted(), nursing("一级护理", 1), nursing("导尿", 2, term="temporary"),
                        nursing("留置导尿管护理", 3)])  # fmt: skip
    long_part, temporary = sections(sheet_text(conn, tmp_path))
    assert "导尿" in temporary and "留置导尿管护理" not in temporary
    assert "一级护理" in long_part and "留置导尿管护理" in long_part
    assert "导尿" not in long_part.replace("留置导尿管护理", "")


def test_an_order_from_before_the_term_keeps_the_old_inference(conn, tmp_path):
    apply_events(conn, [admitted(), nursing("导尿", 2)])  # no term: a nursing order is 长期
    long_part, temporary = sections(sheet_text(conn, tmp_path))
    assert "导尿" in long_part and "导尿" not in temporary


def test_the_stop_nurse_cell_fills_only_after_the_check_of_the_stop(conn, tmp_path):
    order = med(1)
    apply_events(conn, [admitted(), order,
                        ev("OrderChecked", {"order_id": order.event_id, "what": "new"}, 2, "nurse-1"),
                        ev("OrderDiscontinued", {"order_id": order.event_id, "reason": "BP low"}, 30)])  # fmt: skip
    long_part, _ = sections(sheet_text(conn, tmp_path))
    row = next(line for line in long_part.splitlines() if "氨氯地平" in line)
    assert "李护士" in row and "王医生" in row and "赵护士" not in row
    apply_events(
        conn, [ev("OrderChecked", {"order_id": order.event_id, "what": "stop"}, 31, "nurse-2")]
    )
    long_part, _ = sections(sheet_text(conn, tmp_path))
    row = next(line for line in long_part.splitlines() if "氨氯地平" in line)
    assert "赵护士" in row


def test_a_check_of_a_stop_on_an_order_in_force_is_flagged_not_shown(conn, tmp_path):
    order = med(1)
    early = ev("OrderChecked", {"order_id": order.event_id, "what": "stop"}, 2, "nurse-2")
    apply_events(conn, [admitted(), order, early])
    assert {f["flag_kind"] for f in review_flags(conn)} == {"order_not_stopped"}
    assert "赵护士" not in sheet_text(conn, tmp_path)


def test_reorganising_draws_the_line_and_reissues_the_orders_in_force(conn, tmp_path):
    kept, stopped = med(1), nursing("一级护理", 2)
    apply_events(conn, [admitted(), kept, stopped,
                        ev("OrderDiscontinued", {"order_id": stopped.event_id, "reason": "改二级"}, 10),
                        ev("OrderSheetReorganised", {"reason": "many_changes"}, 20), nursing("二级护理", 30)])  # fmt: skip
    long_part, _ = sections(sheet_text(conn, tmp_path))
    after = long_part.split("重整医嘱", 1)[1]
    assert "氨氯地平" in after and "一级护理" not in after and "二级护理" in after
    assert "氨氯地平" in long_part.split("重整医嘱", 1)[0]
    english = sheet_text(conn, tmp_path, "en_US")
    assert "Orders reorganised" in english


def test_a_verbal_order_is_a_nurses_in_a_rescue_and_overdue_unsigned_after_six_hours(
    conn, tmp_path
):
    assert permission_problem("nurse", "OrderPlaced", {"order_kind": "medication",
                              "verbal_from": "doc-1", "urgent": True}) is None  # fmt: skip
    assert permission_problem("nurse", "OrderPlaced", {"order_kind": "medication"}) is not None
    assert permission_problem("physician", "OrderPlaced", {"order_kind": "medication",
                              "verbal_from": "doc-1", "urgent": True}) is not None  # fmt: skip
    with pytest.raises(AssertionError):  # not urgent: not a rescue
        ev(
            "OrderPlaced",
            {"order_kind": "nursing", "description": "吸氧", "verbal_from": "doc-1"},
            1,
        )
    verbal = ev("OrderPlaced", {"order_kind": "nursing", "description": "吸氧 5L/min", "urgent": True,
                                "verbal_from": "doc-1", "term": "temporary"}, 1, "nurse-1")  # fmt: skip
    apply_events(conn, [admitted(), verbal])
    (row,) = chart_of(conn)["orders"]
    settings = OrderSheetSettings.load()
    assert settings.verbal_sign_within.total_seconds() == 6 * 3600
    soon = datetime(2024, 3, 1, 14, 0, tzinfo=UTC)
    late = datetime(2024, 3, 1, 14, 2, tzinfo=UTC)
    assert verbal_state(row, soon, settings) == "awaiting"
    assert verbal_state(row, late, settings) == "overdue"
    flat = "".join(sheet_text(conn, tmp_path, at="2024-03-01T15:00:00").split())
    assert "超时未" in flat and "口头医嘱：王医生（李护士接）" in flat  # 超时未补签, wrapped
    apply_events(conn, [ev("VerbalOrderSigned", {"order_id": verbal.event_id}, 100)])
    (row,) = chart_of(conn)["orders"]
    assert verbal_state(row, late, settings) == "signed"
    printed = "".join(sheet_text(conn, tmp_path, at="2024-03-01T15:00:00").split())
    assert "已补签" in printed and "超时" not in printed


def test_discharge_medicines_are_their_own_orders_oral_or_external_only(conn, tmp_path):
    supply = {"quantity": 14, "unit": "片", "days": 14}
    infusion = med(1, discharge=supply, term="temporary")
    assert any("oral or external" in p for p in _problems(infusion, route="ivgtt"))
    home = med(2, discharge=supply, term="temporary")
    apply_events(conn, [admitted(), ev("OrderPlaced", {
        "order_kind": "medication", "description": "头孢曲松 2g ivgtt qd",
        "medication": {"drug_code": "ceftriaxone", "drug_name": "头孢曲松", "dose_value": 2,
                       "dose_unit": "g", "route": "ivgtt", "frequency": "qd"}}, 1), home])  # fmt: skip
    rx = sheet_text(conn, tmp_path, document=discharge_prescription)
    assert "出院带药处方" in rx and "氨氯地平" in rx and "14 片" in rx and "头孢曲松" not in rx
    summary = sheet_text(conn, tmp_path, document=discharge_summary)
    meds = summary.split("出院带药", 1)[1]
    assert "氨氯地平" in meds and "14 天" in meds and "头孢曲松" not in meds


def _problems(event: Event, route: str) -> list[str]:
    payload = {**event.payload, "medication": {**event.payload["medication"], "route": route}}
    return event_problems(replace(event, payload=payload))

"""The stations' own readings of a chart see each order's bag and 出院带药 parts: the order line's
check context (the bag's other drugs active, a discharge drug not inpatient therapy) and the
pharmacy's ward dispensing label (every drug of the bag and its carrier). Plain functions on a
workstation stand-in whose store reads a folded projection (no server, no Qt)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import Connection

from offline_cache.tables import refdata
from tests.unit.pharmacy_fixtures import ev, fold, projection_db, receive
from tests.unit.test_order_group_pharmacy import discharge, place_bag
from tests.unit.test_verification import admit
from tests.unit.test_verification import order as place
from ui.screens.orders.tasks import order_context
from ui.screens.pharmacy.tasks import ward_label
from workstation.clinical.dispensing import ward_pick_list
from workstation.clinical.formulary import default_formulary
from workstation.projections import queries


@pytest.fixture
def conn() -> Iterator[Connection]:
    """A fresh projection database, with the station's (empty) reference data beside it."""
    for connection in projection_db():
        refdata.create(connection)
        yield connection


def station(conn: Connection) -> Any:
    """A workstation stand-in: its store reads the test's projection, its formulary the shipped one."""

    @contextmanager
    def reading() -> Iterator[Connection]:
        yield conn

    reference = SimpleNamespace(formulary=default_formulary)
    return SimpleNamespace(
        store=SimpleNamespace(reading=reading, reference=reference),
        user=SimpleNamespace(display_name="药师"),
        record_access=lambda *args: None,
    )


def test_the_order_line_sees_the_bags_drugs_and_not_the_discharge_drugs(conn: Connection) -> None:
    pid = admit(conn, "张三")
    place_bag(conn, pid)
    discharge(conn, pid, "omeprazole")  # taken home: not a PPI the patient is on in the ward
    chart = queries.chart(conn, pid)
    context = order_context(station(conn), chart, default_formulary(), frequent={})
    assert [o.drug_code for o in context.patient.active_orders] == [
        "furosemide", "piperacillin_tazobactam", "potassium_chloride_inj"
    ]  # fmt: skip


def test_the_ward_dispensing_label_prints_the_bags_drugs(conn: Connection, tmp_path: Path) -> None:
    pid = admit(conn, "张三")
    bag = place_bag(conn, pid)
    fold(conn, ev("OrderVerified", {"order_id": bag}, pid))
    receive(conn, "furosemide", "FUR1", "2027-12-31", 20, unit="amp")
    start = datetime(2026, 3, 1, 0, 0, tzinfo=UTC)
    [line] = ward_pick_list(conn, "W1", start=start, formulary=default_formulary())
    path = ward_label(station(conn), line, "FUR1", tmp_path, "zh_CN")
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout  # fmt: skip
    # the high-alert potassium chloride keeps its ▲ inside the bag
    for word in (
        "呋塞米",
        "+ 哌拉西林他唑巴坦 4.5 g",
        "+ ▲ 氯化钾注射液 1 g",
        "+ 0.9%氯化钠注射液 100ml",
    ):
        assert word in text, (word, text.splitlines())


def test_a_single_drug_label_has_no_bag_lines(conn: Connection, tmp_path: Path) -> None:
    pid = admit(conn, "张三")
    single = place(conn, pid, "omeprazole", "2026-03-01T07:00:00.000Z")
    fold(conn, ev("OrderVerified", {"order_id": single}, pid))
    start = datetime(2026, 3, 1, 0, 0, tzinfo=UTC)
    [line] = ward_pick_list(conn, "W1", start=start, formulary=default_formulary())
    path = ward_label(station(conn), line, "OME1", tmp_path, "zh_CN")
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout  # fmt: skip
    assert "+ " not in text and "奥美拉唑" in text

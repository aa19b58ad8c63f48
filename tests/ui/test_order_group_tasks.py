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
from ui.screens.pharmacy.tasks import pick_and_label, print_pick_list, ward_label
from workstation.clinical.barcodes import label_code
from workstation.clinical.dispensing import ward_pick_list
from workstation.clinical.formulary import default_formulary
from workstation.clinical.stock import PHARMACY_STORE, lots_on_hand
from workstation.projections import queries

START = datetime(2026, 3, 1, 0, 0, tzinfo=UTC)


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
        record=lambda kind, *, patient_id, payload: fold(conn, ev(kind, payload, patient_id)),
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
    line = ward_pick_list(conn, "W1", start=start, formulary=default_formulary())[0]  # 呋塞米
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


def test_scanning_a_bags_label_picks_every_drug_and_its_carrier(
    conn: Connection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dispensing path: one scan of the order's label dispenses each drug of the bag and
    the carrier from its own first-expiry lot (stock goes down for each), one label each."""
    monkeypatch.setattr("ui.screens.pharmacy.tasks.utc_now", lambda: START)
    monkeypatch.setattr("ui.screens.pharmacy.tasks.today", lambda: START.date())
    pid = admit(conn, "张三")
    bag = place_bag(conn, pid)
    fold(conn, ev("OrderVerified", {"order_id": bag}, pid))
    stocked = {"furosemide": "amp", "piperacillin_tazobactam": "vial",
               "potassium_chloride_inj": "amp", "sodium_chloride_09": "bag"}  # fmt: skip
    for drug, unit in stocked.items():
        receive(conn, drug, f"{drug}-late", "2028-06-30", 20, unit=unit)
        receive(conn, drug, f"{drug}-soon", "2027-06-30", 20, unit=unit)
    due = ward_pick_list(conn, "W1", start=START, formulary=default_formulary())
    first, path = pick_and_label(station(conn), "W1", label_code(bag), tmp_path, "zh_CN")
    assert first.drug_code == "furosemide"
    left = {lot.lot: lot.quantity for lot in lots_on_hand(conn, PHARMACY_STORE)}
    for line in due:  # each drug: its first-expiry lot down by the doses due, the later untouched
        assert left[f"{line.drug_code}-soon"] == 20 - line.quantity, line
        assert left[f"{line.drug_code}-late"] == 20
    after = ward_pick_list(conn, "W1", start=START, formulary=default_formulary())
    assert all(line.done for line in after) and len(after) == 4
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout  # fmt: skip
    for lot in ("furosemide-soon", "potassium_chloride_inj-soon", "sodium_chloride_09-soon"):
        assert lot in text, text
    printed = print_pick_list(station(conn), "W1", tmp_path, "en_US")  # 摆药单: all four ticked
    text = subprocess.run(["pdftotext", "-layout", str(printed), "-"], check=True,
                          capture_output=True, text=True).stdout  # fmt: skip
    assert text.count("✓") == 4 and "+ Piperacillin" in text, text

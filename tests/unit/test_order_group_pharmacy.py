"""Every drug of a bag (an order group: the first drug, the others and the carrier) is re-checked
by the pharmacist, needs its skin test at verification and at the bedside, and is printed on the
pharmacy's dispensing label; 出院带药 is not inpatient therapy for the interaction and duplicate
checks (a discharge drug is checked against the other discharge drugs and the allergies)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection

from tests.unit.pharmacy_fixtures import ev, fold, projection_db
from tests.unit.test_bcma import DAY, ORDER_ID, PATIENT, at, scan
from tests.unit.test_mar import TIMES
from tests.unit.test_mar import order as mar_order
from tests.unit.test_verification import TODAY, admit
from tests.unit.test_verification import order as place
from workstation.clinical.barcodes import label_code
from workstation.clinical.bcma import check_drug
from workstation.clinical.checks.context import patient_context_from_chart
from workstation.clinical.formulary import default_formulary
from workstation.clinical.mar import mar_grid
from workstation.clinical.schedule import AdministrationTimes
from workstation.clinical.skin_tests import skin_test_payload
from workstation.clinical.verification import verification_queue, verify_refusal
from workstation.projections import queries
from workstation.projections.order_sheet_queries import with_order_sheet
from workstation.reports.context import Hospital, PrintContext, _names
from workstation.reports.labels import DispenseLabel, bag_lines, dispensing_labels

PIPTAZ = {"drug_code": "piperacillin_tazobactam", "drug_name": "哌拉西林他唑巴坦",
          "dose_value": 4.5, "dose_unit": "g", "route": "ivgtt", "frequency": "q8h"}  # fmt: skip
KCL = {"drug_code": "potassium_chloride_inj", "drug_name": "氯化钾注射液", "dose_value": 1,
       "dose_unit": "g", "route": "ivgtt", "frequency": "q8h"}  # fmt: skip
GROUP = {"carrier": {"code": "ns", "volume_ml": 100}, "members": [PIPTAZ, KCL]}


@pytest.fixture
def conn() -> Iterator[Connection]:
    """A fresh projection database."""
    yield from projection_db()


def place_bag(conn: Connection, pid: str) -> str:
    """NS 100ml + 呋塞米 20mg + 哌拉西林他唑巴坦 4.5g + 氯化钾 1g ivgtt q8h."""
    medication = {"drug_code": "furosemide", "drug_name": "呋塞米", "dose_value": 20,
                  "dose_unit": "mg", "route": "ivgtt", "frequency": "q8h"}  # fmt: skip
    payload = {"order_kind": "medication", "medication": medication, "group": GROUP,
               "description": "NS 100ml + 呋塞米 20mg + 哌拉西林他唑巴坦 4.5g + 氯化钾 1g ivgtt q8h"}  # fmt: skip
    return fold(conn, ev("OrderPlaced", payload, pid, at="2026-03-01T07:00:00.000Z",
                         author="doc-1"))[0].event_id  # fmt: skip


def test_the_pharmacist_rechecks_every_drug_of_the_bag(conn: Connection) -> None:
    pid = admit(conn, "张三")
    fold(conn, ev("AllergyRecorded", {"substance": "penicillin", "severity": "severe"}, pid))
    bag = place_bag(conn, pid)
    entry = next(w for w in verification_queue(conn, today=TODAY) if w.order_id == bag)
    # furosemide, the first drug, raises nothing; the penicillin and the KCl inside the bag do
    assert "drug-allergy" in {a.category for a in entry.alerts}
    assert entry.high_alert  # potassium chloride injection, not the furosemide
    assert entry.skin_test == "pending"  # the penicillin inside the bag, not the furosemide
    assert "skin test" in (verify_refusal(conn, bag, today=TODAY) or "")
    fold(conn, ev("SkinTestRecorded", skin_test_payload(
        substance="penicillin", result="negative", read_at="2026-03-01T07:40:00.000Z",
        witness_id="nurse-2", author_id="nurse-1"), pid, author="nurse-1"))  # fmt: skip
    assert verify_refusal(conn, bag, today=TODAY) is None


def test_an_active_bags_other_drugs_count_as_active_for_a_new_order(conn: Connection) -> None:
    pid = admit(conn, "张三")
    place_bag(conn, pid)
    chart = with_order_sheet(conn, queries.chart(conn, pid))
    active = patient_context_from_chart(chart, today=TODAY).active_orders
    assert [o.drug_code for o in active] == ["furosemide", "piperacillin_tazobactam",
                                             "potassium_chloride_inj"]  # fmt: skip
    assert active[1].dose_value == 4.5 and active[1].route == "ivgtt"


def test_a_drug_inside_the_bag_needing_a_skin_test_cannot_be_scanned_before_it() -> None:
    bag = mar_order(ORDER_ID, drug_code="furosemide", route="ivgtt", frequency="tid",
                    group=GROUP)  # fmt: skip
    rows = mar_grid({"orders": [bag], "administrations": [], "skin_tests": []}, start=DAY,
                    end=DAY + timedelta(days=1), now=at(6), times=TIMES,
                    formulary=default_formulary())  # fmt: skip
    assert rows[0].skin_test == "pending"
    assert check_drug(PATIENT, rows, scan(label_code(ORDER_ID)), now=at(6)).blocked


def discharge(conn: Connection, pid: str, drug: str) -> str:
    """A 出院带药 order of the drug (500 mg po tid, 7 days)."""
    return place(conn, pid, drug, "2026-03-01T09:00:00.000Z",
                 discharge={"quantity": 21, "unit": "片", "days": 7}, term="temporary")  # fmt: skip


def duplicates(entry: Any) -> set[str]:
    return {a.category for a in entry.alerts} & {"therapeutic-duplication", "drug-drug"}


def test_discharge_medicines_are_not_concurrent_inpatient_therapy(conn: Connection) -> None:
    pid = admit(conn, "张三")
    fold(conn, ev("AllergyRecorded", {"substance": "penicillin", "severity": "severe"}, pid))
    inpatient = place(conn, pid, "omeprazole", "2026-03-01T07:00:00.000Z")
    home = discharge(conn, pid, "omeprazole")  # the same PPI, taken home after the stay
    queue = {w.order_id: w for w in verification_queue(conn, today=TODAY)}
    assert duplicates(queue[inpatient]) == set() and duplicates(queue[home]) == set()
    chart = with_order_sheet(conn, queries.chart(conn, pid))
    inpatient_context = patient_context_from_chart(chart, today=TODAY)
    assert [o.drug_code for o in inpatient_context.active_orders] == ["omeprazole"]
    home_context = patient_context_from_chart(chart, today=TODAY, discharge=True)
    assert [o.text for o in home_context.active_orders] == ["omeprazole 500mg po tid"]
    # a second discharge PPI is a duplicate of the first; a discharge penicillin meets the allergy
    second = discharge(conn, pid, "pantoprazole")
    amox = discharge(conn, pid, "amoxicillin")
    queue = {w.order_id: w for w in verification_queue(conn, today=TODAY)}
    assert "therapeutic-duplication" in duplicates(queue[second])
    assert "drug-allergy" in {a.category for a in queue[amox].alerts}


def label_context(lang: str) -> PrintContext:
    """A print context with the shipped formulary's names."""
    return PrintContext(lang=lang, printed_by="药师", printed_at=DAY, hospital=Hospital.load(),
                        times=AdministrationTimes.load(), drugs=_names(default_formulary()))  # fmt: skip


@pytest.mark.parametrize(("lang", "words"), [
    ("zh_CN", ["呋塞米", "+ 哌拉西林他唑巴坦", "4.5 g", "+ 氯化钾", "+ 0.9%氯化钠注射液 100ml"]),
    ("en_US", ["Furosemide", "+ Piperacillin", "4.5 g", "+ Potassium chloride", "100 mL"]),
])  # fmt: skip
def test_the_dispensing_label_prints_every_drug_of_the_bag(
    tmp_path: Path, lang: str, words: list[str]
) -> None:
    ctx = label_context(lang)
    lines = bag_lines(ctx, {"group": GROUP})
    assert len(lines) == 3 and bag_lines(ctx, {"group": None}) == ()
    item = DispenseLabel("张三", "1床", "furosemide", "呋塞米", "20 mg", "ivgtt", "q8h", 3, "支",
                         "L1", "2027-01-01", lines)  # fmt: skip
    path = tmp_path / "label.pdf"
    path.write_bytes(dispensing_labels(ctx, [item]))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout  # fmt: skip
    for word in words:
        assert word.casefold() in text.casefold(), (word, text)

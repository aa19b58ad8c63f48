"""The first day's in-patients from a file: a good file admits them through the HL7 admission
path (signed by the interface, the HIS's identifiers filed); every kind of bad row is named by
row and column and nothing is imported; importing again changes nothing."""

from __future__ import annotations

import csv
from pathlib import Path

import hl7
import pytest
from openpyxl import Workbook
from sqlalchemy import Engine, func, select

from tests.support.hl7_day import adt
from tests.support.ward import seed_ward
from workstation.projections import tables as pt
from workstation.server.cli import main
from workstation.server.db import reader
from workstation.server.hl7_inbound import Inbox
from workstation.server.models import events
from workstation.server.patient_import import import_patients

HEADER = ["record_number", "name", "sex", "birth_date", "ward", "bed", "attending", "allergies",
          "diagnoses"]  # fmt: skip
GOOD = [
    ["MRN-1", "张𪚥", "男", "1950-03-04", "CARD", "1", "doc.card", "青霉素; 磺胺",
     "I10 原发性高血压; J18.9 肺炎"],
    ["MRN-2", "李四", "F", "19620708", "RESP", "2", "", "无", "慢性阻塞性肺病急性加重"],
]  # fmt: skip


def _rows(table: list[list[str]]) -> list[dict[str, str]]:
    return [dict(zip(HEADER, row, strict=True)) for row in table]


def _count(engine: Engine, table=events) -> int:  # type: ignore[no-untyped-def]  # noqa: ANN001
    with reader(engine) as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


@pytest.fixture
def ward(server_engine: Engine) -> Engine:
    """The test wards CARD and RESP (beds 1-15) with the cardiology doctor."""
    seed_ward(server_engine)
    return server_engine


def test_a_good_file_admits_through_the_hl7_admission_path(ward: Engine) -> None:
    done = import_patients(ward, _rows(GOOD), authority="HOSP", operator="it")
    assert done.report.ok and (done.admitted, done.already) == (2, 0)
    with reader(ward) as conn:
        patients = {r.record_number: r for r in conn.execute(select(pt.patients))}
        allergies = conn.execute(select(pt.allergies.c.substance)).scalars().all()
        problems = conn.execute(select(pt.problems.c.icd10, pt.problems.c.description)).all()
        authors = set(conn.execute(select(events.c.author_id)).scalars())
    assert (patients["MRN-1"].name, patients["MRN-1"].sex, patients["MRN-1"].bed) == (
        "张𪚥", "male", "1")  # fmt: skip
    assert patients["MRN-2"].birth_date == "1962-07-08" and patients["MRN-2"].ward_id == "RESP"
    assert sorted(allergies) == ["磺胺", "青霉素"]
    assert ("I10", "原发性高血压") in problems and (None, "慢性阻塞性肺病急性加重") in problems
    assert len(authors) == 1  # the interface identity, as the HIS's admissions are
    inbox = Inbox(ward)  # the HIS's next ADT (same authority) finds the imported patient
    ack = hl7.parse(inbox.handle(adt("T1", "A02", "MRN-1", location="RESP^^9").encode()).decode())
    assert str(ack["MSA.1"]) == "AA"
    with reader(ward) as conn:
        moved = conn.execute(select(pt.patients.c.ward_id).where(
            pt.patients.c.record_number == "MRN-1")).scalar()  # fmt: skip
    assert moved == "RESP" and authors == {inbox.identity.user.user_id}
    before = _count(ward)
    again = import_patients(ward, _rows(GOOD), authority="HOSP", operator="it")
    assert again.report.ok and (again.admitted, again.already) == (0, 2)
    assert _count(ward) == before


BAD_ROWS = [  # (row, the column named)
    (["MRN-3", "", "男", "1950-01-01", "CARD", "3", "", "", ""], "name"),
    (["MRN-4", "王五", "x", "1950-01-01", "CARD", "4", "", "", ""], "sex"),
    (["MRN-5", "赵六", "女", "1950-13-01", "CARD", "5", "", "", ""], "birth_date"),
    (["MRN-6", "孙七", "女", "1950-01-01", "CARD", "6", "", "", "Q99.99x 不存在"], "diagnoses"),
    (["MRN-1", "重复", "女", "1950-01-01", "CARD", "7", "", "", ""], "record_number"),
    (["MRN-8", "同床", "女", "1950-01-01", "CARD", "1", "", "", ""], "bed"),
    (["MRN 9", "周九", "女", "1950-01-01", "CARD", "9", "", "", ""], "record_number"),
]  # fmt: skip
SERVER_BAD = [
    (["MRN-10", "吴十", "女", "1950-01-01", "ICU", "1", "", "", ""], "ward"),
    (["MRN-11", "郑一", "女", "1950-01-01", "CARD", "99", "", "", ""], "bed"),
    (["MRN-12", "冯二", "女", "1950-01-01", "CARD", "12", "Dr Nobody", "", ""], "attending"),
]  # fmt: skip


def test_every_bad_row_is_named_by_row_and_column_and_nothing_is_imported(ward: Engine) -> None:
    done = import_patients(ward, _rows(GOOD + [r for r, _ in BAD_ROWS]), authority="H",
                           operator="it")  # fmt: skip
    named = [(p.row, p.problem.split(":")[0]) for p in done.report.problems]
    assert named == [(n, column) for n, (_, column) in enumerate(BAD_ROWS, start=4)]
    assert "nothing was imported" in done.report.text() and _count(ward) == 0
    late = import_patients(ward, _rows(GOOD + [r for r, _ in SERVER_BAD]), authority="H",
                           operator="it")  # fmt: skip
    assert [(p.row, p.problem.split(":")[0]) for p in late.report.problems] == [
        (n, column) for n, (_, column) in enumerate(SERVER_BAD, start=4)]  # fmt: skip
    assert _count(ward) == 0 and _count(ward, pt.patients) == 0  # the good rows rolled back too


def test_the_command_reads_xlsx_and_csv(ward: Engine, database_url: str, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [HEADER, *GOOD]:
        sheet.append(row)
    book.save(tmp_path / "patients.xlsx")
    assert main(["import-patients", str(tmp_path / "patients.xlsx"), "--database", database_url,
                 "--authority", "HOSP"]) == 0  # fmt: skip
    assert "2 admitted, 0 already" in capsys.readouterr().out
    with (tmp_path / "bad.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([HEADER, ["MRN-7", "钱七", "?", "1950-01-01", "CARD", "8",
                                               "", "", ""]])  # fmt: skip
    assert main(["import-patients", str(tmp_path / "bad.csv"), "--database", database_url]) == 1
    assert "row 2 (MRN-7): sex:" in capsys.readouterr().out

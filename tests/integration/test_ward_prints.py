"""`workstation-server print front-sheet` and `print handover-report` on the demo ward, in both
languages: the right facts in the extracted text, the CJK font embedded, pages rendered to PNG."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from tests.integration.test_reports import check_pdf
from tests.support.signing import server_keys
from tests.support.ward import front_sheet
from workstation.clock import now_iso
from workstation.events import Event
from workstation.ids import uuid7
from workstation.projections import tables as t
from workstation.projections import ward_tables as wt
from workstation.server.auth import all_users
from workstation.server.cli import main
from workstation.server.db import reader
from workstation.server.sync import push

LANGS = ("zh_CN", "en_US")


def printed(url: str, tmp_path: Path, *arguments: str, lang: str) -> str:
    """Run the print command; the PDF's text (font and pages checked)."""
    out = tmp_path / f"{arguments[0]}-{lang}.pdf"
    assert main(["print", *arguments, "--lang", lang, "--out", str(out), "--database", url]) == 0
    return check_pdf(out)


@pytest.fixture(scope="module")
def begun(demo: tuple[Engine, str]) -> dict[str, Any]:
    """The demo CARD patient whose front sheet the attending has begun."""
    engine, _ = demo
    with reader(engine) as conn:
        row = conn.execute(
            select(t.patients.c.patient_id, t.patients.c.record_number)
            .join(wt.front_sheets, wt.front_sheets.c.patient_id == t.patients.c.patient_id)
            .where(t.patients.c.ward_id == "CARD")
        ).one()
    return dict(row._mapping)


@pytest.mark.parametrize("lang", LANGS)
def test_the_demo_front_sheet_is_there_to_complete(demo, begun, tmp_path, lang) -> None:
    _, url = demo
    text = printed(url, tmp_path, "front-sheet", "--patient", begun["record_number"], lang=lang)
    # the check's words in the printout's language
    missing = "无主要诊断" if lang == "zh_CN" else "no main diagnosis"
    assert begun["record_number"] in text and missing in text
    assert ("住院病案首页" if lang == "zh_CN" else "Inpatient front sheet") in text


def test_a_completed_front_sheet_prints_its_coded_diagnoses(demo, begun, tmp_path) -> None:
    engine, url = demo
    with reader(engine) as conn:
        doctor = next(u for u in all_users(conn).values() if u.username == "card.physician")
    sheet = front_sheet(
        procedures=[{"code": "99.04", "name": "输注红细胞", "performed_at": now_iso()}]
    )
    wire = Event(uuid7(), "FrontSheetSaved", begun["patient_id"], doctor.user_id, "dev-1", 1, now_iso(),
                 sheet).to_wire()  # fmt: skip
    [result] = push(engine, pusher=doctor, device_id="dev-1",
                    wire_events=server_keys(engine).sign_all([wire]))["results"]  # fmt: skip
    assert result["status"] == "accepted", result
    zh = printed(url, tmp_path, "front-sheet", "--patient", begun["record_number"], lang="zh_CN")
    en = printed(url, tmp_path, "front-sheet", "--patient", begun["record_number"], lang="en_US")
    assert "肺炎，未特指" in zh and "J18.9" in zh and "主要诊断" in zh and "■1.医嘱离院" in zh
    assert "Pneumonia, unspecified" in en and "99.04" in en and "passed" in en


@pytest.mark.parametrize("lang", LANGS)
def test_the_handover_report_counts_the_ward(demo, tmp_path, lang) -> None:
    engine, url = demo
    with reader(engine) as conn:
        on_ward = conn.execute(select(t.patients.c.bed).where(t.patients.c.ward_id == "CARD",
                                                              t.patients.c.status == "admitted")).scalars().all()  # fmt: skip
    text = printed(
        url, tmp_path, "handover-report", "--ward", "CARD", "--shift", "night", lang=lang
    )
    heads = ("原有", "现有", "病重") if lang == "zh_CN" else ("At start", "At end", "Seriously ill")
    assert all(h in text for h in heads)
    assert str(len(on_ward)) in text

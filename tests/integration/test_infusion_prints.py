"""`workstation-server print infusion-labels` and `print execution-sheet` on a small ward, in both
languages: a bag of two drugs in NS gives one label per due time with every drug, the carrier,
the group number and its barcode; the execution sheet files the doses by route and fills in the
recorded one (time and nurse)."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest

from tests.integration.test_reports import check_pdf
from tests.support.signing import server_keys
from tests.support.ward import admission, amoxicillin_order, seed_ward
from workstation.clinical.barcodes import label_code
from workstation.events import Event
from workstation.ids import uuid7
from workstation.server import auth
from workstation.server.cli import main
from workstation.server.db import reader
from workstation.server.sync import push

_seq = itertools.count(1)
BAG = {
    "order_kind": "medication", "description": "NS 250ml + 呋塞米 20mg + 氯化钾 1g ivgtt bid",
    "start_at": "2026-03-01T00:00:00.000Z",
    "medication": {"drug_code": "furosemide", "drug_name": "呋塞米", "dose_value": 20,
                   "dose_unit": "mg", "route": "ivgtt", "frequency": "bid"},
    "group": {"carrier": {"code": "ns", "volume_ml": 250}, "members": [
        {"drug_code": "potassium_chloride_inj", "drug_name": "氯化钾注射液", "dose_value": 1,
         "dose_unit": "g", "route": "ivgtt", "frequency": "bid"}]},
}  # fmt: skip
WORDS = {
    "zh_CN": ("第1组", "呋塞米 20 mg", "氯化钾注射液 1 g", "0.9%氯化钠注射液 250ml", "输液", "口服"),
    "en_US": ("Group 1", "Furosemide 20 mg", "Potassium chloride", "0.9% sodium chloride 250 mL",
              "Infusions", "Oral"),
}  # fmt: skip


def wire(author_id: str, event_type: str, payload: dict[str, Any], patient_id: str,
         at: str) -> dict[str, Any]:  # fmt: skip
    return Event(uuid7(), event_type, patient_id, author_id, "dev-1", next(_seq), at,
                 payload).to_wire()  # fmt: skip


@pytest.fixture
def ward(server_engine, database_url) -> dict[str, Any]:
    """A CARD patient with a verified bag and an oral order; the 08:00 bag given by the nurse."""
    seed_ward(server_engine)
    with reader(server_engine) as conn:
        users = {u.username: u for u in auth.all_users(conn).values()}
    doc, nurse, pharm = (users[n].user_id for n in ("doc.card", "nurse.card", "pharm"))
    patient = uuid7()
    oral = amoxicillin_order() | {"start_at": "2026-03-01T00:00:00.000Z"}
    events = [wire(doc, "PatientAdmitted", admission("王芳", "3", record_number="R3"), patient,
                   "2026-02-28T23:00:00.000Z"),
              wire(doc, "NoKnownAllergiesRecorded", {"source": "patient"}, patient,
                   "2026-02-28T23:01:00.000Z"),
              bag := wire(doc, "OrderPlaced", BAG, patient, "2026-02-28T23:30:00.000Z"),
              pill := wire(doc, "OrderPlaced", oral, patient, "2026-02-28T23:31:00.000Z")]  # fmt: skip
    events += [wire(pharm, "OrderVerified", {"order_id": o["event_id"]}, patient,
                    "2026-02-28T23:40:00.000Z") for o in (bag, pill)]  # fmt: skip
    events.append(wire(nurse, "MedicationAdministered", {
        "order_id": bag["event_id"], "outcome": "given", "administered_at": "2026-03-02T00:05:00.000Z",
        "scheduled_for": "2026-03-02T00:00:00.000Z", "dose_value": 20, "dose_unit": "mg",
        "route": "ivgtt"}, patient, "2026-03-02T00:06:00.000Z"))  # fmt: skip
    for event in events:
        by = next(u for u in users.values() if u.user_id == event["author_id"])
        [result] = push(server_engine, pusher=by, device_id="dev-1",
                        wire_events=server_keys(server_engine).sign_all([event]))["results"]  # fmt: skip
        assert result["status"] == "accepted", result
    return {"url": database_url, "bag": bag["event_id"]}


def printed(url: str, tmp_path: Path, *arguments: str, lang: str, pages: int = 1) -> str:
    out = tmp_path / f"{arguments[0]}-{lang}.pdf"
    assert main(["print", *arguments, "--lang", lang, "--out", str(out), "--database", url]) == 0
    return check_pdf(out, min_pages=pages)


@pytest.mark.parametrize("lang", ["zh_CN", "en_US"])
def test_bottle_labels_and_the_execution_sheet_of_the_ward_day(ward, tmp_path, lang):
    group, first, second, carrier, infusions, oral = WORDS[lang]
    labels = printed(ward["url"], tmp_path, "infusion-labels", "--ward", "CARD", "--date",
                     "2026-03-02", lang=lang, pages=2)  # fmt: skip
    assert labels.count(label_code(ward["bag"])) == 2  # 08:00 and 20:00: a label each
    assert "2026-03-02 08:00" in labels and "2026-03-02 20:00" in labels
    for words in (group, first, second, carrier, "王芳", "R3"):
        assert labels.count(words) == 2, words  # every drug of the group on each label
    sheet = printed(ward["url"], tmp_path, "execution-sheet", "--ward", "CARD", "--date",
                    "2026-03-02", "--shift", "day", lang=lang)  # fmt: skip
    infusion_part, oral_part = sheet.split(infusions, 1)[1].split(oral, 1)
    assert first in infusion_part and "08:05" in infusion_part and "nurse.card" in infusion_part
    assert "amoxicillin" in oral_part.lower() or "阿莫西林" in oral_part
    assert "nurse.card" not in oral_part  # the oral dose was not recorded: its cells stay empty


def test_labels_of_one_patient_and_an_execution_sheet_needs_a_ward(ward, tmp_path):
    text = printed(ward["url"], tmp_path, "infusion-labels", "--patient", "R3", "--date",
                   "2026-03-02", lang="zh_CN", pages=2)  # fmt: skip
    assert text.count("第1组") == 2
    with pytest.raises(SystemExit):
        main(
            [
                "print",
                "execution-sheet",
                "--out",
                str(tmp_path / "x.pdf"),
                "--database",
                ward["url"],
            ]
        )

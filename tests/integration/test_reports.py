"""Every document printed for a demo patient in both languages: the right facts in the extracted
text, the CJK font embedded, every page rendered to PNG; the print command audited."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from workstation.clinical.controlled import controlled_class, form_mark
from workstation.clinical.formulary import default_formulary
from workstation.projections import queries
from workstation.reports.context import make_context, patient_by_record_number
from workstation.reports.documents import PATIENT_DOCUMENTS, print_patient_document
from workstation.reports.downtime import downtime_pack
from workstation.reports.labels import order_barcode, order_from_barcode
from workstation.reports.mar import MAX_DAYS
from workstation.reports.orders import dose_text
from workstation.reports.stock import stock_report
from workstation.server import cli_print
from workstation.server.cli import main
from workstation.server.db import reader
from workstation.server.models import audit_log

LANGS = ("zh_CN", "en_US")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def patient(demo: tuple[Engine, str]) -> dict[str, Any]:
    """The CARD patient with the most medicines in force (and so the fullest documents)."""
    engine, _ = demo
    with reader(engine) as conn:
        census = queries.census(conn, "CARD")
        best = max(
            census, key=lambda p: len(queries.active_medication_orders(conn, p["patient_id"]))
        )
        chart = patient_by_record_number(conn, best["record_number"])
    return chart


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout  # fmt: skip


def check_pdf(path: Path, min_pages: int = 1) -> str:
    """The font embedded as a subset, every page rendered; returns the extracted text."""
    fonts = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True)
    rows = [line.split() for line in fonts.stdout.splitlines()[2:]]
    assert rows and all("WenQuanYiMicroHei" in row[0] for row in rows), fonts.stdout
    assert all(row[-5] == "yes" and row[-4] == "yes" for row in rows), fonts.stdout  # emb, sub
    prefix = path.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", "30", str(path), str(prefix)], check=True,
                   capture_output=True)  # fmt: skip
    pngs = list(path.parent.glob(f"{prefix.name}-*.png"))
    assert len(pngs) >= min_pages and all(p.stat().st_size > 500 for p in pngs)
    return pdf_text(path)


def medicines_in_force(chart: dict[str, Any]) -> list[dict[str, Any]]:
    return [o for o in chart["orders"] if o["order_kind"] == "medication"
            and o["status"] in ("placed", "verified") and o["frequency"] != "st"
            and not o.get("discharge")]  # fmt: skip


def controlled(order: dict[str, Any]) -> bool:
    """A drug of 麻、精一 or 精二, printed on its own prescription form (处方管理办法 Annex 1)."""
    drug = default_formulary().by_code(order["drug_code"])
    return form_mark(controlled_class(drug.entry if drug else None)) is not None


def formulary_name(order: dict[str, Any], lang: str) -> str:
    drug = default_formulary().by_code(order["drug_code"])
    assert drug is not None, order["drug_code"]
    return drug.name_zh if lang == "zh_CN" else drug.name_en


def expected_facts(kind: str, chart: dict[str, Any], lang: str) -> list[str]:
    """What must be readable on the document besides the patient's name and record number."""
    meds = medicines_in_force(chart)
    drugs = [formulary_name(o, lang) for o in meds] + [dose_text(o) for o in meds]
    vitals = sorted(chart["vitals"], key=lambda v: v["taken_at"])
    if kind == "prescription":  # controlled drugs are named, their items are on their own forms
        ordinary = [o for o in meds if not controlled(o)]
        return [formulary_name(o, lang) for o in meds] + [dose_text(o) for o in ordinary]
    if kind in ("label", "mar", "order-sheet", "handoff"):
        return drugs
    if kind in ("discharge-summary", "discharge-prescription"):  # 出院带药 as chosen, with days
        home = [o for o in chart["orders"] if o.get("discharge") and not o["voided"]]
        return [formulary_name(o, lang) for o in home] + [
            f"{o['discharge']['days']} {'天' if lang == 'zh_CN' else 'days'}" for o in home
        ]
    if kind == "vitals-chart":
        # the blood pressure of the first day and the respiration rates are printed under the grid
        first = vitals[0]
        return [f"{first['systolic_mmhg']}/{first['diastolic_mmhg']}", str(vitals[-1]["resp_rate"])]
    if kind == "progress-notes":
        return [n["text"].splitlines()[0][:12] for n in chart["notes"]]
    if kind == "narcotic-prescription":  # the corner mark of the pale red form (Annex 1)
        return ["麻、精一"]
    if kind == "psychotropic-prescription":
        return ["精二"]
    raise AssertionError(kind)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", list(PATIENT_DOCUMENTS))
def test_patient_document(demo, patient, tmp_path: Path, kind: str, lang: str) -> None:
    engine, _ = demo
    with reader(engine) as conn:
        pdf, about = print_patient_document(
            conn, kind, patient["patient"]["record_number"], lang=lang, printed_by="Liu Fang"
        )
    assert about["patient_id"] == patient["patient"]["patient_id"]
    path = tmp_path / f"{kind}.pdf"
    path.write_bytes(pdf)
    text = check_pdf(path)
    flat = " ".join(text.split())
    for fact in [patient["patient"]["name"], patient["patient"]["record_number"],
                 *expected_facts(kind, patient, lang)]:  # fmt: skip
        assert " ".join(fact.split()) in flat, (kind, lang, fact)
    assert "Liu Fang" in text
    label = {"zh_CN": "打印", "en_US": "Printed"}[lang]
    assert label in text
    if kind != "label":
        pages = text.count("\f") or 1
        assert text.count(patient["patient"]["record_number"]) >= pages  # identifiers on every page


DRUG_DOCUMENTS = ("prescription", "label", "mar", "order-sheet", "handoff")


@pytest.mark.parametrize("kind", DRUG_DOCUMENTS)
def test_english_documents_print_english_drug_names_for_chinese_orders(
    demo, tmp_path: Path, kind: str
) -> None:
    engine, _ = demo
    with reader(engine) as conn:
        census = queries.census(conn, "CARD")
        patient = max(
            (patient_by_record_number(conn, p["record_number"]) for p in census),
            key=lambda c: sum(bool(_CJK.search(o["drug_name"])) for o in medicines_in_force(c)),
        )
    meds = medicines_in_force(patient)
    recorded_zh = [o["drug_name"] for o in meds if _CJK.search(o["drug_name"])]
    assert recorded_zh, "a patient whose orders were recorded with Chinese names"
    with reader(engine) as conn:
        pdf, _ = print_patient_document(conn, kind, patient["patient"]["record_number"],
                                        lang="en_US", printed_by="x")  # fmt: skip
    (tmp_path / "en.pdf").write_bytes(pdf)
    flat = " ".join(pdf_text(tmp_path / "en.pdf").split())
    for order in meds:
        assert formulary_name(order, "en_US") in flat, (kind, order["drug_code"])
    assert not [name for name in recorded_zh if name in flat], kind


def test_downtime_pack_prints_drug_names_in_its_language(demo, tmp_path: Path) -> None:
    engine, _ = demo
    with reader(engine) as conn:
        census = queries.census(conn, "CARD")
        orders = [
            o for p in census for o in queries.active_medication_orders(conn, p["patient_id"])
        ]
        for lang in LANGS:
            ctx = make_context(conn, lang=lang, printed_by="x")
            path = tmp_path / f"downtime-{lang}.pdf"
            path.write_bytes(downtime_pack(ctx, conn, "CARD", data_as_of=None))
            flat = " ".join(pdf_text(path).split())
            names = {formulary_name(o, lang) for o in orders if o["frequency"] != "st"}
            assert names and all(name in flat for name in names), lang
    assert any(
        _CJK.search(o["drug_name"]) for o in orders
    )  # recorded in Chinese, printed in English


def test_a_drug_missing_from_the_formulary_prints_as_recorded(demo) -> None:
    engine, _ = demo
    with reader(engine) as conn:
        ctx = make_context(conn, lang="en_US", printed_by="x")
    assert ctx.drug_name({"drug_code": "aspirin", "drug_name": "阿司匹林"}) == "Aspirin"
    assert ctx.drug_name({"drug_code": "withdrawn_drug", "drug_name": "旧药"}) == "旧药"


def test_high_alert_drugs_print_with_the_mark_for_their_high_alert_routes(demo) -> None:
    engine, _ = demo
    with reader(engine) as conn:
        zh = make_context(conn, lang="zh_CN", printed_by="x")
        en = make_context(conn, lang="en_US", printed_by="x")
    assert zh.drug_name({"drug_code": "insulin_glargine", "route": "sc"}) == "▲ 甘精胰岛素"
    assert en.drug_name({"drug_code": "labetalol", "route": "iv"}) == "▲ Labetalol"
    assert en.drug_name({"drug_code": "labetalol", "route": "po"}) == "Labetalol"
    assert en.drug_name({"drug_code": "epinephrine", "route": "sc"}).startswith("▲")
    assert en.drug_name({"drug_code": "amoxicillin", "route": "po"}) == "Amoxicillin"
    assert en.drug_name({"drug_code": "amiodarone"}) == "Amiodarone"  # stock: no route given


def test_chinese_labels_and_english_labels(demo, patient, tmp_path: Path) -> None:
    engine, _ = demo
    with reader(engine) as conn:
        texts = {lang: print_patient_document(conn, "order-sheet", patient["patient"]["record_number"],
                                              lang=lang, printed_by="x")[0] for lang in LANGS}  # fmt: skip
    for lang, pdf in texts.items():
        (tmp_path / f"{lang}.pdf").write_bytes(pdf)
    zh, en = pdf_text(tmp_path / "zh_CN.pdf"), pdf_text(tmp_path / "en_US.pdf")
    assert "长期医嘱单" in zh and "临时医嘱单" in zh and "医师签名" in zh and "Long-term" not in zh
    assert "Long-term orders" in en and "Temporary orders" in en and "长期医嘱单" not in en


def test_stock_report_lists_lots_and_quantities(demo, tmp_path: Path) -> None:
    engine, _ = demo
    with reader(engine) as conn:
        stock = queries.stock_on_hand(conn)
        ctx = make_context(conn, lang="zh_CN", printed_by="pharmacist")
        path = tmp_path / "stock.pdf"
        path.write_bytes(stock_report(ctx, conn))
    text = check_pdf(path)
    assert "库存报表" in text and "阿司匹林" in text
    assert "药房药库" in text and "PHARM" not in text  # the location by its name, never its code
    assert "片" in text and not re.search(r"\b(tab|amp|cap)\b", text)  # units counted in words
    for line in stock:
        assert line["lot"] in text and f"{line['quantity']:g}" in text


def test_label_barcode_names_the_order() -> None:
    order_id = "01a21968-c798-77c4-9d7a-a99d5c108fc9"
    digits = order_barcode(order_id)
    assert len(digits) == 40 and digits.isdigit()
    assert order_from_barcode(digits) == order_id
    with pytest.raises(ValueError):
        order_from_barcode("123")


def test_print_command_writes_the_pdf_and_audits_it(demo, patient, tmp_path: Path, capsys) -> None:
    engine, url = demo
    record = patient["patient"]["record_number"]
    out = tmp_path / "mar.pdf"
    assert main(["print", "mar", "--database", url, "--patient", record, "--out", str(out),
                 "--lang", "en_US", "--user", "Liu Fang", "--days", "2"]) == 0  # fmt: skip
    text = check_pdf(out)
    assert "Medication administration record" in text and record in text
    pack = tmp_path / "pack.pdf"
    assert (
        main(["print", "downtime-pack", "--database", url, "--ward", "CARD", "--out", str(pack)])
        == 0
    )
    assert "停机应急资料" in check_pdf(pack, min_pages=2)
    with reader(engine) as conn:
        prints = conn.execute(select(audit_log).where(audit_log.c.action == "print")).all()
    assert {p.patient_id for p in prints} >= {patient["patient"]["patient_id"], None}
    assert any('"document":"mar"' in (p.detail or "") for p in prints)
    capsys.readouterr()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["print", "label", "--out", "OUT"], "label needs --patient"),
        (["print", "downtime-pack", "--out", "OUT"], "downtime-pack needs --ward"),
        (["print", "label", "--patient", "0", "--out", "OUT"], "no patient with record number 0"),
        (["print", "downtime-pack", "--ward", "NOWARD", "--out", "OUT"], "unknown ward NOWARD"),
        (
            ["print", "label", "--patient", "0", "--out", "/no/such/dir/x.pdf"],
            "folder does not exist",
        ),
        (["print", "poster", "--patient", "0", "--out", "OUT"], "invalid choice"),
        (
            ["print", "mar", "--patient", "0", "--days", "30", "--out", "OUT"],
            "not a number of days",
        ),
        (["print", "mar", "--patient", "0", "--lang", "fr", "--out", "OUT"], "invalid choice"),
    ],
)
def test_bad_print_arguments_get_one_clear_line(demo, tmp_path, capsys, arguments, message) -> None:
    _, url = demo
    argv = [a.replace("OUT", str(tmp_path / "x.pdf")) for a in arguments] + ["--database", url]
    try:
        status = main(argv)
    except SystemExit as exc:
        status = exc.code
    assert status != 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and message in err, err
    assert not (tmp_path / "x.pdf").exists()


def test_the_command_line_knows_every_document() -> None:
    assert tuple(PATIENT_DOCUMENTS) == cli_print.PATIENT_DOCUMENTS
    assert cli_print.MAX_DAYS == MAX_DAYS


def test_dispensing_labels_in_chinese_carry_lot_expiry_directions_and_the_scan_code(
    demo, tmp_path: Path
) -> None:
    from workstation.reports.labels import DispenseLabel, dispensing_labels

    engine, _ = demo
    item = DispenseLabel("周建国", "OP20260001", "amoxicillin", "amoxicillin", "500 mg", "po",
                         "tid", 15, "cap", "AMX2511N", "2026-12-21")  # fmt: skip
    with reader(engine) as conn:
        ctx = make_context(conn, lang="zh_CN", printed_by="孙立新")
    path = tmp_path / "labels.pdf"
    path.write_bytes(dispensing_labels(ctx, [item, item]))
    text = check_pdf(path, min_pages=2)
    for fact in ("周建国", "阿莫西林", "500 mg", "口服", "每日三次", "批号 AMX2511N",
                 "有效期 2026-12-21", "amoxicillin/AMX2511N", "数量 15 cap"):  # fmt: skip
        assert fact in text, fact

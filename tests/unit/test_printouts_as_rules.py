"""The printouts as the rules write them: the prescription's 规格, 数量 and 用法用量 with the form's
corner mark and paper colour (处方管理办法 2007 Art. 5, Annex 1), the 出院记录's sections
(病历书写基本规范 2010 Art. 24), the 体温单's respiration as figures in its row (《基础护理学》)."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from reportlab.graphics.shapes import Circle, Drawing
from reportlab.lib import colors

from workstation.clinical.formulary import default_formulary
from workstation.clinical.schedule import AdministrationTimes
from workstation.projections import tables  # noqa: F401 - first: nursing_queries' import cycle
from workstation.reports.context import Hospital, PrintContext, _names
from workstation.reports.controlled_rx import narcotic_prescription, psychotropic_prescription
from workstation.reports.discharge_record import note_fields
from workstation.reports.notes import discharge_summary
from workstation.reports.orders import prescription
from workstation.reports.vitals_chart import DAYS_PER_PAGE, _curves, _Layout, vitals_chart

NAMES = _names(default_formulary())
NOW = datetime(2026, 12, 7, 4, 0, tzinfo=UTC)  # 12:00 on the ward


def context(lang: str, **hospital: Any) -> PrintContext:
    return PrintContext(lang=lang, printed_by="p", printed_at=NOW,
                        hospital=replace(Hospital.load(), **hospital),
                        times=AdministrationTimes.load(), drugs=NAMES)  # fmt: skip


def order(code: str, dose: float, unit: str, route: str, frequency: str, n: int,
          **more: Any) -> dict[str, Any]:  # fmt: skip
    return {"order_id": f"0190b8e2-7c3a-7d1e-9f00-{n:012d}", "order_kind": "medication",
            "drug_code": code, "dose_value": dose, "dose_unit": unit, "route": route,
            "frequency": frequency, "prn": False, "status": "verified", "voided": False,
            "placed_at": f"2026-12-06T0{n}:00:00.000Z", "placed_by": "doc",
            "description": code} | more  # fmt: skip


def chart(birth_date: str = "1950-01-01", ward: str = "CARD", **more: Any) -> dict[str, Any]:
    patient = {"patient_id": "p", "record_number": "20260001", "name": "张三", "sex": "male",
               "birth_date": birth_date, "ward_id": ward, "bed": "1", "diagnosis": "社区获得性肺炎",
               "admitted_at": "2026-12-05T02:00:00.000Z", "attending_id": "doc"}  # fmt: skip
    orders = [
        order("ceftriaxone", 2, "g", "ivgtt", "qd", 1),
        order(
            "paracetamol", 500, "mg", "po", "prn", 2, prn=True, prn_indication="体温高于38.5度时"
        ),
        order("lactulose", 15, "mL", "po", "bid", 3),
        order("morphine", 10, "mg", "sc", "q4h", 4),
        order("diazepam", 5, "mg", "po", "qn", 5),
    ]
    return {"patient": patient, "orders": orders, "allergies": [], "notes": [], "addenda": [],
            "problems": [], "labs": [], "vitals": [], "intake_output": []} | more  # fmt: skip


def pdf_text(tmp_path: Path, pdf: bytes) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout  # fmt: skip
    return " ".join(text.split())


def paper(tmp_path: Path, pdf: bytes) -> tuple[int, ...]:
    """The colour of the page's top left corner, rendered (outside every printed mark)."""
    path = tmp_path / "paper.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "20", "-singlefile", str(path), str(tmp_path / "p")],
                   check=True)  # fmt: skip
    with Image.open(tmp_path / "p.png") as image:
        return tuple(image.convert("RGB").getpixel((3, 3)))  # type: ignore[arg-type]


def rgb(colour: Any) -> tuple[int, ...]:
    return tuple(round(c * 255) for c in colour.rgb())


def near(pixel: tuple[int, ...], expected: tuple[int, ...]) -> bool:
    return all(abs(a - b) <= 3 for a, b in zip(pixel, expected, strict=True))


WHITE = (255, 255, 255)


def test_items_carry_strength_quantity_and_usage_and_prn_is_said_once(tmp_path: Path) -> None:
    text = pdf_text(tmp_path, prescription(context("zh_CN"), chart()))
    assert "头孢曲松 规格：1 g/支 数量：2 支" in text  # 2 g once a day of 1 g vials
    assert "对乙酰氨基酚 规格：500 mg/片 数量：1 片" in text
    assert "乳果糖 规格：66.7 g/100 mL/瓶 数量：1 瓶" in text  # 30 mL a day of a 100 mL bottle
    assert "用法用量：500 mg 口服 必要时：体温高于38.5度时" in text
    assert "必要时 必要时" not in text
    assert "用法用量：2 g 静脉滴注 每日一次" in text
    # the controlled drugs are on their own forms: named, not written as Rp items here
    assert "另开专用处方（麻醉药品、精神药品）：" in text and "10 mg 皮下注射" not in text
    english = pdf_text(tmp_path, prescription(context("en_US"), chart()))
    assert "Strength: 500 mg/tab Qty: 1 tab" in english
    assert "Sig: 500 mg oral as needed: 体温高于38.5度时" in english
    assert "as needed as needed" not in english.lower()


@pytest.mark.parametrize(("patient", "hospital", "mark", "colour"), [
    ({}, {}, "普通", WHITE),
    ({"birth_date": "2020-05-01"}, {}, "儿科", (0xDD, 0xF2, 0xD8)),  # 6 years old: light green
    ({"ward": "EMR"}, {"emergency_wards": frozenset({"EMR"})}, "急诊", (0xFF, 0xF7, 0xC2)),
    ({"birth_date": "2010-01-01"}, {"paediatric_under": 18}, "儿科", (0xDD, 0xF2, 0xD8)),
])  # fmt: skip
def test_the_form_type_is_the_corner_mark_and_the_paper_colour(
    tmp_path: Path, patient: dict[str, Any], hospital: dict[str, Any], mark: str,
    colour: tuple[int, ...],
) -> None:  # fmt: skip
    for lang in ("zh_CN", "en_US"):
        pdf = prescription(context(lang, **hospital), chart(**patient))
        head = pdf_text(tmp_path, pdf)[:200]
        assert mark in head, (lang, head)
        assert near(paper(tmp_path, pdf), colour), (lang, paper(tmp_path, pdf))


def test_controlled_forms_are_light_red_and_white_with_their_marks_and_strengths(
    tmp_path: Path,
) -> None:
    ctx = context("zh_CN")
    narcotic = narcotic_prescription(ctx, chart())
    assert near(paper(tmp_path, narcotic), rgb(colors.HexColor("#F9D9DC")))
    text = pdf_text(tmp_path, narcotic)
    assert "麻、精一" in text and "吗啡 规格：10 mg/1 mL/支 共 6 支（陆支）" in text
    psychotropic = psychotropic_prescription(ctx, chart())
    assert near(paper(tmp_path, psychotropic), WHITE)
    assert "精二" in pdf_text(tmp_path, psychotropic)


ADMISSION = """入院记录
主诉：发热、咳嗽7天
现病史：7天前受凉后发热。
既往史：体健。
体格检查：T 38.8℃，右下肺湿啰音。
初步诊断：
1. 社区获得性肺炎（非重症）
诊疗计划：抗感染"""


def note(kind: str, text: str, at: str) -> dict[str, Any]:
    return {"note_id": kind, "note_type": kind, "text": text, "signed_at": at, "author_id": "doc",
            "voided": False}  # fmt: skip


SECTIONS = {"zh_CN": ("入院情况", "入院诊断", "诊疗经过", "出院诊断", "出院情况", "出院医嘱"),
            "en_US": ("Condition on admission", "Admission diagnosis", "Hospital course",
                      "Discharge diagnosis", "Condition on discharge", "Discharge instructions")}  # fmt: skip


@pytest.mark.parametrize("lang", ["zh_CN", "en_US"])
def test_the_discharge_record_has_every_section_in_order_filled_from_the_chart(
    tmp_path: Path, lang: str
) -> None:
    full = chart(
        notes=[note("admission_note", ADMISSION, "2026-12-05T03:00:00.000Z"),
               note("daily_progress_note", "热退，咳嗽减轻。", "2026-12-06T01:00:00.000Z")],
        problems=[{"description": "社区获得性肺炎", "icd10": "J18.9", "voided": False}],
        vitals=[{"taken_at": "2026-12-07T00:00:00.000Z", "temperature_c": 36.6, "pulse_bpm": 80,
                 "resp_rate": 18, "systolic_mmhg": 120, "diastolic_mmhg": 70, "spo2_pct": 97}],
    )  # fmt: skip
    text = pdf_text(tmp_path, discharge_summary(context(lang), full))
    places = [text.index(section) for section in SECTIONS[lang]]
    assert places == sorted(places)
    for fact in ("发热、咳嗽7天", "右下肺湿啰音", "1. 社区获得性肺炎（非重症）", "热退，咳嗽减轻。",
                 "J18.9", "P 80/min R 18/min BP 120/70 mmHg", "头孢曲松" if lang == "zh_CN"
                 else "Ceftriaxone"):  # fmt: skip
        assert fact in text, fact
    empty = pdf_text(tmp_path, discharge_summary(context(lang), chart(orders=[])))
    for section in SECTIONS[lang]:
        assert section in empty
    said = "（病历中无此项记录）" if lang == "zh_CN" else "(nothing in the chart for this section)"
    assert empty.count(said) == 2  # 入院情况 and 诊疗经过: nothing charted yet


def test_note_fields_keep_a_numbered_list_under_its_label() -> None:
    fields = note_fields(ADMISSION)
    assert fields["主诉"] == "发热、咳嗽7天"
    assert fields["初步诊断"] == "1. 社区获得性肺炎（非重症）"


def rings(respiration: bool) -> int:
    """The ○ marks of a respiration curve drawn on the temperature grid."""
    layout = _Layout([date(2026, 12, 5) + timedelta(days=n) for n in range(DAYS_PER_PAGE)])
    readings = {(date(2026, 12, 5), slot): {"resp_rate": 18 + slot, "temperature_c": 37.0}
                for slot in range(3)}  # fmt: skip
    drawing = Drawing(100, 100)
    _curves(drawing, layout, readings, respiration=respiration)
    return sum(isinstance(s, Circle) and s.fillColor == colors.white for s in drawing.contents)


def test_respiration_is_figures_in_its_row_unless_the_hospital_chooses_the_curve(
    tmp_path: Path,
) -> None:
    assert rings(respiration=False) == 0 and rings(respiration=True) == 3
    vitals = [{"taken_at": f"2026-12-06T{h:02d}:00:00.000Z", "resp_rate": r, "temperature_c": 37.1,
               "pulse_bpm": 80, "voided": False} for h, r in ((2, 21), (6, 19))]  # fmt: skip
    for lang, row in (("zh_CN", "呼吸 次/分"), ("en_US", "Resp. /min")):
        text = subprocess.run(["pdftotext", "-layout", "-", "-"], check=True, capture_output=True,
                              input=vitals_chart(context(lang), chart(vitals=vitals))).stdout  # fmt: skip
        lines = text.decode().splitlines()
        at = next(i for i, line in enumerate(lines) if row in line)
        near_row = " ".join(lines[at - 1 : at + 2])  # staggered figures sit just above or below
        assert "21" in near_row and "19" in near_row
        legend = "以数字记录于呼吸栏" if lang == "zh_CN" else "as figures in its row"
        assert legend in " ".join(text.decode().split())

"""The draft 出院记录 compiled from the chart, in the sections 病历书写基本规范 (卫医政发〔2010〕11号)
Art. 24 requires: 入院日期、出院日期, 入院情况, 入院诊断, 诊疗经过, 出院诊断, 出院情况, 出院医嘱 (and
the doctor's signature). Each section is filled from what the chart holds: the admission note's
labelled fields (主诉, 现病史, 体格检查, 初步诊断; the note templates' labels), the course notes, the
medicines of the stay, the problem list, the last vitals and the 出院带药. A section the chart has
nothing for says so; it is never dropped."""

from __future__ import annotations

import re
from typing import Any

from reportlab.platypus import Flowable

from workstation.clinical.dot_phrases import allergy_entries
from workstation.reports.context import PrintContext, live
from workstation.reports.discharge import discharge_line, discharge_orders
from workstation.reports.orders import status_words
from workstation.reports.page import para, styles

COURSE_NOTE_TYPES = ("daily_progress_note", "ward_round_note", "first_progress_note")
SECTIONS = ("admission_condition", "admission_diagnosis", "hospital_course",
            "discharge_diagnosis", "discharge_condition", "discharge_orders")  # fmt: skip
WORDS = {
    "admission_condition": ("入院情况", "Condition on admission"),
    "admission_diagnosis": ("入院诊断", "Admission diagnosis"),
    "hospital_course": ("诊疗经过", "Hospital course"),
    "discharge_diagnosis": ("出院诊断", "Discharge diagnosis"),
    "discharge_condition": ("出院情况", "Condition on discharge"),
    "discharge_orders": ("出院医嘱", "Discharge instructions"),
    "empty": ("（病历中无此项记录）", "(nothing in the chart for this section)"),
    "days": ("住院天数：{n}天", "length of stay: {n} d"),
    "medicines": ("住院期间用药：{names}", "Medicines during the stay: {names}"),
    "last_vitals": ("末次生命体征（{at}）：{vitals}", "Last vital signs ({at}): {vitals}"),
    "abnormal_results": ("异常检验结果（各项最近一次）", "Abnormal results (the latest of each test)"),
    "not_discharged": ("尚未出院", "Not yet discharged"),
    "home_meds": ("出院带药：", "Discharge medicines:"),
    "follow_up": ("随访及注意事项：", "Follow-up and advice:"),
}  # fmt: skip
# The admission and progress notes' field labels (resources/templates and the demo notes).
COMPLAINT = ("主诉", "Chief complaint", "Presenting complaint")
PRESENT_ILLNESS = ("现病史", "History of present illness", "History of presenting complaint")
EXAMINATION = ("体格检查", "Examination")
DIAGNOSIS = ("初步诊断", "入院诊断", "Provisional diagnosis", "Impression", "Working diagnoses",
             "Admission diagnosis")  # fmt: skip
PLAN = ("诊疗计划", "Plan")
_LABEL = re.compile(r"^([^：:\n]{1,40}?)[：:]\s*(.*)$")


def words(ctx: PrintContext, key: str, **values: object) -> str:
    """A discharge record's words in this language."""
    zh, en = WORDS[key]
    return (zh if ctx.zh else en).format(**values)


def note_fields(text: str) -> dict[str, str]:
    """A note's labelled fields: `主诉：发热7天` starts the field 主诉; the unlabelled lines after a
    label (a numbered diagnosis list) belong to it."""
    fields: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        match = _LABEL.match(line.strip())
        if match and not match.group(1).strip()[:1].isdigit():
            current = fields.setdefault(match.group(1).strip(), [])
            if match.group(2).strip():
                current.append(match.group(2).strip())
        elif current is not None and line.strip():
            current.append(line.strip())
    return {label: "\n".join(lines) for label, lines in fields.items()}


def _field(fields: dict[str, str], labels: tuple[str, ...]) -> str:
    return next((fields[label] for label in labels if fields.get(label)), "")


def _notes(chart: dict[str, Any], *types: str) -> list[dict[str, Any]]:
    return sorted((n for n in live(chart["notes"]) if n["note_type"] in types),
                  key=lambda n: n["signed_at"])  # fmt: skip


def _admission(ctx: PrintContext, chart: dict[str, Any]) -> tuple[str, str]:
    """(入院情况, 入院诊断) from the admission note, else the first progress note."""
    notes = _notes(chart, "admission_note") + _notes(chart, "first_progress_note")
    condition, diagnosis = "", ""
    for note in notes:
        fields = note_fields(note["text"])
        if not condition:
            labelled = [(labels[0] if ctx.zh else labels[1], _field(fields, labels))
                        for labels in (COMPLAINT, PRESENT_ILLNESS, EXAMINATION)]  # fmt: skip
            sep = "：" if ctx.zh else ": "
            condition = "\n".join(f"{label}{sep}{value}" for label, value in labelled if value)
        diagnosis = diagnosis or _field(fields, DIAGNOSIS)
    return condition, diagnosis or str(chart["patient"].get("diagnosis") or "")


def _course(ctx: PrintContext, chart: dict[str, Any]) -> str:
    """The first progress note's plan, the latest course note, the medicines of the stay."""
    parts = []
    first = _notes(chart, "first_progress_note")
    if first and (plan := _field(note_fields(first[-1]["text"]), PLAN)):
        parts.append(plan)
    course = _notes(chart, *COURSE_NOTE_TYPES)
    if course and course[-1]["note_type"] != "first_progress_note":
        parts.append(f"{ctx.when(course[-1]['signed_at'])}  {course[-1]['text']}")
    names = dict.fromkeys(ctx.drug_name(o) for o in live(chart["orders"])
                          if o["order_kind"] == "medication" and not o.get("discharge")
                          and o["status"] != "rejected")  # fmt: skip
    if names:
        parts.append(words(ctx, "medicines", names=("、" if ctx.zh else ", ").join(names)))
    return "\n".join(parts)


def vitals_words(ctx: PrintContext, row: dict[str, Any]) -> str:
    """`T 36.8°C  P 80/min  R 18/min  BP 120/70 mmHg  SpO2 97%` of one vitals row."""
    parts = [("T", row.get("temperature_c"), "°C"), ("P", row.get("pulse_bpm"), "/min"),
             ("R", row.get("resp_rate"), "/min"), ("SpO2", row.get("spo2_pct"), "%")]  # fmt: skip
    texts = [f"{name} {value:g}{unit}" for name, value, unit in parts if value is not None]
    if row.get("systolic_mmhg") is not None:
        texts.insert(3, f"BP {row['systolic_mmhg']}/{row['diastolic_mmhg']} mmHg")
    return "  ".join(texts)


def _discharge_condition(ctx: PrintContext, chart: dict[str, Any]) -> str:
    """The last vital signs charted (before discharge), and "not yet discharged" on a draft."""
    end = chart["patient"].get("discharged_at")
    vitals = sorted((v for v in live(chart["vitals"]) if not end or v["taken_at"] <= end),
                    key=lambda v: v["taken_at"])  # fmt: skip
    lines = [] if end else [words(ctx, "not_discharged")]
    if vitals:
        lines.append(words(ctx, "last_vitals", at=ctx.when(vitals[-1]["taken_at"]),
                           vitals=vitals_words(ctx, vitals[-1])))  # fmt: skip
    return "\n".join(lines)


def draft_sections(
    ctx: PrintContext, chart: dict[str, Any], results: Flowable | None
) -> list[Flowable]:
    """The Art. 24 sections of a draft 出院记录, filled from the chart; `results` (the table of
    the latest abnormal results) goes under 诊疗经过."""
    s, patient = styles(ctx), chart["patient"]
    admitted, ended = patient["admitted_at"], patient.get("discharged_at")
    days = (ctx.local_date(ended or ctx.printed_at) - ctx.local_date(admitted)).days or 1
    condition, diagnosis = _admission(ctx, chart)
    problems = [
        f"{p['description']} {p.get('icd10') or ''}".strip() for p in live(chart["problems"])
    ]
    medicines = discharge_orders(chart)  # 出院带药 as the doctor chose it, not every order
    home = "\n".join(discharge_line(ctx, o) for o in medicines)
    filled = {
        "admission_condition": condition, "admission_diagnosis": diagnosis,
        "hospital_course": _course(ctx, chart),
        "discharge_diagnosis": "\n".join(problems) or str(patient.get("diagnosis") or ""),
        "discharge_condition": _discharge_condition(ctx, chart),
        "discharge_orders": (words(ctx, "home_meds") + "\n" + (home or ctx.t("none")) + "\n"
                             + words(ctx, "follow_up") + "\n\n"),
    }  # fmt: skip
    allergies = "；".join(allergy_entries(chart["allergies"], ctx.lang))
    gap, sep = ("；", "：") if ctx.zh else ("; ", ": ")
    story: list[Flowable] = [
        para(f"{ctx.t('admitted')}{sep}{ctx.when(admitted)}{gap}{ctx.t('discharged')}{sep}"
             f"{ctx.when(ended) or ctx.t('not_discharged')}{gap}{words(ctx, 'days', n=days)}", s.body),
        para(f"{ctx.t('attending')}{sep}{ctx.user(patient.get('attending_id'))}", s.body),
        para(f"{ctx.t('allergies')}{sep}{allergies or status_words(ctx, chart)}", s.body),
    ]  # fmt: skip
    for key in SECTIONS:
        story += [
            para(words(ctx, key), s.heading),
            para(filled[key] or words(ctx, "empty"), s.body),
        ]
        if key == "hospital_course" and results is not None:
            story += [para(words(ctx, "abnormal_results"), s.body), results]
    return story

"""The front sheet (住院病案首页) as printed: the 2012 卫生部 form's identification, diagnosis,
procedure and discharge parts, with the 2016 规范 check's result and the signature lines."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from workstation.clinical.front_sheet import (
    ADMISSION_CONDITION_NAMES,
    DISPOSITION_NAMES,
    check_sheet,
)
from workstation.clinical.icd9cm3 import ProcedureCatalogue, default_procedures
from workstation.clinical.icd10 import EDITION, Icd10Catalogue, default_catalogue
from workstation.reports.context import PrintContext
from workstation.reports.page import build_pdf, grid_table, identifiers, para, styles

WORDS: dict[str, tuple[str, str]] = {
    "title": ("住院病案首页", "Inpatient front sheet"),
    "admitted": ("入院时间", "Admitted"), "discharged": ("出院时间", "Discharged"),
    "days": ("实际住院", "Length of stay"), "days_n": ("{n}天", "{n} days"),
    "outpatient_dx": ("门（急）诊诊断", "Admission diagnosis"),
    "discharge_dx": ("出院诊断", "Discharge diagnoses"), "code": ("疾病编码", "ICD-10"),
    "condition": ("入院病情", "On admission"), "main": ("主要诊断", "Main"),
    "other": ("其他诊断", "Other"), "external": ("损伤、中毒的外部原因", "External cause"),
    "procedures": ("手术及操作", "Operations and procedures"),
    "proc_code": ("手术及操作编码", "ICD-9-CM-3"), "proc_date": ("手术及操作日期", "Date"),
    "proc_name": ("手术及操作名称", "Name"), "operator": ("术者", "Operator"),
    "disposition": ("离院方式", "Discharge disposition"), "transfer_to": ("拟接收医疗机构名称", "Receiving institution"),
    "check": ("首页质控", "Front sheet check"), "valid": ("通过", "passed"),
    "not_saved": ("首页尚未填写", "no front sheet saved"),
    "signatures": ("科主任：　　　　主任（副主任）医师：　　　　主治医师：　　　　住院医师：　　　　编码员：",
                   "Head of department:\u3000\u3000 Chief physician:\u3000\u3000 Attending:\u3000\u3000 "
                   "Resident:\u3000\u3000 Coder:"),
    "edition": ("编码版本：{edition}", "Code edition: {edition}"),
}  # fmt: skip


def _w(ctx: PrintContext, key: str, **values: object) -> str:
    zh, en = WORDS[key]
    return (zh if ctx.zh else en).format(**values)


def _pick(ctx: PrintContext, names: tuple[str, str]) -> str:
    return names[0] if ctx.zh else names[1]


def _diagnosis_name(ctx: PrintContext, catalogue: Icd10Catalogue, row: dict[str, Any]) -> str:
    """The list's title of the code in this language, else the name the doctor wrote."""
    known = catalogue.get(row["code"])
    return known.name("zh" if ctx.zh else "en") if known else str(row["name"])


def _procedure_name(ctx: PrintContext, catalogue: ProcedureCatalogue, row: dict[str, Any]) -> str:
    """The name the doctor wrote in Chinese; the list's English title in English."""
    known = catalogue.get(row["code"])
    return str(row["name"]) if ctx.zh or known is None else known.name("en")


def _diagnosis_rows(
    ctx: PrintContext, sheet: dict[str, Any], catalogue: Icd10Catalogue
) -> list[list[Any]]:
    s = styles(ctx)
    rows: list[list[Any]] = [[_w(ctx, "discharge_dx"), "", _w(ctx, "code"), _w(ctx, "condition")]]
    for number, row in enumerate(sheet.get("discharge_diagnoses") or []):
        name = _diagnosis_name(ctx, catalogue, row)
        condition = ADMISSION_CONDITION_NAMES.get(row.get("admission_condition") or "")
        rows.append([_w(ctx, "main" if number == 0 else "other"), para(name, s.cell), row["code"],
                     f"{row.get('admission_condition') or ''} {_pick(ctx, condition) if condition else ''}"])  # fmt: skip
    return rows


def _story(
    ctx: PrintContext, patient: dict[str, Any], sheet: dict[str, Any] | None
) -> list[Flowable]:
    s, catalogue = styles(ctx), default_catalogue()
    colon = "：" if ctx.zh else ": "
    stay = [f"{_w(ctx, 'admitted')}{colon}{ctx.when(patient['admitted_at'])}",
            f"{_w(ctx, 'discharged')}{colon}{ctx.when(patient.get('discharged_at'))}"]  # fmt: skip
    story: list[Flowable] = [para("　　".join(stay), s.body)]
    if not sheet:
        return [*story, para(_w(ctx, "not_saved"), s.heading)]
    admission = "；".join(
        f"{_diagnosis_name(ctx, catalogue, r)}（{r['code']}）"
        for r in sheet.get("admission_diagnoses") or []
    )
    story += [para(f"{_w(ctx, 'outpatient_dx')}：{admission}", s.body), Spacer(1, 2 * mm),
              grid_table(_diagnosis_rows(ctx, sheet, catalogue), [22 * mm, 92 * mm, 28 * mm, 38 * mm],
                         extra=[("SPAN", (0, 0), (1, 0))])]  # fmt: skip
    if sheet.get("external_cause"):
        story.append(para(f"{_w(ctx, 'external')}：{sheet['external_cause']}", s.body))
    procedures = [[_w(ctx, k) for k in ("proc_code", "proc_date", "proc_name", "operator")]]
    known = default_procedures()
    procedures += [[r["code"], ctx.when(r["performed_at"])[:10], para(_procedure_name(ctx, known, r), s.cell),
                    r.get("operator") or ""]
                   for r in sheet.get("procedures") or []]  # fmt: skip
    story += [Spacer(1, 3 * mm), para(_w(ctx, "procedures"), s.heading),
              grid_table(procedures, [30 * mm, 28 * mm, 92 * mm, 30 * mm])]  # fmt: skip
    return [*story, *_disposition(ctx, sheet), *_check(ctx, patient, sheet)]


def _disposition(ctx: PrintContext, sheet: dict[str, Any]) -> list[Flowable]:
    s = styles(ctx)
    marks = "　".join(f"{'■' if code == sheet.get('disposition') else '□'}{code}.{_pick(ctx, names)}"
                     for code, names in DISPOSITION_NAMES.items())  # fmt: skip
    lines = [para(f"{_w(ctx, 'disposition')}：{marks}", s.body)]
    if sheet.get("transfer_to"):
        lines.append(para(f"{_w(ctx, 'transfer_to')}：{sheet['transfer_to']}", s.body))
    return [Spacer(1, 3 * mm), *lines]


def _check(ctx: PrintContext, patient: dict[str, Any], sheet: dict[str, Any]) -> list[Flowable]:
    s = styles(ctx)
    result = check_sheet(sheet, sex=patient.get("sex"), admitted_at=patient.get("admitted_at"),
                         discharged_at=patient.get("discharged_at"))  # fmt: skip
    found = [p.text(ctx.lang) for p in (*result.errors, *result.warnings)] or [_w(ctx, "valid")]
    return [Spacer(1, 3 * mm), para(f"{_w(ctx, 'check')}：" + "；".join(found), s.small),
            para(_w(ctx, "edition", edition=EDITION), s.small), Spacer(1, 8 * mm),
            para(_w(ctx, "signatures"), s.body)]  # fmt: skip


def front_sheet_pdf(
    ctx: PrintContext, patient: dict[str, Any], sheet: dict[str, Any] | None
) -> bytes:
    """住院病案首页 of one patient (the latest saved sheet; a blank notice when none)."""
    return build_pdf(ctx, _story(ctx, patient, sheet), title=_w(ctx, "title"),
                     banner=identifiers(ctx, patient))  # fmt: skip

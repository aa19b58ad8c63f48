"""Checking a front sheet (住院病案首页) and whether a record may be archived.

The rules are those of the 2016《住院病案首页数据填写质量规范（暂行）》 that a program can check;
each problem names its rule. Errors stop the archive, warnings are shown to the coder:
- 出院诊断 includes a 主要诊断 (first row) and the other diagnoses; every code on the list
  (ICD-10, the hospital's 国家临床版 where imported) and every procedure on the ICD-9-CM-3 list;
- the 主要诊断 is the condition that caused the admission; a symptom or sign (R00-R99) is
  not the main diagnosis when a definite diagnosis is listed (warning: relatedness is the
  coder's judgement), a condition coded 无 (4) on admission is normally not (warning);
- external causes (V01-Y98) are 附加编码 only, never a main diagnosis; an injury or poisoning
  (S00-T98) as main diagnosis needs its 损伤中毒外部原因 code;
- every 出院诊断 carries its 入院病情 (1 有, 2 临床未确定, 3 情况不明, 4 无);
- 离院方式 2 and 3 name the receiving institution; a procedure date lies within the stay;
- the sex of the patient agrees with sex-specific chapters (O, female and male genital codes).
The archive gate (《医疗机构病历管理规定》2013 and the hospital's days) adds: a signed
discharge summary, no note awaiting its co-signature, a valid front sheet."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from workstation.clinical.icd9cm3 import ProcedureCatalogue, default_procedures
from workstation.clinical.icd10 import Icd10Catalogue, default_catalogue, normalise
from workstation.clock import iso, parse_iso

DISPOSITION_NAMES = {
    "1": ("医嘱离院", "Discharged on medical advice"),
    "2": ("医嘱转院", "Transferred to another hospital"),
    "3": ("医嘱转社区卫生服务机构/乡镇卫生院", "Transferred to a community health centre"),
    "4": ("非医嘱离院", "Left against medical advice"),
    "5": ("死亡", "Died"),
    "9": ("其他", "Other"),
}
ADMISSION_CONDITION_NAMES = {
    "1": ("有", "present"), "2": ("临床未确定", "clinically undetermined"),
    "3": ("情况不明", "unknown"), "4": ("无", "not present"),
}  # fmt: skip
_FEMALE_ONLY = ("O", "N70-N98", "C51-C58", "D25-D28")
_MALE_ONLY = ("N40-N51", "C60-C63")


class Problem(str):
    """A problem in English (the server's log and refusal) that knows its Chinese words too, so
    a screen shows it in the user's language."""

    zh: str

    def __new__(cls, en: str, zh: str) -> Problem:
        """The English sentence, with its Chinese."""
        problem = super().__new__(cls, en)
        problem.zh = zh
        return problem

    def text(self, lang: str) -> str:
        """The words in a language ('zh_CN' or 'en')."""
        return self.zh if lang.lower().startswith("zh") else str(self)


@dataclass
class SheetCheck:
    """The outcome of checking a front sheet: errors stop archiving, warnings do not."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        """True when nothing stops the archive."""
        return not self.errors


def _in_ranges(code: str, ranges: Iterable[str]) -> bool:
    head = code[:3]
    for spec in ranges:
        low, _, high = spec.partition("-")
        if (high and low <= head <= high) or (not high and head.startswith(low)):
            return True
    return False


def _is_external_cause(code: str) -> bool:
    return _in_ranges(code, ("V01-Y98",))


def check_sheet(
    sheet: Mapping[str, Any] | None, *, sex: str | None = None,
    admitted_at: str | None = None, discharged_at: str | None = None,
    diagnoses: Icd10Catalogue | None = None, procedures: ProcedureCatalogue | None = None,
) -> SheetCheck:  # fmt: skip
    """Check a saved front sheet (the FrontSheetSaved payload) against the 2016 rules above."""
    result = SheetCheck()
    if not sheet:
        result.errors.append(
            Problem("no front sheet (住院病案首页) has been saved", "未保存住院病案首页")
        )
        return result
    diagnoses = diagnoses or default_catalogue()
    rows = list(sheet.get("discharge_diagnoses") or [])
    if not rows:
        result.errors.append(
            Problem(
                "no main diagnosis (主要诊断): the discharge diagnoses are empty",
                "无主要诊断：出院诊断为空",
            )
        )
    _check_codes(result, sheet, rows, diagnoses)
    if rows:
        _check_main(result, sheet, [normalise(r["code"]) for r in rows], rows[0])
    _check_sex(result, rows, sex)
    _check_procedures(result, sheet, procedures or default_procedures(), admitted_at, discharged_at)
    if sheet.get("disposition") is None:
        result.errors.append(
            Problem("the discharge disposition (离院方式) is not coded", "离院方式未填写")
        )
    elif sheet["disposition"] in ("2", "3") and not (sheet.get("transfer_to") or "").strip():
        result.errors.append(
            Problem(
                "discharge disposition 2/3 needs the receiving institution (拟接收医疗机构名称)",
                "离院方式 2/3 须填写拟接收医疗机构名称",
            )
        )
    return result


def _check_codes(result: SheetCheck, sheet: Mapping[str, Any], rows: list[Any],
                 diagnoses: Icd10Catalogue) -> None:  # fmt: skip
    seen: set[str] = set()
    for row in [*(sheet.get("admission_diagnoses") or []), *rows]:
        if diagnoses.get(row["code"]) is None:
            result.errors.append(
                Problem(
                    f"{row['code']} is not a codable ICD-10 diagnosis",
                    f"{row['code']} 不是可用的 ICD-10 诊断编码",
                )
            )
    for number, row in enumerate(rows, start=1):
        code = normalise(row["code"])
        if code in seen:
            result.errors.append(
                Problem(f"discharge diagnosis {code} is listed twice", f"出院诊断 {code} 重复")
            )
        seen.add(code)
        if not row.get("admission_condition"):
            result.errors.append(
                Problem(
                    f"discharge diagnosis {number} ({code}) has no condition on admission (入院病情)",
                    f"出院诊断 {number}（{code}）未填写入院病情",
                )
            )


def _check_main(result: SheetCheck, sheet: Mapping[str, Any], codes: list[str],
                main: Mapping[str, Any]) -> None:  # fmt: skip
    code = codes[0]
    if _is_external_cause(code):
        result.errors.append(
            Problem(
                f"{code} is an external cause (V01-Y98): never the main diagnosis",
                f"{code} 为损伤中毒外部原因（V01-Y98），不能作为主要诊断",
            )
        )
    if code.startswith("R") and any(not c.startswith("R") for c in codes[1:]):
        result.warnings.append(
            Problem(
                f"main diagnosis {code} is a symptom or sign while a definite diagnosis is listed",
                f"主要诊断 {code} 为症状或体征，而已有明确诊断",
            )
        )
    if main.get("admission_condition") == "4":
        result.warnings.append(
            Problem(
                f"main diagnosis {code} was not present on admission (入院病情 无)",
                f"主要诊断 {code} 入院病情为“无”",
            )
        )
    if code[:1] in ("S", "T"):
        cause = normalise(sheet.get("external_cause") or "")
        if not _is_external_cause(cause):
            result.errors.append(
                Problem(
                    f"injury or poisoning {code} needs its external cause code (损伤中毒外部原因), V01-Y98",
                    f"损伤或中毒 {code} 须填写损伤中毒外部原因（V01-Y98）",
                )
            )


def _check_sex(result: SheetCheck, rows: list[Any], sex: str | None) -> None:
    for row in rows:
        code = normalise(row["code"])
        if sex == "male" and _in_ranges(code, _FEMALE_ONLY):
            result.errors.append(
                Problem(
                    f"{code} applies to women only; the patient is male",
                    f"{code} 仅适用于女性，患者为男性",
                )
            )
        if sex == "female" and _in_ranges(code, _MALE_ONLY):
            result.errors.append(
                Problem(
                    f"{code} applies to men only; the patient is female",
                    f"{code} 仅适用于男性，患者为女性",
                )
            )


def _check_procedures(result: SheetCheck, sheet: Mapping[str, Any], catalogue: ProcedureCatalogue,
                      admitted_at: str | None, discharged_at: str | None) -> None:  # fmt: skip
    for row in sheet.get("procedures") or []:
        if catalogue.get(row["code"]) is None:
            result.errors.append(
                Problem(
                    f"{row['code']} is not an ICD-9-CM-3 procedure code",
                    f"{row['code']} 不是 ICD-9-CM-3 手术操作编码",
                )
            )
        when = row["performed_at"]
        if (admitted_at and when < admitted_at) or (discharged_at and when > discharged_at):
            result.errors.append(
                Problem(
                    f"procedure {row['code']} is dated outside the stay",
                    f"手术操作 {row['code']} 的日期不在住院期间",
                )
            )


@dataclass(frozen=True)
class RecordState:
    """What the archive gate reads of one record."""

    sheet: Mapping[str, Any] | None
    discharge_summary_signed: bool
    awaiting_cosign: int
    sex: str | None = None
    admitted_at: str | None = None
    discharged_at: str | None = None


def archive_gaps(record: RecordState, *, diagnoses: Icd10Catalogue | None = None) -> list[Problem]:
    """Why the records office may not archive this record yet (empty: it may)."""
    gaps = []
    if not record.discharge_summary_signed:
        gaps.append(Problem("the discharge summary (出院记录) is not signed", "出院记录未签名"))
    if record.awaiting_cosign:
        waiting = record.awaiting_cosign
        gaps.append(Problem(f"{waiting} note(s) await their co-signature (上级医师审签)",
                            f"{waiting} 份病历待上级医师审签"))  # fmt: skip
    check = check_sheet(record.sheet, sex=record.sex, admitted_at=record.admitted_at,
                        discharged_at=record.discharged_at, diagnoses=diagnoses)  # fmt: skip
    gaps += [Problem(f"front sheet: {e}", f"病案首页：{e.zh}") for e in check.errors]
    return gaps


def problems_text(problems: Iterable[Problem], lang: str) -> str:
    """Problems joined in a language ('；' between Chinese ones)."""
    return ("；" if lang.lower().startswith("zh") else "; ").join(p.text(lang) for p in problems)


def archive_due(discharged_at: str, days: int) -> str:
    """When the record must be archived: `days` calendar days after discharge (hospital setting)."""
    return iso(parse_iso(discharged_at) + timedelta(days=days))

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
discharge summary, no note awaiting its co-signature, a valid front sheet.

Each problem is a `Note`: a code and its values, worded in Chinese or English where it is shown
(the dialog and the archive refusal in the user's language, the printed sheet in the print's),
the Qt-free core keeping both wordings as it does for its other printed words."""

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


# code -> (Chinese, English) wording of each problem, filled with the note's values
NOTE_WORDS = {
    "no_sheet": ("尚未保存住院病案首页", "no front sheet (住院病案首页) has been saved"),
    "no_main": ("无主要诊断：出院诊断为空", "no main diagnosis (主要诊断): the discharge diagnoses are empty"),
    "not_codable": ("{code} 不是可编码的 ICD-10 诊断", "{code} is not a codable ICD-10 diagnosis"),
    "listed_twice": ("出院诊断 {code} 重复填写", "discharge diagnosis {code} is listed twice"),
    "no_admission_condition": ("出院诊断 {number}（{code}）未填写入院病情",
                               "discharge diagnosis {number} ({code}) has no condition on admission (入院病情)"),
    "external_main": ("{code} 为损伤中毒外部原因（V01-Y98），不能作为主要诊断",
                      "{code} is an external cause (V01-Y98): never the main diagnosis"),
    "symptom_main": ("主要诊断 {code} 为症状、体征，而已有明确诊断",
                     "main diagnosis {code} is a symptom or sign while a definite diagnosis is listed"),
    "main_not_on_admission": ("主要诊断 {code} 入院病情为“无”",
                              "main diagnosis {code} was not present on admission (入院病情 无)"),
    "injury_needs_cause": ("损伤、中毒 {code} 须填写损伤中毒外部原因（V01-Y98）",
                           "injury or poisoning {code} needs its external cause (损伤中毒外部原因), V01-Y98"),
    "women_only": ("{code} 仅用于女性，患者为男性", "{code} applies to women only; the patient is male"),
    "men_only": ("{code} 仅用于男性，患者为女性", "{code} applies to men only; the patient is female"),
    "not_procedure": ("{code} 不是 ICD-9-CM-3 手术操作编码", "{code} is not an ICD-9-CM-3 procedure code"),
    "procedure_outside_stay": ("手术操作 {code} 的日期不在住院期间",
                               "procedure {code} is dated outside the stay"),
    "no_disposition": ("离院方式未填写", "the discharge disposition (离院方式) is not coded"),
    "no_receiver": ("离院方式 2/3 须填写拟接收医疗机构名称",
                    "discharge disposition 2/3 needs the receiving institution (拟接收医疗机构名称)"),
    "summary_unsigned": ("出院记录未签名", "the discharge summary (出院记录) is not signed"),
    "awaiting_cosign": ("{count} 份记录待上级医师审签",
                        "{count} note(s) await their co-signature (上级医师审签)"),
    "front_sheet": ("病案首页：{inner}", "front sheet: {inner}"),
}  # fmt: skip


@dataclass(frozen=True)
class Note:
    """One problem of a front sheet or of the archive gate: its code (NOTE_WORDS), the values
    its wording names, and for `front_sheet` the sheet's own problem inside."""

    code: str
    values: tuple[tuple[str, str], ...] = ()
    inner: Note | None = None

    def text(self, lang: str = "en") -> str:
        """The note in Chinese (lang zh, zh_CN) or English (any other)."""
        zh, en = NOTE_WORDS[self.code]
        values = dict(self.values)
        if self.inner is not None:
            values["inner"] = self.inner.text(lang)
        return (zh if lang.startswith("zh") else en).format(**values)


def note(kind: str, /, **values: object) -> Note:
    """A Note of this kind (a NOTE_WORDS code) with these values (as text)."""
    return Note(kind, tuple((key, str(value)) for key, value in values.items()))


@dataclass
class SheetCheck:
    """The outcome of checking a front sheet: errors stop archiving, warnings do not."""

    error_notes: list[Note] = field(default_factory=list)
    warning_notes: list[Note] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        """The errors in English (the server's refusal and the logs)."""
        return [n.text() for n in self.error_notes]

    @property
    def warnings(self) -> list[str]:
        """The warnings in English."""
        return [n.text() for n in self.warning_notes]

    def texts(self, lang: str) -> tuple[list[str], list[str]]:
        """(errors, warnings) worded in this language (zh, zh_CN or en)."""
        return [n.text(lang) for n in self.error_notes], [n.text(lang) for n in self.warning_notes]

    def error(self, kind: str, /, **values: object) -> None:
        """Add an error of this kind (a NOTE_WORDS code)."""
        self.error_notes.append(note(kind, **values))

    def warn(self, kind: str, /, **values: object) -> None:
        """Add a warning of this kind."""
        self.warning_notes.append(note(kind, **values))

    @property
    def valid(self) -> bool:
        """True when nothing stops the archive."""
        return not self.error_notes


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
        result.error("no_sheet")
        return result
    diagnoses = diagnoses or default_catalogue()
    rows = list(sheet.get("discharge_diagnoses") or [])
    if not rows:
        result.error("no_main")
    _check_codes(result, sheet, rows, diagnoses)
    if rows:
        _check_main(result, sheet, [normalise(r["code"]) for r in rows], rows[0])
    _check_sex(result, rows, sex)
    _check_procedures(result, sheet, procedures or default_procedures(), admitted_at, discharged_at)
    if sheet.get("disposition") is None:
        result.error("no_disposition")
    elif sheet["disposition"] in ("2", "3") and not (sheet.get("transfer_to") or "").strip():
        result.error("no_receiver")
    return result


def _check_codes(result: SheetCheck, sheet: Mapping[str, Any], rows: list[Any],
                 diagnoses: Icd10Catalogue) -> None:  # fmt: skip
    seen: set[str] = set()
    for row in [*(sheet.get("admission_diagnoses") or []), *rows]:
        if diagnoses.get(row["code"]) is None:
            result.error("not_codable", code=row["code"])
    for number, row in enumerate(rows, start=1):
        code = normalise(row["code"])
        if code in seen:
            result.error("listed_twice", code=code)
        seen.add(code)
        if not row.get("admission_condition"):
            result.error("no_admission_condition", number=number, code=code)


def _check_main(result: SheetCheck, sheet: Mapping[str, Any], codes: list[str],
                main: Mapping[str, Any]) -> None:  # fmt: skip
    code = codes[0]
    if _is_external_cause(code):
        result.error("external_main", code=code)
    if code.startswith("R") and any(not c.startswith("R") for c in codes[1:]):
        result.warn("symptom_main", code=code)
    if main.get("admission_condition") == "4":
        result.warn("main_not_on_admission", code=code)
    if code[:1] in ("S", "T"):
        cause = normalise(sheet.get("external_cause") or "")
        if not _is_external_cause(cause):
            result.error("injury_needs_cause", code=code)


def _check_sex(result: SheetCheck, rows: list[Any], sex: str | None) -> None:
    for row in rows:
        code = normalise(row["code"])
        if sex == "male" and _in_ranges(code, _FEMALE_ONLY):
            result.error("women_only", code=code)
        if sex == "female" and _in_ranges(code, _MALE_ONLY):
            result.error("men_only", code=code)


def _check_procedures(result: SheetCheck, sheet: Mapping[str, Any], catalogue: ProcedureCatalogue,
                      admitted_at: str | None, discharged_at: str | None) -> None:  # fmt: skip
    for row in sheet.get("procedures") or []:
        if catalogue.get(row["code"]) is None:
            result.error("not_procedure", code=row["code"])
        when = row["performed_at"]
        if (admitted_at and when < admitted_at) or (discharged_at and when > discharged_at):
            result.error("procedure_outside_stay", code=row["code"])


@dataclass(frozen=True)
class RecordState:
    """What the archive gate reads of one record."""

    sheet: Mapping[str, Any] | None
    discharge_summary_signed: bool
    awaiting_cosign: int
    sex: str | None = None
    admitted_at: str | None = None
    discharged_at: str | None = None


def archive_gaps(
    record: RecordState, *, diagnoses: Icd10Catalogue | None = None, lang: str = "en"
) -> list[str]:
    """Why the records office may not archive this record yet (empty: it may), worded in
    `lang` (English by default: the server's refusal)."""
    return [n.text(lang) for n in archive_notes(record, diagnoses=diagnoses)]


def archive_notes(record: RecordState, *, diagnoses: Icd10Catalogue | None = None) -> list[Note]:
    """The archive gate's gaps as notes, to be worded where they are shown."""
    gaps = []
    if not record.discharge_summary_signed:
        gaps.append(note("summary_unsigned"))
    if record.awaiting_cosign:
        gaps.append(note("awaiting_cosign", count=record.awaiting_cosign))
    check = check_sheet(record.sheet, sex=record.sex, admitted_at=record.admitted_at,
                        discharged_at=record.discharged_at, diagnoses=diagnoses)  # fmt: skip
    gaps += [Note("front_sheet", inner=n) for n in check.error_notes]
    return gaps


def archive_due(discharged_at: str, days: int) -> str:
    """When the record must be archived: `days` calendar days after discharge (hospital setting)."""
    return iso(parse_iso(discharged_at) + timedelta(days=days))

"""The 2016 规范 rules a program can check on a front sheet, and the archive gate's gaps."""

from __future__ import annotations

import re

from tests.support.ward import front_sheet
from workstation.clinical.adverse_events import adr_deadline, sees_reporter
from workstation.clinical.front_sheet import NOTE_WORDS, RecordState, archive_gaps, check_sheet

STAY = {"admitted_at": "2026-03-01T08:00:00.000Z", "discharged_at": "2026-03-09T08:00:00.000Z"}


def test_a_complete_sheet_is_valid() -> None:
    assert check_sheet(front_sheet(), sex="female", **STAY).errors == []


def test_no_main_diagnosis_is_an_error() -> None:
    assert any(
        "main diagnosis" in e for e in check_sheet(front_sheet(discharge_diagnoses=[])).errors
    )
    assert check_sheet(None).errors == ["no front sheet (住院病案首页) has been saved"]


def test_main_diagnosis_rules() -> None:
    external = check_sheet(front_sheet(main_code="W19"))
    assert any("external cause" in e for e in external.errors)
    injury = check_sheet(front_sheet(main_code="S72.0"))
    assert any("损伤中毒外部原因" in e for e in injury.errors)
    assert check_sheet(front_sheet(main_code="S72.0", external_cause="W19")).errors == []
    symptom = check_sheet(front_sheet(main_code="R50.9"))
    assert symptom.errors == [] and any("symptom" in w for w in symptom.warnings)


def test_every_discharge_diagnosis_has_its_admission_condition_and_a_real_code() -> None:
    rows = [
        {"code": "J18.9", "name": "肺炎"},
        {"code": "I21", "name": "心梗", "admission_condition": "1"},
    ]
    errors = check_sheet(front_sheet(discharge_diagnoses=rows)).errors
    assert any("入院病情" in e for e in errors) and any("I21 is not a codable" in e for e in errors)


def test_disposition_procedures_and_sex() -> None:
    transfer = check_sheet(front_sheet(disposition="2"))
    assert any("receiving institution" in e for e in transfer.errors)
    late = [{"code": "96.04", "name": "插管", "performed_at": "2026-03-10T08:00:00.000Z"}]
    assert any(
        "outside the stay" in e for e in check_sheet(front_sheet(procedures=late), **STAY).errors
    )
    unknown = [{"code": "96.99x", "name": "?", "performed_at": "2026-03-02T08:00:00.000Z"}]
    assert any("ICD-9-CM-3" in e for e in check_sheet(front_sheet(procedures=unknown)).errors)
    assert any(
        "women only" in e for e in check_sheet(front_sheet(main_code="O80.0"), sex="male").errors
    )


def test_archive_gaps_name_each_missing_part() -> None:
    gaps = archive_gaps(RecordState(sheet=None, discharge_summary_signed=False, awaiting_cosign=2))
    assert len(gaps) == 3 and "co-signature" in gaps[1]
    assert (
        archive_gaps(
            RecordState(sheet=front_sheet(), discharge_summary_signed=True, awaiting_cosign=0)
        )
        == []
    )


def test_adr_reporting_times_of_the_2011_measures() -> None:
    base = {"reaction_at": "2026-03-01T00:00:00.000Z", "new_reaction": False, "serious": False}
    assert adr_deadline(base | {"outcome": "recovered"}) == ("2026-03-31T00:00:00.000Z", "30 days")
    assert adr_deadline(base | {"serious": True, "outcome": "recovered"})[1] == "15 days"
    assert adr_deadline(base | {"outcome": "death"}) == ("2026-03-01T00:00:00.000Z", "immediately")


def test_who_sees_the_reporter() -> None:
    report = {"anonymous": True, "reporter_id": "u-1"}
    assert not sees_reporter(report, viewer_id="u-2", viewer_role="nurse")
    assert sees_reporter(report, viewer_id="u-1", viewer_role="nurse")
    assert sees_reporter(report, viewer_id="u-3", viewer_role="admin")
    assert sees_reporter(report | {"anonymous": False}, viewer_id="u-2", viewer_role="nurse")


def test_the_problems_are_worded_in_the_users_language() -> None:
    # issue 17's leftover: the check spoke English only, on a Chinese screen and a Chinese print
    check = check_sheet(front_sheet(main_code="S72.0", disposition="2"))
    errors, _ = check.texts("zh_CN")
    assert "损伤、中毒 S72.0 须填写损伤中毒外部原因（V01-Y98）" in errors
    assert "离院方式 2/3 须填写拟接收医疗机构名称" in errors
    assert check.texts("en") == (check.errors, check.warnings)
    assert any("receiving institution" in e for e in check.errors)  # the server's words stay
    _, warnings = check_sheet(front_sheet(main_code="R50.9")).texts("zh")
    assert warnings == ["主要诊断 R50.9 为症状、体征，而已有明确诊断"]
    record = RecordState(sheet=None, discharge_summary_signed=False, awaiting_cosign=2)
    assert archive_gaps(record, lang="zh") == [
        "出院记录未签名", "2 份记录待上级医师审签", "病案首页：尚未保存住院病案首页"
    ]  # fmt: skip
    assert archive_gaps(record)[2] == "front sheet: no front sheet (住院病案首页) has been saved"


def test_every_problem_has_a_chinese_wording_without_english_words() -> None:
    values = {"code": "A00", "number": "1", "count": "2", "inner": "…"}
    for code, (zh, en) in NOTE_WORDS.items():
        chinese = zh.format(**values)
        assert chinese != en.format(**values) and not re.search(r"[a-z]{3,}", chinese), code

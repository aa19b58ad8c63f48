"""The 2016 规范 rules a program can check on a front sheet, and the archive gate's gaps."""

from __future__ import annotations

import re

from tests.support.ward import front_sheet
from workstation.clinical.adverse_events import adr_deadline, sees_reporter
from workstation.clinical.front_sheet import RecordState, archive_gaps, check_sheet, problems_text

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


def test_each_problem_is_worded_in_the_users_language() -> None:
    """A Chinese screen shows the Chinese words (codes and ICD names of lists only), an English
    one the English (a Chinese term only quoted in brackets)."""
    rows = [{"code": "J18.9", "name": "肺炎"}, {"code": "J18.9", "name": "肺炎"}]
    checks = [
        check_sheet(front_sheet(discharge_diagnoses=rows, disposition="2"), sex="male"),
        check_sheet(front_sheet(main_code="O80.0", disposition=None), sex="male"),
        check_sheet(front_sheet(main_code="S72.0", procedures=[{
            "code": "96.99x", "name": "?", "performed_at": "2026-03-10T08:00:00.000Z"}]), **STAY),
    ]  # fmt: skip
    gaps = archive_gaps(RecordState(sheet=None, discharge_summary_signed=False, awaiting_cosign=2))
    problems = [*gaps, *(p for c in checks for p in (*c.errors, *c.warnings))]
    assert len(problems) >= 10
    for problem in problems:
        chinese, english = problem.text("zh_CN"), problem.text("en")
        assert not re.findall(r"\b(?!ICD|CM|V01|Y98)[A-Za-z]{2,}\b", chinese), chinese
        assert not re.search(r"[\u3400-\u9fff]", re.sub(r"\([^)]*\)", "", english)), english
    assert "；" in problems_text(gaps, "zh_CN") and "出院记录未签名" in problems_text(gaps, "zh_CN")


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

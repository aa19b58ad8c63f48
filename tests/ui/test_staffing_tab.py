"""The dashboard's staffing tab shows the shift now against the standard with its warnings in
words, one ward's week, and exports what it shows."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from ui.screens.dashboard.tabs import TABS
from ui.screens.roster.staffing_tab import StaffingTab

SHIFTS = [{"code": "D", "name_zh": "白班", "name_en": "Day", "start": "08:00", "end": "16:00"}]
LEVELS = {"special": 1, "first": 4, "second": 10, "third": 3}
STANDARD = {"nurses_per_bed": 0.4, "patients_per_nurse": 8.0, "special_per_nurse": None,
            "source": "卫生部《关于实施医院护士岗位管理的指导意见》(卫医政发〔2012〕30号)"}  # fmt: skip
SHIFT = {"date": "2026-12-07", "shift": "D", "nurses": ["u1", "u2"], "census": 18, "levels": LEVELS,
         "news2_high": 1, "news2_medium": 2, "patients_per_nurse": 9.0, "unassigned_beds": [],
         "warnings": [{"code": "patients_per_nurse", "value": 9.0, "limit": 8.0}], "now": True}  # fmt: skip
ANSWER = {
    "standard": STANDARD,
    "wards": [{"ward_id": "CARD", "beds": 40, "rostered_nurses": 15, "shifts": SHIFTS, "now": SHIFT,
               "establishment": {"code": "bed_nurse_ratio", "beds": 40, "nurses": 15, "needed": 16,
                                 "ratio": 0.38, "limit": 0.4}}],
    "week": {"shifts": SHIFTS, "nurses": [{"user_id": "u1", "display_name": "Nurse Li"},
                                          {"user_id": "u2", "display_name": "Nurse Wang"}],
             "workload": [SHIFT]},
}  # fmt: skip


def test_staffing_now_and_the_week_with_warnings_and_export(qtbot: QtBot) -> None:
    assert StaffingTab in TABS
    tab = StaffingTab()
    qtbot.addWidget(tab)
    tab.show_data(ANSWER)
    assert (
        "卫医政发〔2012〕30号" in tab.standard.text()
        and "8 patients per nurse" in tab.standard.text()
    )
    row = [tab.now.item(0, c).text() for c in range(tab.now.columnCount())]
    assert row[:5] == ["CARD", "Day 08:00–16:00", "18", "2", "9"]
    assert "9 patients per nurse, above the standard's 8" in row[-1]
    assert "15 nurses on the roster for 40 beds" in row[-1] and "needs 16" in row[-1]
    sheets = tab.sheets()
    assert [s.title for s in sheets] == ["Staffing now", "Roster and workload"]
    assert sheets[1].rows[0][2] == "Nurse Li, Nurse Wang"
    tab.clear()
    assert tab.sheets() == [] and tab.now.rowCount() == 0


def test_the_whole_hospital_one_row_per_ward_and_no_week(qtbot: QtBot) -> None:
    tab = StaffingTab()
    qtbot.addWidget(tab)
    resp = {**ANSWER["wards"][0], "ward_id": "RESP", "now": None, "establishment": None}
    tab.show_data({**ANSWER, "wards": [ANSWER["wards"][0], resp], "week": None})
    assert [tab.now.item(r, 0).text() for r in range(2)] == ["CARD", "RESP"]
    assert tab.now.item(1, 1).text() == "—" and tab.week.isHidden()
    assert [s.title for s in tab.sheets()] == ["Staffing now"]

"""The staffing rules (卫医政发〔2012〕30号 defaults) and the roster's shifts, against hand-computed cases."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from workstation.clinical.roster import (
    RosterError,
    beds_of,
    beds_text,
    parse_beds,
    parse_cells,
    parse_shifts,
    shift_at,
)
from workstation.clinical.staffing import (
    PatientLoad,
    StaffingStandard,
    StandardError,
    shift_load,
    ward_establishment,
)

CST = timezone(timedelta(hours=8))
PATTERN = [
    {"code": "D", "name_zh": "白班", "name_en": "Day", "start": "08:00", "end": "16:00"},
    {"code": "E", "name_zh": "小夜", "name_en": "Evening", "start": "16:00", "end": "00:00"},
    {"code": "N", "name_zh": "大夜", "name_en": "Night", "start": "00:00", "end": "08:00"},
]


def _patients(n: int, **kw: object) -> list[PatientLoad]:
    return [PatientLoad(f"{i + 1:02d}", kw.get("level"), kw.get("news2")) for i in range(n)]  # type: ignore[arg-type]


def test_twenty_patients_two_nurses_is_ten_each_over_eight() -> None:
    load = shift_load(_patients(20), {"a": [], "b": []}, StaffingStandard())
    assert load.patients_per_nurse == 10.0
    assert {"code": "patients_per_nurse", "value": 10.0, "limit": 8.0} in load.warnings


def test_sixteen_patients_two_nurses_is_exactly_the_limit() -> None:
    beds = [f"{i + 1:02d}" for i in range(16)]
    load = shift_load(_patients(16), {"a": beds[:8], "b": beds[8:]}, StaffingStandard())
    assert load.patients_per_nurse == 8.0 and load.warnings == []


def test_patients_and_no_nurse() -> None:
    load = shift_load(_patients(3), {}, StaffingStandard())
    assert load.patients_per_nurse is None
    assert load.warnings == [{"code": "no_nurse", "census": 3}]


def test_a_nurse_with_nine_occupied_beds_is_overloaded_empty_beds_do_not_count() -> None:
    beds = [f"{i + 1:02d}" for i in range(10)]  # 10 beds, 9 occupied
    load = shift_load(_patients(9), {"a": beds, "b": ["11"]}, StaffingStandard())
    assert {"code": "nurse_overloaded", "nurse_id": "a", "value": 9, "limit": 8.0} in load.warnings
    assert not any(w["code"] == "patients_per_nurse" for w in load.warnings)  # 4.5 each


def test_special_care_rule_only_when_the_hospital_sets_it() -> None:
    two_special = _patients(2, level="special")
    assert shift_load(two_special, {"a": ["01", "02"]}, StaffingStandard()).warnings == []
    strict = StaffingStandard(special_per_nurse=1)
    load = shift_load(two_special, {"a": ["01", "02"]}, strict)
    assert load.warnings == [{"code": "special_care", "value": 2, "nurses": 1, "needed": 2}]


def test_unassigned_beds_and_news2_bands() -> None:
    scores = [7, 5, 6, 4, None, 9]
    patients = [PatientLoad(f"0{i + 1}", "first", s) for i, s in enumerate(scores)]
    load = shift_load(patients, {"a": ["01", "02", "03"]}, StaffingStandard())
    assert (load.news2_high, load.news2_medium) == (2, 2)
    assert load.levels == {"special": 0, "first": 6, "second": 0, "third": 0}
    assert load.unassigned_beds == ["04", "05", "06"]
    assert {"code": "unassigned", "beds": ["04", "05", "06"]} in load.warnings


def test_bed_nurse_ratio_forty_beds_need_sixteen_nurses() -> None:
    assert ward_establishment(40, 16, StaffingStandard()) is None
    found = ward_establishment(40, 15, StaffingStandard())
    assert found == {"code": "bed_nurse_ratio", "beds": 40, "nurses": 15, "needed": 16,
                     "ratio": 0.38, "limit": 0.4}  # fmt: skip
    assert ward_establishment(41, 16, StaffingStandard())["needed"] == 17  # type: ignore[index]


def test_standard_from_config_bounds_and_source() -> None:
    assert StaffingStandard.read(None).source.startswith("卫生部")
    own = StaffingStandard.read({"patients_per_nurse": 6, "source": "本院护理部 2026"})
    assert own.patients_per_nurse == 6.0 and own.nurses_per_bed == 0.4
    for bad in ({"patients_per_nurse": 0}, {"nurses_per_bed": True}, {"ratio": 1},
                {"patients_per_nurse": 6, "source": ""}):  # fmt: skip
        with pytest.raises(StandardError):
            StaffingStandard.read(bad)


def test_shift_at_night_belongs_to_its_start_day() -> None:
    shifts = parse_shifts(PATTERN)
    at = datetime(2026, 12, 7, 3, 0, tzinfo=CST)
    assert shift_at(shifts, at, CST) == (date(2026, 12, 7), shifts[2])
    late = datetime(2026, 12, 7, 23, 59, tzinfo=CST).astimezone(UTC)
    assert shift_at(shifts, late, CST) == (date(2026, 12, 7), shifts[1])
    across = parse_shifts([{**PATTERN[0], "code": "N", "start": "22:00", "end": "08:00"}])
    found = shift_at(across, datetime(2026, 12, 8, 2, 0, tzinfo=CST), CST)
    assert found is not None and found[0] == date(2026, 12, 7)
    assert shifts[1].hours() == 8.0


def test_beds_of_the_nurse_on_shift_else_none() -> None:
    snap = {"shifts": PATTERN, "assignments": [
        {"date": "2026-12-07", "shift": "D", "nurse_id": "u1", "beds": ["01", "02"]}]}  # fmt: skip
    assert beds_of(snap, "u1", datetime(2026, 12, 7, 9, tzinfo=CST), CST) == {"01", "02"}
    assert beds_of(snap, "u1", datetime(2026, 12, 7, 17, tzinfo=CST), CST) is None
    assert beds_of(snap, "u2", datetime(2026, 12, 7, 9, tzinfo=CST), CST) is None
    snap["assignments"].append({"date": "2026-12-07", "shift": "D", "nurse_id": "head", "beds": []})
    assert beds_of(snap, "head", datetime(2026, 12, 7, 9, tzinfo=CST), CST) is None


def test_cells_refuse_out_of_bounds() -> None:
    shifts = parse_shifts(PATTERN)
    ok = parse_cells([{"date": "2026-12-07", "shift": "D", "assignments": [
        {"nurse_id": "u1", "beds": ["01"]}]}], shifts=shifts, nurses=["u1"], beds=["01", "02"])  # fmt: skip
    assert ok[(date(2026, 12, 7), "D")][0].beds == ("01",)
    bad_cells = [
        [{"date": "2026-12-07", "shift": "X", "assignments": []}],
        [{"date": "07/12/2026", "shift": "D", "assignments": []}],
        [{"date": "2026-12-07", "shift": "D", "assignments": [{"nurse_id": "other", "beds": []}]}],
        [{"date": "2026-12-07", "shift": "D", "assignments": [{"nurse_id": "u1", "beds": ["99"]}]}],
        [{"date": "2026-12-07", "shift": "D", "assignments": [
            {"nurse_id": "u1", "beds": ["01"]}, {"nurse_id": "u2", "beds": ["01"]}]}],
    ]  # fmt: skip
    for cells in bad_cells:
        with pytest.raises(RosterError):
            parse_cells(cells, shifts=shifts, nurses=["u1", "u2"], beds=["01", "02"])
    for pattern in ([], [{**PATTERN[0], "start": "25:00"}], [PATTERN[0], PATTERN[0]],
                    [{**PATTERN[0], "name_zh": "x" * 21}]):  # fmt: skip
        with pytest.raises(RosterError):
            parse_shifts(pattern)


def test_beds_typed_as_ranges_of_the_ward_order() -> None:
    ward = [str(b) for b in range(1, 16)] + ["加1"]
    assert parse_beds("1-3, 12，加1", ward) == ["1", "2", "3", "12", "加1"]
    assert parse_beds("3-1", ward) == ["1", "2", "3"]
    assert beds_text(["1", "2", "3", "12", "14", "15"], ward) == "1-3, 12, 14-15"
    assert parse_beds("", ward) == [] and beds_text([], ward) == ""
    with pytest.raises(RosterError):
        parse_beds("1-99", ward)


def test_the_server_config_names_its_staffing_standard(tmp_path) -> None:  # noqa: ANN001
    from workstation.server.config import ConfigError, load

    path = tmp_path / "server.toml"
    path.write_text('[staffing]\npatients_per_nurse = 6\nsource = "本院护理部 2026"\n', "utf-8")
    assert load(path).staffing == {"patients_per_nurse": 6, "source": "本院护理部 2026"}
    path.write_text("[staffing]\npatients_per_nurse = 0\n", "utf-8")
    with pytest.raises(ConfigError, match="patients_per_nurse"):
        load(path)


def test_the_head_nurse_without_beds_is_not_a_responsible_nurse() -> None:
    beds = [f"{i + 1:02d}" for i in range(18)]
    load = shift_load(_patients(18), {"a": beds[:9], "b": beds[9:], "head": []}, StaffingStandard())
    assert load.nurses == 2 and load.patients_per_nurse == 9.0  # 18 / 2, not 18 / 3
    assert {"code": "patients_per_nurse", "value": 9.0, "limit": 8.0} in load.warnings

"""The shipped default critical limits (危急值, resources/settings/ward_safety.json): each fires at
its limit and not just inside it, by the lab's analyte code and by its LOINC code, through the
demo laboratory's path as through the entry point; the hospital's own entry replaces a default;
a result in another unit is not compared."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from workstation.clinical.ward_safety import WardSafetySettings, critical_basis
from workstation.clock import utc_now
from workstation.resources import resource
from workstation.server.demo_critical import report_critical
from workstation.server.demo_events import DemoLog
from workstation.server.demo_labs import TESTS

RAW = json.loads(resource("settings", "ward_safety.json").read_text("utf-8"))
DEFAULTS = RAW["critical_value_defaults"]
SETTINGS = WardSafetySettings.load()
STEP = 0.01  # one step inside the limit at the finest precision the demo laboratory reports

EDGES = [(code, side, entry[side]) for code, entry in DEFAULTS.items()
         for side in ("low", "high") if side in entry]  # fmt: skip


def result(code: str, value: float, unit: str | None) -> dict[str, object]:
    """A LabResulted payload without any flag of the laboratory."""
    payload: dict[str, object] = {"test_code": code, "numeric_value": value, "value": str(value)}
    return payload | ({"unit": unit} if unit else {})


@pytest.mark.parametrize(("code", "side", "limit"), EDGES)
def test_each_default_fires_at_its_limit_and_not_just_inside(code, side, limit):
    unit = DEFAULTS[code].get("unit")
    inside = limit + STEP if side == "low" else limit - STEP
    for test_code in (code, *DEFAULTS[code]["loinc"]):
        assert critical_basis(result(test_code, limit, unit), SETTINGS) == "hospital_limit"
        assert critical_basis(result(test_code, inside, unit), SETTINGS) is None


def test_every_default_names_its_source_in_the_demo_laboratorys_unit():
    assert len(DEFAULTS) >= 10
    for code, entry in DEFAULTS.items():
        assert "JAMA 1990" in entry["source"], code
        assert SETTINGS.limits[code].default
        if code in TESTS:  # the analytes the demo laboratory reports (PT is not one of them)
            assert (TESTS[code].unit or None) == entry.get("unit"), code


def test_a_default_fires_through_the_demo_laboratorys_path():
    log, now = DemoLog(utc_now()), utc_now()
    sodium = result("NA", 118.0, "mmol/L") | {"test_name": "钠", "resulted_at": "x"}
    at = now - timedelta(hours=1)
    assert report_critical(log, "r1", patient_id="p1", lab_user="lab", at=at, payload=sodium)
    assert report_critical(log, "r2", patient_id="p1", lab_user="lab", at=at,
                           payload=sodium | {"numeric_value": 121.0}) is None  # fmt: skip
    [reported] = log.wire_events()
    assert reported["type"] == "CriticalValueReported"
    assert reported["payload"]["basis"] == "hospital_limit"
    assert (reported["payload"]["limit_low"], reported["payload"]["limit_high"]) == (120, 158)


def _settings(tmp_path: Path, hospital: dict[str, object]) -> WardSafetySettings:
    path = tmp_path / "ward_safety.json"
    path.write_text(json.dumps(RAW | {"critical_values": hospital}), "utf-8")
    return WardSafetySettings.load(path)


def test_the_hospitals_own_entry_replaces_the_default_whole(tmp_path):
    own = {"K": {"low": 3.0, "high": 6.0, "unit": "mmol/L", "source": "本院检验科 2026"}}
    settings = _settings(tmp_path, own)
    for code in ("K", "2823-3"):  # the default's LOINC code goes with the hospital's entry
        assert critical_basis(result(code, 6.0, "mmol/L"), settings) == "hospital_limit"
        assert critical_basis(result(code, 3.0, "mmol/L"), settings) == "hospital_limit"
        assert critical_basis(result(code, 3.05, "mmol/L"), settings) is None
        assert not settings.limits[code].default
    # an entry naming the LOINC code replaces the default under every code it had
    by_loinc = _settings(tmp_path, {"2823-3": own["K"] | {"loinc": []}})
    assert critical_basis(result("2823-3", 6.0, "mmol/L"), by_loinc) == "hospital_limit"
    assert "K" not in by_loinc.limits
    assert critical_basis(result("NA", 118.0, "mmol/L"), by_loinc) == "hospital_limit"


def test_a_result_in_another_unit_is_not_compared_but_ucum_spellings_are():
    assert critical_basis(result("GLU", 30.0, "mg/dL"), SETTINGS) is None  # 30 mg/dL is low
    assert critical_basis(result("HGB", 6.0, "g/dL"), SETTINGS) is None
    assert critical_basis(result("PLT", 20.0, "10*9/L"), SETTINGS) == "hospital_limit"
    assert critical_basis(result("2019-8", 70.0, "mm[Hg]"), SETTINGS) == "hospital_limit"
    assert critical_basis(result("PH", 7.1, "[pH]"), SETTINGS) == "hospital_limit"
    assert critical_basis(result("K", 7.0, None), SETTINGS) == "hospital_limit"  # no unit sent
    assert critical_basis(result("GLU", 30.0, "mg/dL") | {"flag": "LL"}, SETTINGS) == "lab_flag"

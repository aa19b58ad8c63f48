"""Drugs WHO's ATC index does not list (difenidol, anisodamine, bifendate, acetamide, the posterior
pituitary extract, ORS): `atc: null` with the reason, and the nearest 5-character group where the
class-based rules need one. Such a drug is still checked for dose, route, tenfold errors and
duplicates within its group; and a dose by weight (ORS 50 mL/kg) is the tenfold check's measure."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from workstation.clinical import formulary_io as fio
from workstation.clinical.checks import MedicationOrder, PatientContext, check_order
from workstation.clinical.checks.scenarios import sentence_parser
from workstation.clinical.formulary import (
    FormularyError,
    default_formulary,
    formulary_from_document,
)
from workstation.clinical.knowledge import default_knowledge
from workstation.clinical.order_sentence import OrderSentenceError, parse_order
from workstation.fhir.medications import medication
from workstation.resources import resource

NO_ATC = ("difenidol", "posterior_pituitary", "acetamide", "anisodamine", "bifendate",
          "oral_rehydration_salts")  # fmt: skip


def _entry(code: str) -> dict[str, Any]:
    document = json.loads(resource("formulary", "formulary.json").read_text("utf-8"))
    return copy.deepcopy(next(d for d in document["drugs"] if d["code"] == code))


def _load(entry: dict[str, Any]) -> None:
    formulary_from_document({"drugs": [entry]})


def _alerts(order: str, *active: str, **patient: Any) -> list[tuple[str, str, str]]:
    kb = default_knowledge()
    parse = sentence_parser(kb)
    context = PatientContext(age_years=50, active_orders=tuple(parse(s) for s in active), **patient)
    return [(a.category, a.severity, a.rule_id) for a in check_order(parse(order), context, kb)]


def test_each_drug_without_a_code_says_why_and_names_its_group() -> None:
    formulary = default_formulary()
    for code in NO_ATC:
        drug = formulary.by_code(code)
        assert drug is not None and drug.atc is None, code
        assert "ATC" in drug.entry["atc_reason"] and len(drug.entry["atc_group"]) == 5, code


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"atc_reason": None}, "atc_reason"),  # no code and no reason
        ({"atc_group": "A03B"}, "5-character ATC group"),
        ({"atc": "A03BA01"}, "only for a drug without an ATC code"),
        ({"atc": "A03BA"}, "is not an ATC code"),
    ],
)
def test_a_missing_code_needs_its_reason_and_a_well_formed_group(
    change: dict[str, Any], problem: str
) -> None:
    entry = _entry("anisodamine") | change
    with pytest.raises(FormularyError, match=problem):
        _load(entry)


def test_a_drug_without_a_code_survives_a_spreadsheet_round_trip(tmp_path: Any) -> None:
    entries = [_entry("anisodamine"), _entry("oral_rehydration_salts")]
    fio.export_formulary(tmp_path / "drugs.csv", entries)
    report = fio.import_formulary(fio.read_table(tmp_path / "drugs.csv"))
    assert report.ok and report.records == entries


def test_its_group_puts_it_in_the_class_rules() -> None:
    kb = default_knowledge()
    assert {"belladonna-alkaloid", "anticholinergic"} <= kb.groups_of("anisodamine")
    assert "belladonna-alkaloid" in kb.groups_of("atropine")
    assert "belladonna-alkaloid" not in kb.groups_of("bifendate")


def test_it_is_checked_for_a_duplicate_within_its_group() -> None:
    found = _alerts("山莨菪碱 10mg 口服 tid", "atropine 0.3mg po tid")
    assert ("therapeutic-duplication", "warning", "dup-belladonna-alkaloid") in found


def test_it_is_checked_for_its_dose_and_a_tenfold_error() -> None:
    single = _alerts("anisodamine 20mg po tid")  # 10 mg a dose by mouth at most
    assert [c for c, _, r in single if "tenfold" not in r] == ["dose-single", "dose-daily"]
    daily = _alerts("anisodamine 10mg im tid")  # IM once or twice a day: 20 mg
    assert [c for c, _, _ in daily] == ["dose-daily"]
    assert any("tenfold" in r and s == "critical" for _, s, r in _alerts("山莨菪碱 50mg 口服 st"))
    assert _alerts("anisodamine 5mg po tid") == []
    shock = _alerts("anisodamine 20mg iv st")  # septic shock: 10-40 mg IV a dose
    assert not [a for a in shock if a[0].startswith("dose")]


def test_its_route_is_checked() -> None:
    parsed = parse_order("联苯双酯 25mg 静脉注射 tid", default_formulary())
    assert "联苯双酯 (Bifendate) is not listed for route iv (listed: po)" in parsed.warnings
    with pytest.raises(OrderSentenceError) as refused:  # more than one route: which one?
        parse_order("山莨菪碱 10mg st", default_formulary())
    assert refused.value.part == "route"


def test_a_medication_without_a_code_has_no_atc_coding() -> None:
    codes = [c.system for c in medication(_entry("difenidol")).code.coding]
    assert codes and "http://www.whocc.no/atc" not in codes
    with_code = medication(_entry("aciclovir_eye")).code.coding
    assert with_code[0].system == "http://www.whocc.no/atc" and with_code[0].code == "S01AD03"


def _ors_tenfold(ml: float, weight: float | None) -> list[str]:
    order = MedicationOrder("oral_rehydration_salts", ml, "mL", "po", "st", 1)
    alerts = check_order(order, PatientContext(weight_kg=weight))
    return [a.message for a in alerts if a.rule_id.startswith("dose-tenfold-")]


@pytest.mark.parametrize(
    ("ml", "weight", "tenfold"),
    [
        (6000, 12, True),  # 50 mL/kg x 12 kg = 600 mL usual: ten times it
        (600, 12, False),
        (1500, 3, True),  # an infant: 150 mL usual
        (1500, None, False),  # no weight: measured against the adult 500 mL (3 times)
        (500, 100, False),  # the label's adult 500 mL a time is no underdose for 100 kg
        (40, 70, True),  # under a tenth of the adult 500 mL
    ],
)
def test_ors_is_measured_against_its_dose_by_weight(
    ml: float, weight: float | None, tenfold: bool
) -> None:
    assert bool(_ors_tenfold(ml, weight)) is tenfold


def test_the_tenfold_alert_shows_the_dose_by_weight() -> None:
    (message,) = _ors_tenfold(6000, 12)
    assert "usual single dose of 600 mL (50 mL/kg × 12 kg)" in message


def test_a_fixed_usual_dose_is_not_a_dose_by_body_size() -> None:
    entry = _entry("oral_rehydration_salts")
    entry["usual_dose"]["unit"] = "mL"
    with pytest.raises(FormularyError, match="per kg or per m2"):
        _load(entry)


def test_aciclovir_eye_drops_every_two_hours() -> None:
    parsed = parse_order("阿昔洛韦滴眼液 1滴 滴眼 每2小时一次", default_formulary())
    assert (parsed.drug.code, parsed.frequency, parsed.dose_value) == ("aciclovir_eye", "q2h", 1)
    assert _alerts("阿昔洛韦滴眼液 1滴 滴眼 q2h") == []
    assert any(c == "dose-single" for c, _, _ in _alerts("阿昔洛韦滴眼液 2滴 滴眼 q2h"))

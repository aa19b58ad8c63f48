"""The shipped formulary: coverage, well-formed knowledge, look-up by any name, dose units."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from workstation.clinical.formulary import (
    FormularyError,
    canonical_unit,
    convert_amount,
    default_formulary,
    formulary_from_document,
    load_formulary,
)
from workstation.domain.names import search_initials
from workstation.resources import resource

STARTER_CODES = [
    "aspirin",
    "clopidogrel",
    "ticagrelor",
    "atorvastatin",
    "metoprolol",
    "bisoprolol",
    "enoxaparin",
    "furosemide",
    "spironolactone",
    "sacubitril_valsartan",
    "valsartan",
    "amlodipine",
    "isosorbide_mononitrate",
    "nitroglycerin",
    "rivaroxaban",
    "pantoprazole",
    "metformin",
    "insulin_glargine",
    "ceftriaxone",
    "azithromycin",
    "amoxicillin_clavulanate",
    "piperacillin_tazobactam",
    "levofloxacin",
    "moxifloxacin",
    "methylprednisolone",
    "prednisone",
    "budesonide_neb",
    "ipratropium",
    "salbutamol",
    "ambroxol",
    "acetylcysteine",
    "paracetamol",
]


def _document() -> dict[str, Any]:
    return json.loads(resource("formulary", "formulary.json").read_text(encoding="utf-8"))


def test_at_least_150_drugs_and_every_starter_code_kept() -> None:
    formulary = default_formulary()
    assert len(formulary) >= 150
    assert all(formulary.by_code(code) for code in STARTER_CODES)


def test_pinyin_is_the_initials_of_the_chinese_name() -> None:
    for drug in default_formulary():
        assert drug.pinyin == search_initials(drug.name_zh), drug.code


def test_every_number_and_note_names_its_source() -> None:
    fields = ("max_single_dose", "max_daily_dose", "renal", "pregnancy", "older_adults",
              "unit_equivalents", "dose_note")  # fmt: skip
    for entry in _document()["drugs"]:
        for name in fields:
            if name not in entry:
                continue
            value = entry[name]
            for item in value if isinstance(value, list) else [value] if value else []:
                assert item["source"].strip(), (entry["code"], name)


@pytest.mark.parametrize(
    ("code", "classes"),
    [
        ("amoxicillin", {"penicillin", "beta-lactam"}),
        ("ceftriaxone", {"cephalosporin", "beta-lactam"}),
        ("co_trimoxazole", {"sulfonamide"}),
        ("ibuprofen", {"nsaid"}),
        ("atorvastatin", {"statin"}),
        ("enalapril", {"ace-inhibitor"}),
        ("valsartan", {"arb"}),
        ("morphine", {"opioid"}),
        ("diazepam", {"benzodiazepine"}),
        ("warfarin", {"anticoagulant"}),
        ("clopidogrel", {"antiplatelet"}),
        ("levofloxacin", {"fluoroquinolone"}),
        ("azithromycin", {"macrolide"}),
        ("insulin_glargine", {"insulin"}),
        ("spironolactone", {"potassium-sparing-diuretic"}),
        ("sildenafil", {"pde5-inhibitor"}),
        ("nitroglycerin", {"nitrate"}),
    ],
)
def test_allergy_and_duplication_classes(code: str, classes: set[str]) -> None:
    drug = default_formulary().by_code(code)
    assert drug is not None and classes <= drug.classes


@pytest.mark.parametrize(
    "code",
    ["insulin_glargine", "insulin_aspart", "heparin", "enoxaparin", "morphine", "pethidine",
     "potassium_chloride_inj", "warfarin", "glimepiride", "methotrexate"],
)  # fmt: skip
def test_ismp_high_alert_medications_are_flagged(code: str) -> None:
    drug = default_formulary().by_code(code)
    assert drug is not None and drug.high_alert


def test_not_every_drug_is_high_alert() -> None:
    assert {d.code for d in default_formulary() if not d.high_alert} >= {"amoxicillin", "aspirin"}


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("amxl", "amoxicillin"), ("AMOX", "amoxicillin"), ("阿莫西林", "amoxicillin"),
        ("Amoxicillin", "amoxicillin"), ("augmentin", "amoxicillin_clavulanate"),
        ("ASA", "aspirin"), ("NTG", "nitroglycerin"), ("速尿", "furosemide"), ("lasix", "furosemide"),
        ("acetaminophen", "paracetamol"), ("Paracetamol", "paracetamol"), ("dyxajf", "paracetamol"),
        ("insulin glargine", "insulin_glargine"), ("insulin_glargine", "insulin_glargine"),
        ("ＡＳＡ", "aspirin"), ("阿莫", "amoxicillin"), ("tbqs", "ceftriaxone"),
        ("imipenem", "imipenem_cilastatin"), ("Imipenem-cilastatin", "imipenem_cilastatin"),
        ("亚胺培南", "imipenem_cilastatin"), ("glibenclamide", "glibenclamide"),
        ("glyburide", "glibenclamide"), ("优降糖", "glibenclamide"), ("glbn", "glibenclamide"),
        ("repaglinide", "repaglinide"), ("诺和龙", "repaglinide"), ("gliclazide", "gliclazide"),
        ("glimepiride", "glimepiride"),
    ],
)  # fmt: skip
def test_look_up_by_any_name(typed: str, code: str) -> None:
    assert [d.code for d in default_formulary().lookup(typed)] == [code]


def test_an_alias_may_name_several_drugs() -> None:
    codes = {d.code for d in default_formulary().lookup("KCl")}
    assert codes == {"potassium_chloride_inj", "potassium_chloride_oral"}


def test_unknown_name_finds_nothing_but_suggestions() -> None:
    formulary = default_formulary()
    assert formulary.lookup("amoxi") == ()
    assert "amoxicillin" in [d.code for d in formulary.suggest("amoxi")]
    assert [d.code for d in formulary.suggest("furosemid")][:1] == ["furosemide"]


@pytest.mark.parametrize(
    ("written", "canonical"),
    [("mg", "mg"), ("毫克", "mg"), ("g", "g"), ("克", "g"), ("mcg", "mcg"), ("ug", "mcg"),
     ("μg", "mcg"), ("µg", "mcg"), ("微克", "mcg"), ("ml", "mL"), ("毫升", "mL"), ("ＭＬ", "mL"),
     ("IU", "IU"), ("u", "U"), ("单位", "U"), ("片", "tab"), ("furlong", None)],
)  # fmt: skip
def test_unit_words(written: str, canonical: str | None) -> None:
    assert canonical_unit(written) == canonical


@pytest.mark.parametrize(
    ("value", "unit", "to", "expected"),
    [(0.5, "g", "mg", 500), (500, "mcg", "mg", 0.5), (250, "μg", "mg", 0.25), (1, "克", "毫克", 1000),
     (10, "U", "IU", 10), (1000, "mL", "L", 1), (1, "g", "mL", None), (1, "tab", "cap", None)],
)  # fmt: skip
def test_unit_conversion(value: float, unit: str, to: str, expected: float | None) -> None:
    result = convert_amount(value, unit, to)
    assert result == pytest.approx(expected) if expected is not None else result is None


def test_dose_conversion_through_a_form() -> None:
    formulary = default_formulary()
    kcl = formulary.by_code("potassium_chloride_inj")
    aspirin = formulary.by_code("aspirin")
    assert kcl is not None and aspirin is not None
    assert kcl.forms[0].concentration_pct == 10
    assert kcl.dose_in(10, "mL", "g") == pytest.approx(1)
    assert kcl.dose_in(1.5, "g", "mL") == pytest.approx(15)
    assert aspirin.dose_in(1, "片", "mg") == pytest.approx(100)
    assert aspirin.dose_in(5, "mL", "mg") is None


def test_molar_and_activity_equivalents_named_in_the_formulary() -> None:
    formulary = default_formulary()
    kcl, enoxaparin = formulary.by_code("potassium_chloride_inj"), formulary.by_code("enoxaparin")
    assert kcl is not None and enoxaparin is not None
    assert kcl.dose_in(20, "mmol", "g") == pytest.approx(20 / 13.4)
    assert kcl.dose_in(10, "mL", "mmol") == pytest.approx(13.4)
    assert enoxaparin.dose_in(4000, "IU", "mg") == pytest.approx(40)
    assert enoxaparin.dose_in(40, "mg", "IU") == pytest.approx(4000)
    assert "13.4 mmol" in kcl.entry["unit_equivalents"][0]["source"]
    assert "100 IU" in enoxaparin.entry["unit_equivalents"][0]["source"]


def test_renal_advice_has_chinese_text_for_the_checks() -> None:
    for entry in _document()["drugs"]:
        renal = entry["renal"]
        for item in renal if isinstance(renal, list) else [renal] if renal else []:
            advice_zh = item.get("advice_zh", "")
            assert any("\u4e00" <= ch <= "\u9fff" for ch in advice_zh), entry["code"]


def test_metformin_renal_tiers_follow_the_label() -> None:
    metformin = default_formulary().by_code("metformin")
    assert metformin is not None
    tiers = {t["egfr_below"]: t for t in metformin.entry["renal"]}
    assert tiers[30]["action"] == "avoid" and tiers[45]["action"] == "reduce"
    assert all("Glucophage" in t["source"] for t in tiers.values())


@pytest.mark.parametrize(
    ("code", "field"),
    [("digoxin", "max_single_dose"), ("digoxin", "max_daily_dose"),
     ("haloperidol", "max_daily_dose"), ("heparin", "max_daily_dose"),
     ("enoxaparin", "max_daily_dose"), ("fondaparinux", "max_daily_dose"),
     ("potassium_chloride_inj", "max_daily_dose"), ("potassium_chloride_oral", "max_daily_dose"),
     ("glibenclamide", "max_daily_dose")],
)  # fmt: skip
def test_high_risk_drugs_have_sourced_limits(code: str, field: str) -> None:
    drug = default_formulary().by_code(code)
    assert drug is not None and drug.entry.get(field), (code, field)


@pytest.mark.parametrize(
    "code",
    ["warfarin", "insulin_glargine", "insulin_detemir", "insulin_aspart", "insulin_lispro",
     "insulin_regular", "insulin_aspart_30", "potassium_chloride_inj"],
)  # fmt: skip
def test_drugs_without_a_fixed_maximum_say_so_in_both_languages(code: str) -> None:
    drug = default_formulary().by_code(code)
    assert drug is not None and drug.dose_note("en") and drug.dose_note("zh")
    assert drug.dose_note("en") != drug.dose_note("zh")
    if code.startswith("insulin"):
        assert "No fixed maximum" in str(drug.dose_note("en"))
        assert drug.entry["max_daily_dose"] is None
        per_injection = drug.entry[
            "max_single_dose"
        ]  # a pen's dial limit, not a pharmacological one
        assert per_injection is None or (
            per_injection["unit"] == "U" and per_injection.get("local_review") is True
        )


def _minimal() -> dict[str, Any]:
    return {"drugs": [{
        "code": "testdrug", "name_en": "Testdrug", "name_zh": "测试药", "pinyin": "csy",
        "atc": "A01AA01", "routes": ["po"], "default_dose": 1, "default_unit": "mg",
        "default_frequency": "qd",
        "forms": [{"form_en": "tablet", "form_zh": "片", "strength": 1, "unit": "mg",
                   "dispense_unit": "tab"}],
    }]}  # fmt: skip


def test_a_minimal_entry_is_valid() -> None:
    assert formulary_from_document(_minimal()).by_code("testdrug") is not None


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name_zh", "", "field name_zh"),
        ("atc", "A1", "field atc"),
        ("routes", ["by mouth"], "field routes"),
        ("default_frequency", "sometimes", "field default_frequency"),
        ("default_unit", "spoon", "field default_unit"),
        ("classes", ["Penicillin"], "field classes"),
        ("forms", [{"form_en": "t", "form_zh": "片", "strength": 0, "unit": "mg",
                    "dispense_unit": "tab"}], "field forms[0]: strength"),
        ("max_daily_dose", {"value": 4, "unit": "g"}, "field max_daily_dose: source is required"),
        ("max_single_dose", [{"value": 1, "unit": "g", "route": "mouth", "source": "BNF"}],
         "field max_single_dose: unknown route"),
        ("renal", {"egfr_below": 30, "action": "stop", "advice": "x", "source": "BNF"},
         "field renal: action"),
        ("pregnancy", {"risk": "avoid", "advice": "x"}, "field pregnancy: advice and source"),
        ("older_adults", {"age_from": 65, "advice": "x", "source": "Beers", "action": "never"},
         "field older_adults: action"),
        ("high_alert", "yes", "field high_alert"),
        ("unit_equivalents", [{"amount": 1, "unit": "g", "equals": 13.4, "equals_unit": "mmol"}],
         "field unit_equivalents[0]: source is required"),
        ("unit_equivalents", [{"amount": 1, "unit": "g", "equals": 0, "equals_unit": "mmol",
                               "source": "BNF"}], "field unit_equivalents[0]: amount and equals"),
        ("dose_note", {"text": "no maximum", "source": "label"}, "field dose_note: text_zh"),
    ],
)  # fmt: skip
def test_a_bad_entry_is_a_clear_error_naming_entry_and_field(
    field: str, value: Any, message: str
) -> None:
    document = _minimal()
    document["drugs"][0][field] = value
    with pytest.raises(FormularyError, match="drug 'testdrug'") as caught:
        formulary_from_document(document)
    assert message in str(caught.value)


def test_duplicate_code_and_nameless_entry() -> None:
    document = _minimal()
    document["drugs"].append(copy.deepcopy(document["drugs"][0]))
    with pytest.raises(FormularyError, match="drug 'testdrug': field code: duplicate"):
        formulary_from_document(document)
    with pytest.raises(FormularyError, match="drug #1: field code"):
        formulary_from_document({"drugs": [{"name_en": "x"}]})


def test_unreadable_file_is_a_formulary_error(tmp_path: Path) -> None:
    broken = tmp_path / "formulary.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(FormularyError, match="cannot read formulary"):
        load_formulary(broken)

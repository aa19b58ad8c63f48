"""Skin tests (皮试) and controlled drugs (麻醉药品, 第一类/第二类精神药品): the formulary's marks
and the quantity rules of 处方管理办法 (2007), Qt-free.

Sources named beside each rule:
- 麻醉药品和精神药品管理条例 (2005) and the 麻醉药品品种目录 / 精神药品品种目录 (2013) give the class;
- 处方管理办法 (2007) Art. 11 the prescribing right, Art. 23-24 the outpatient quantities, Art. 25
  the inpatient one-day rule, Art. 26 pethidine's single dose; its Annex 1 the prescription forms;
- 医疗机构麻醉药品、第一类精神药品管理规定 (2005) the empty-ampoule return and the witnessed
  destruction of what is left; 麻醉药品和精神药品管理条例 Art. 41 the special register (专册登记).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

CONTROLLED_CLASSES = ("narcotic", "psychotropic_1", "psychotropic_2")
# 麻醉药品 and 第一类精神药品 share every rule: the right, the pale red form, the one-day order
STRICT_CLASSES = frozenset({"narcotic", "psychotropic_1"})
CLASS_NAMES = {
    "narcotic": ("narcotic", "麻醉药品"),
    "psychotropic_1": ("class 1 psychotropic", "第一类精神药品"),
    "psychotropic_2": ("class 2 psychotropic", "第二类精神药品"),
}
SKIN_TEST_RESULTS = ("positive", "negative")


def controlled_class(drug: Mapping[str, Any] | None) -> str | None:
    """The drug's controlled class (narcotic, psychotropic_1, psychotropic_2) or None."""
    entry = (drug or {}).get("controlled")
    value = entry.get("class") if isinstance(entry, Mapping) else None
    return value if value in CONTROLLED_CLASSES else None


def is_strict(drug: Mapping[str, Any] | None) -> bool:
    """A 麻醉药品 or 第一类精神药品 (needs the 麻醉处方权, one day's quantity per inpatient order)."""
    return controlled_class(drug) in STRICT_CLASSES


def form_mark(drug_class: str | None) -> str | None:
    """The corner mark of the prescription form (处方管理办法 Annex 1): 麻、精一 or 精二."""
    if drug_class in STRICT_CLASSES:
        return "麻、精一"
    return "精二" if drug_class == "psychotropic_2" else None


def skin_test_substance(drug: Mapping[str, Any] | None) -> str | None:
    """The skin-test substance the formulary names for a drug (e.g. penicillin), or None."""
    entry = (drug or {}).get("skin_test")
    return (
        str(entry["substance"]) if isinstance(entry, Mapping) and entry.get("substance") else None
    )


def substance_names(drug: Mapping[str, Any] | None) -> frozenset[str]:
    """Every lower-cased name the skin-test substance goes by (English and Chinese)."""
    entry = (drug or {}).get("skin_test")
    if not isinstance(entry, Mapping):
        return frozenset()
    found = (entry.get("substance"), entry.get("substance_zh"))
    return frozenset(str(n).strip().lower() for n in found if n)


def skin_test_result(drug: Mapping[str, Any] | None, on_file: Mapping[str, str]) -> str | None:
    """The result on file for the drug's skin-test substance: positive wins over negative
    (a positive test is never cancelled by a later negative one); None when nothing is on file."""
    names = substance_names(drug)
    results = {r for s, r in on_file.items() if s.strip().lower() in names}
    if "positive" in results:
        return "positive"
    return "negative" if "negative" in results else None


def needs_skin_test(drug: Mapping[str, Any] | None, on_file: Mapping[str, str]) -> bool:
    """Whether a dose of the drug may not be verified or given yet: it needs a skin test and
    no negative result is on file (or a positive one is)."""
    return skin_test_substance(drug) is not None and skin_test_result(drug, on_file) != "negative"


def injectable_or_patch(form: Mapping[str, Any]) -> bool:
    """A form whose used ampoule or patch must come back before the next dispense."""
    name = f"{form.get('form_en', '')} {form.get('form_zh', '')}".lower()
    return any(w in name for w in ("inject", "patch", "注射", "贴"))


def validation_problem(entry: Mapping[str, Any]) -> tuple[str, str] | None:
    """(field, problem) for a malformed skin_test or controlled key of a formulary entry."""
    skin = entry.get("skin_test")
    if skin is not None and not (
        isinstance(skin, Mapping) and skin.get("substance") and skin.get("source")
    ):
        return "skin_test", "must be an object {substance, substance_zh?, source} or absent"
    ctrl = entry.get("controlled")
    if ctrl is None:
        return None
    if not isinstance(ctrl, Mapping) or ctrl.get("class") not in CONTROLLED_CLASSES:
        return "controlled", f"class must be one of {', '.join(CONTROLLED_CLASSES)}"
    return None if ctrl.get("source") else ("controlled", "source is required")


# 处方管理办法 (2007) Art. 23 (门/急诊) and Art. 24 (cancer pain, moderate or severe chronic pain):
# the most days' usual quantity one outpatient prescription may hold; 0 = one dose (一次常用量).
_OUTPATIENT_DAYS = {
    # (strict class?, pain patient?) -> (injection, controlled/sustained release, other forms)
    (True, False): (0, 7, 3),  # Art. 23
    (True, True): (3, 15, 7),  # Art. 24
}
PSYCHOTROPIC_2_DAYS = 7  # Art. 23: 第二类精神药品 usually at most 7 days (longer with a reason)


def outpatient_days_allowed(
    drug: Mapping[str, Any], form: Mapping[str, Any], *, pain_patient: bool = False
) -> int | None:
    """The most days' usual quantity an outpatient prescription of this drug and form may hold
    (0 = one dose), or None for a drug that is not controlled."""
    drug_class = controlled_class(drug)
    if drug_class is None:
        return None
    if drug_class == "psychotropic_2":
        return PSYCHOTROPIC_2_DAYS
    if drug.get("code") == "pethidine":
        return 0  # Art. 26: 盐酸哌替啶 one dose per prescription, used only inside the hospital
    injection, slow, other = _OUTPATIENT_DAYS[(True, pain_patient)]
    name = f"{form.get('form_en', '')} {form.get('form_zh', '')}".lower()
    if any(w in name for w in ("release", "缓释", "控释", "patch", "贴")):
        return slow  # a transdermal patch is a 控缓释制剂
    if injectable_or_patch(form):
        return injection
    return other


def results_on_file(rows: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Substance -> result of a chart's skin tests (projections `skin_tests` rows); voided rows
    are left out and a positive result is never replaced by a negative one."""
    found: dict[str, str] = {}
    for row in rows:
        if row.get("voided"):
            continue
        substance = str(row["substance"]).strip().lower()
        if found.get(substance) != "positive":
            found[substance] = str(row["result"])
    return found


def skin_test_status(drug: Mapping[str, Any] | None, on_file: Mapping[str, str]) -> str | None:
    """What the MAR, the order sheet and the verification screen show for an order's drug:
    None (no skin test needed), pending, negative or positive."""
    if skin_test_substance(drug) is None:
        return None
    return skin_test_result(drug, on_file) or "pending"


SKIN_TEST_LABELS = {
    "pending": ("skin test pending", "皮试未做"),
    "negative": ("skin test negative", "皮试(-)"),
    "positive": ("SKIN TEST POSITIVE", "皮试(+)"),
}


def witness_problem(author_id: str, payload: Mapping[str, Any]) -> str | None:
    """Why a witnessed record (skin test, destruction) cannot be saved: the witness is missing
    or is the author (两人核对: the second person must be another person)."""
    witness = payload.get("witness_id")
    if not witness:
        return "a second nurse must witness it"
    return "the witness must be another person" if witness == author_id else None


def outpatient_quantity_problem(
    drug: Mapping[str, Any], dispense_unit: str, *, per_dose: float, per_day: float,
    quantity: float, pain_patient: bool = False,
) -> str | None:  # fmt: skip
    """Why an outpatient prescription's quantity of a controlled drug is too much (处方管理办法
    Art. 23, Art. 24 for cancer and moderate-to-severe chronic pain, Art. 26 pethidine), or None."""
    forms = [f for f in drug.get("forms") or () if f.get("dispense_unit") == dispense_unit]
    form = forms[0] if forms else {}
    days = outpatient_days_allowed(drug, form, pain_patient=pain_patient)
    if days is None:
        return None
    allowed = per_dose if days == 0 else per_dose * per_day * days
    if quantity <= allowed + 1e-9:
        return None
    article = "Art. 24" if pain_patient else "Art. 23"
    span = "one dose" if days == 0 else f"{days} days' usual quantity"
    return (f"{drug.get('name_en')}: an outpatient prescription holds at most {span} "
            f"({allowed:g} {dispense_unit}), not {quantity:g} (处方管理办法 {article})")  # fmt: skip

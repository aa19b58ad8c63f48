"""The drug formulary: loading and validation, look-up by any name clinicians type, dose units.

Drugs are found by code, English or Chinese name, alias (`amox`, `augmentin`, `速尿`) or pinyin
initials of the Chinese name (`amxl` -> 阿莫西林). An alias may name several drugs (`KCl`): the
caller then narrows by route or concentration.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from workstation.clinical.formulary_schema import FormularyError, validate_document
from workstation.resources import resource

__all__ = [
    "Drug", "DrugForm", "Formulary", "UnitEquivalent", "FormularyError", "canonical_unit", "convert_amount",
    "combination_spellings", "default_formulary", "load_formulary", "normalise", "unit_dimension",
]  # fmt: skip

# canonical unit -> (dimension, factor to the dimension's base unit)
_UNITS: dict[str, tuple[str, float]] = {
    "g": ("mass", 1000.0), "mg": ("mass", 1.0), "mcg": ("mass", 0.001),
    "L": ("volume", 1000.0), "mL": ("volume", 1.0),
    "U": ("activity", 1.0), "IU": ("activity", 1.0), "mmol": ("amount", 1.0),
    "tab": ("count", 1.0), "cap": ("count", 1.0), "amp": ("count", 1.0), "vial": ("count", 1.0),
    "puff": ("count", 1.0), "supp": ("count", 1.0), "bag": ("count", 1.0),
    "syringe": ("count", 1.0), "pen": ("count", 1.0), "bottle": ("count", 1.0),
    "inhaler": ("count", 1.0), "drop": ("count", 1.0), "tube": ("count", 1.0),
    "application": ("count", 1.0),
}  # fmt: skip
_UNIT_WORDS: dict[str, str] = {
    "g": "g", "gm": "g", "gram": "g", "grams": "g", "克": "g",
    "mg": "mg", "毫克": "mg", "milligram": "mg", "milligrams": "mg",
    "mcg": "mcg", "ug": "mcg", "μg": "mcg", "µg": "mcg", "微克": "mcg", "microgram": "mcg",
    "micrograms": "mcg",
    "ml": "mL", "mls": "mL", "毫升": "mL", "l": "L", "升": "L",
    "u": "U", "unit": "U", "units": "U", "单位": "U", "iu": "IU", "国际单位": "IU",
    "axaiu": "IU", "axa iu": "IU",
    "mmol": "mmol", "毫摩尔": "mmol",
    "tab": "tab", "tabs": "tab", "tablet": "tab", "tablets": "tab", "片": "tab",
    "cap": "cap", "caps": "cap", "capsule": "cap", "capsules": "cap", "粒": "cap",
    "amp": "amp", "amps": "amp", "ampoule": "amp", "支": "amp", "vial": "vial", "vials": "vial",
    "瓶": "vial", "puff": "puff", "puffs": "puff", "揿": "puff", "喷": "puff",
    "supp": "supp", "枚": "supp", "bag": "bag", "袋": "bag", "syringe": "syringe", "pen": "pen",
    "bottle": "bottle", "inhaler": "inhaler",
    "drop": "drop", "drops": "drop", "gtt": "drop", "gtts": "drop", "滴": "drop",
    "tube": "tube", "tubes": "tube", "管": "tube",
    "application": "application", "applications": "application",
}  # fmt: skip


def normalise(text: str) -> str:
    """Lower case, half-width (NFKC), single spaces: the form every look-up key takes."""
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def canonical_unit(text: str) -> str | None:
    """The canonical spelling of a dose unit (`毫克` -> `mg`, `μg` -> `mcg`), None if unknown."""
    if text in _UNITS:
        return text
    return _UNIT_WORDS.get(normalise(text).replace("µ", "μ"))


def unit_words() -> tuple[str, ...]:
    """Every written unit word the parser accepts, longest first."""
    return tuple(sorted(_UNIT_WORDS, key=len, reverse=True))


def unit_dimension(unit: str) -> str | None:
    """mass, volume, activity, amount or count for a unit; None if unknown."""
    canonical = canonical_unit(unit)
    return _UNITS[canonical][0] if canonical else None


def convert_amount(value: float, unit: str, to_unit: str) -> float | None:
    """value in unit expressed in to_unit of the same dimension (g/mg/mcg, L/mL, U/IU), else None."""
    source, target = canonical_unit(unit), canonical_unit(to_unit)
    if source is None or target is None:
        return None
    (dim_s, f_s), (dim_t, f_t) = _UNITS[source], _UNITS[target]
    if dim_s != dim_t or dim_s == "count" and source != target:
        return None
    return value * f_s / f_t


@dataclass(frozen=True, slots=True)
class DrugForm:
    """A presentation of a drug: strength per dispensed unit, and its volume for liquids."""

    form_en: str
    form_zh: str
    strength: float
    unit: str
    dispense_unit: str
    volume_ml: float | None = None

    @property
    def concentration_pct(self) -> float | None:
        """Grams per 100 mL (10 % KCl), for a liquid whose strength is a mass."""
        grams = convert_amount(self.strength, self.unit, "g")
        if grams is None or not self.volume_ml:
            return None
        return round(grams * 100 / self.volume_ml, 4)


@dataclass(frozen=True, slots=True)
class UnitEquivalent:
    """`amount unit` of the drug equals `equals equals_unit` (1 g KCl = 13.4 mmol K+,
    1 mg enoxaparin = 100 IU anti-Xa): the bridge between mass and molar or activity doses."""

    amount: float
    unit: str
    equals: float
    equals_unit: str


@dataclass(frozen=True, slots=True, eq=False)
class Drug:
    """One formulary drug; `entry` is the validated JSON object (limits, renal, pregnancy...)."""

    code: str
    name_en: str
    name_zh: str
    pinyin: str
    atc: str | None  # None: not in WHO's ATC index (entry["atc_reason"] says so)
    forms: tuple[DrugForm, ...]
    routes: tuple[str, ...]
    default_dose: float
    default_unit: str
    default_frequency: str
    aliases: tuple[str, ...]
    classes: frozenset[str]
    high_alert: bool
    entry: Mapping[str, Any]
    equivalents: tuple[UnitEquivalent, ...] = ()

    def __repr__(self) -> str:
        return f"Drug({self.code!r})"

    def name(self, lang: str) -> str:
        """The display name in a document language: Chinese for `zh`, English otherwise."""
        return self.name_zh if lang.lower().startswith("zh") else self.name_en

    def dose_note(self, lang: str = "en") -> str | None:
        """The formulary's dosing note (no fixed maximum, infusion limits), in the language."""
        note = self.entry.get("dose_note")
        if not note:
            return None
        return str(note["text_zh"] if lang.lower().startswith("zh") else note["text"])

    def label(self) -> str:
        """`阿莫西林 (Amoxicillin)`: both names, for messages."""
        return f"{self.name_zh} ({self.name_en})"

    def dose_in(self, value: float, unit: str, to_unit: str) -> float | None:
        """A dose expressed in another unit, through a form when needed (10 mL of 10 % KCl = 1 g,
        1 tab of aspirin = 100 mg) or a unit equivalent (20 mmol KCl, 4000 IU enoxaparin);
        None when it cannot be converted."""
        result = self._through_forms(value, unit, to_unit)
        for equivalent in self.equivalents if result is None else ():
            result = self._through_equivalent(equivalent, value, unit, to_unit)
            if result is not None:
                break
        return result

    def _through_equivalent(
        self, equivalent: UnitEquivalent, value: float, unit: str, to_unit: str
    ) -> float | None:
        """Convert through one equivalent, whichever side of it the written or wanted unit is."""
        written = convert_amount(value, unit, equivalent.equals_unit)
        if written is not None:  # 20 mmol -> 1.49 g -> the wanted unit
            in_base_unit = written / equivalent.equals * equivalent.amount
            return self._through_forms(in_base_unit, equivalent.unit, to_unit)
        factor = convert_amount(1.0, equivalent.equals_unit, to_unit)
        base = self._through_forms(value, unit, equivalent.unit)
        if factor is None or base is None:  # 15 mL of 10 % KCl -> 1.5 g -> 20.1 mmol
            return None
        return base / equivalent.amount * equivalent.equals * factor

    def _through_forms(self, value: float, unit: str, to_unit: str) -> float | None:
        """A dose in another unit of the same dimension, or through a stocked form."""
        direct = convert_amount(value, unit, to_unit)
        if direct is not None:
            return direct
        for form in self.forms:
            amount = self._in_form_unit(form, value, unit)
            if amount is None:
                continue
            result = convert_amount(amount, form.unit, to_unit)
            if result is None and form.volume_ml:
                result = convert_amount(amount / form.strength * form.volume_ml, "mL", to_unit)
            if result is not None:
                return result
        return None

    def _in_form_unit(self, form: DrugForm, value: float, unit: str) -> float | None:
        """The dose as an amount of the form's strength unit (2 tab -> 200 mg, 10 mL -> 1 g)."""
        canonical = canonical_unit(unit)
        if canonical is None:
            return None
        same = convert_amount(value, canonical, form.unit)
        if same is not None:
            return same
        if canonical == form.dispense_unit:
            strengths = {f.strength for f in self.forms if f.dispense_unit == canonical}
            return value * form.strength if len(strengths) == 1 else None
        millilitres = convert_amount(value, canonical, "mL")
        if millilitres is not None and form.volume_ml:
            return millilitres * form.strength / form.volume_ml
        return None


class Formulary:
    """The drugs and the name index used to find them."""

    def __init__(self, drugs: list[Drug]) -> None:
        self._by_code = {drug.code: drug for drug in drugs}
        self._names: dict[str, tuple[Drug, ...]] = {}
        self._pinyin: dict[str, tuple[Drug, ...]] = {}
        for drug in drugs:
            for key in _name_keys(drug):
                _add(self._names, key, drug)
            _add(self._pinyin, drug.pinyin, drug)
        self._by_first: dict[str, list[str]] = {}
        for key in sorted({*self._names, *self._pinyin}, key=len, reverse=True):
            self._by_first.setdefault(key[0], []).append(key)

    def __len__(self) -> int:
        return len(self._by_code)

    def __iter__(self) -> Iterator[Drug]:
        return iter(self._by_code.values())

    def by_code(self, code: str) -> Drug | None:
        """The drug with this code, or None."""
        return self._by_code.get(code)

    def lookup(self, text: str) -> tuple[Drug, ...]:
        """Drugs whose name, alias, code or pinyin initials equal text (names before pinyin)."""
        key = normalise(text)
        return self._names.get(key) or self._pinyin.get(key) or ()

    def match_prefix(self, text: str) -> tuple[int, tuple[Drug, ...]]:
        """The longest drug key at the start of normalised text: (its length, its drugs)."""
        for key in self._by_first.get(text[:1], ()):
            if text.startswith(key) and _ends_word(text, len(key)):
                return len(key), self._names.get(key) or self._pinyin[key]
        return 0, ()

    def suggest(self, text: str, limit: int = 5) -> list[Drug]:
        """Drugs whose keys start with, or closely resemble, text (for 'did you mean')."""
        key = normalise(text)
        found: list[Drug] = []
        keys = [k for k in self._by_first.get(key[:1], ()) if k.startswith(key)] if key else []
        keys += difflib.get_close_matches(key, list(self._names) + list(self._pinyin), 8, 0.75)
        for k in keys:
            for drug in self._names.get(k) or self._pinyin.get(k, ()):
                if drug not in found:
                    found.append(drug)
        return found[:limit]


def _add(index: dict[str, tuple[Drug, ...]], key: str, drug: Drug) -> None:
    if key and drug not in index.get(key, ()):
        index[key] = (*index.get(key, ()), drug)


def _ends_word(text: str, end: int) -> bool:
    """A key ending in a Latin letter must not run into another letter (`amox` in `amoxi`), nor
    one ending in a digit into another digit (`sodium chloride 10` in `sodium chloride 1000ml`)."""
    if end >= len(text):
        return True
    last, following = text[end - 1], text[end]
    if last.isascii() and last.isdigit() and (following.isdigit() or following == "."):
        return False
    return not (last.isascii() and last.isalnum() and following.isascii()
                and following.isalpha())  # fmt: skip


def _name_keys(drug: Drug) -> set[str]:
    """Code, names, aliases and the parts of an English name such as `Paracetamol (acetaminophen)`;
    a combination's name in every separator doctors type (`piperacillin-tazobactam`,
    `piperacillin and tazobactam`, `哌拉西林/他唑巴坦`) and in the reverse order."""
    keys = {drug.code, drug.code.replace("_", " "), drug.name_en, drug.name_zh, *drug.aliases}
    plain, _, inner = drug.name_en.partition("(")
    keys |= {plain, inner.rstrip(")")}
    keys |= {_without_salt(drug.name_zh)}
    named = {normalise(k) for k in keys if k.strip()}
    return named | {spelling for key in named for spelling in combination_spellings(key)}


# 中国药典 names a salt after the base (左甲状腺素钠, 华法林钠); ward doctors write the base alone
_SALT_SUFFIXES = ("钠", "钾", "钙", "镁")
_INORGANIC_ENDINGS = ("化", "酸", "氢")  # 氯化钾, 碳酸氢钠: the salt is the drug, not a suffix


def _without_salt(name_zh: str) -> str:
    """`左甲状腺素钠` -> `左甲状腺素`; the name itself when it has no salt suffix to drop."""
    base = name_zh[:-1] if name_zh.endswith(_SALT_SUFFIXES) else name_zh
    if len(base) < 2 or base.endswith(_INORGANIC_ENDINGS):
        return name_zh
    return base


_COMBINATION = re.compile(r"^([^\s/+&-][^/+&-]*?)\s*(?:/|\+|&|-| and )\s*([^/+&-]+)$")
_SEPARATORS = ("/", " / ", "-", " - ", "+", " + ", " and ", " & ", "&", " ")
_SHORTEST_PART = 3  # `co-trimoxazole`, `l-thyroxine`: a prefix, not the first of two drugs


def combination_spellings(key: str) -> set[str]:
    """The other spellings of a two-part name written with a separator: `a/b` is also `a-b`,
    `a + b`, `a and b`, `a b` and `b/a` (Latin); `甲/乙` also `甲-乙`, `甲+乙`, `甲乙` (Chinese)."""
    match = _COMBINATION.match(key)
    if not match:
        return set()
    first, second = match.group(1).strip(), match.group(2).strip()
    if min(len(first), len(second)) < (_SHORTEST_PART if first.isascii() else 2):
        return set()
    if not first.isascii():
        return {f"{first}{sep}{second}" for sep in ("/", "-", "+", "")}
    return {f"{a}{sep}{b}" for a, b in ((first, second), (second, first)) for sep in _SEPARATORS}


def _drug(entry: Mapping[str, Any]) -> Drug:
    forms = tuple(
        DrugForm(f["form_en"], f["form_zh"], float(f["strength"]), str(canonical_unit(f["unit"])),
                 f["dispense_unit"], f.get("volume_ml"))
        for f in entry["forms"]
    )  # fmt: skip
    return Drug(
        code=entry["code"], name_en=entry["name_en"], name_zh=entry["name_zh"],
        pinyin=entry["pinyin"], atc=entry["atc"], forms=forms, routes=tuple(entry["routes"]),
        default_dose=float(entry["default_dose"]),
        default_unit=str(canonical_unit(entry["default_unit"])),
        default_frequency=entry["default_frequency"], aliases=tuple(entry.get("aliases") or ()),
        classes=frozenset(entry.get("classes") or ()), high_alert=bool(entry.get("high_alert")),
        entry=entry, equivalents=_equivalents(entry),
    )  # fmt: skip


def _equivalents(entry: Mapping[str, Any]) -> tuple[UnitEquivalent, ...]:
    return tuple(
        UnitEquivalent(float(e["amount"]), str(canonical_unit(e["unit"])), float(e["equals"]),
                       str(canonical_unit(e["equals_unit"])))
        for e in entry.get("unit_equivalents") or ()
    )  # fmt: skip


def formulary_from_document(document: Mapping[str, Any]) -> Formulary:
    """A formulary from its JSON document; FormularyError naming the bad entry and field."""
    validate_document(document, known_unit=lambda unit: canonical_unit(unit) is not None)
    return Formulary([_drug(entry) for entry in document["drugs"]])


def load_formulary(path: Path | None = None) -> Formulary:
    """Load and validate a formulary file (the shipped one by default)."""
    path = path or resource("formulary", "formulary.json")
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise FormularyError(f"cannot read formulary {path}: {exc}") from exc
    return formulary_from_document(document)


@lru_cache(maxsize=1)
def default_formulary() -> Formulary:
    """The shipped formulary, loaded once."""
    return load_formulary()

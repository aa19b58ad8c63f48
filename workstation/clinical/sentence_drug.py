"""Finding the drug of an order sentence.

The name usually comes first, but ward doctors also write it after the dose or route
(`500mg amoxicillin po tid`, `口服 阿司匹林 100mg qd`), under a salt or presentation prefix
(`注射用头孢曲松钠`, `盐酸胺碘酮`), in full pinyin (`toubaoqusong`) or alias initials (`yngs`), twice (`呋塞米（速尿）`), and on a
compound infusion line with its carrier fluid (`NS 100ml + 头孢曲松 2g ivgtt qd`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from workstation.clinical.formulary import Drug, Formulary
from workstation.clinical.frequencies import FREQUENCY_WORDS
from workstation.clinical.sentence_words import (
    LEADING_ZH,
    PERCENT,
    ROUTE_WORDS,
    VEHICLE_WORDS,
    VEHICLES,
    token_at,
)
from workstation.domain.names import search_initials, search_pinyin

__all__ = [
    "Diluent", "DrugMatch", "OrderSentenceError", "choose_drug", "find_drug", "has_concentration",
    "split_compound",
]  # fmt: skip

# words that may stand before the drug name: `500mg amoxicillin`, `口服 阿司匹林`, `st 呋塞米`
_LEADING_KINDS = ("dose", "route", "frequency", "duration", "filler", "form", "instruction")
_SHORTEST_PINYIN = 5  # a shorter Latin word is an abbreviation or initials, not full pinyin
_PARENTERAL = {"iv", "ivgtt", "im", "sc", "id"}
_MOST_PREFIXES = 2  # salt and presentation prefixes before a name (注射用盐酸...)
_SHORTEST_INITIALS = 3  # initials of a Chinese alias (`yngs` for 依诺肝素, `tbqsn` for 头孢曲松钠)
_SENTENCE_WORDS = frozenset((*ROUTE_WORDS, *FREQUENCY_WORDS))
_VEHICLE = re.compile(
    "(" + "|".join(re.escape(w) for w in sorted(VEHICLE_WORDS, key=len, reverse=True)) + ")"
    r"\s*(\d+(?:\.\d+)?)\s*(?:ml|毫升)(?![a-z])"
)


_LABEL_CODES = {name: code for code, names in VEHICLES.items() for name in names}
_LABELLED = re.compile(  # ` + 0.9% sodium chloride 100 mL`, ` + 0.9%氯化钠注射液 100ml`
    r" \+ (" + "|".join(re.escape(n) for n in sorted(_LABEL_CODES, key=len, reverse=True)) + ")"
    r" (\d+(?:\.\d+)?) ?m[lL]\b"
)


class OrderSentenceError(ValueError):
    """The sentence cannot be an order; `part` names what is wrong (drug, dose, route...)."""

    def __init__(self, message: str, *, part: str, suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.part = part
        self.suggestions = suggestions


@dataclass(frozen=True, slots=True)
class Diluent:
    """The carrier fluid a drug is given in (`NS 100ml` of a compound infusion line)."""

    code: str  # a key of sentence_words.VEHICLES
    volume_ml: float

    def label(self, lang: str = "en") -> str:
        """`0.9% sodium chloride 100 mL` / `0.9%氯化钠注射液 100ml`."""
        name_en, name_zh = VEHICLES[self.code]
        return (
            f"{name_zh} {self.volume_ml:g}ml"
            if lang == "zh"
            else f"{name_en} {self.volume_ml:g} mL"
        )

    @staticmethod
    def written_in(description: str) -> Diluent | None:
        """The carrier fluid an order's description names after ` + ` (its label, in either
        language): the medication event has no field for it, so a signed order's checks (the
        pharmacist's queue, an active order beside a new one) read it back from there."""
        match = _LABELLED.search(description)
        return Diluent(_LABEL_CODES[match.group(1)], float(match.group(2))) if match else None


@dataclass(frozen=True, slots=True)
class DrugMatch:
    """The drug name found in a sentence and the sentence's other words."""

    written: str
    candidates: tuple[Drug, ...]
    rest: str


def split_compound(text: str, formulary: Formulary) -> tuple[list[str], Diluent | None]:
    """Take the carrier fluid out of `NS 100ml + 头孢曲松 2g ivgtt qd`: the order is for the
    active drug, the fluid travels beside it. Several drugs sharing one carrier
    (`NS 250ml + 呋塞米 20mg + 氯化钾 1g ivgtt qd`) are one order group: one text per drug,
    in the order written; two drugs without a carrier are refused."""
    if "+" not in text:
        return [text], None
    diluents: list[Diluent] = []
    kept: list[str] = []
    for segment in (part.strip() for part in text.split("+")):
        vehicle = _VEHICLE.match(segment)
        if vehicle:
            diluents.append(Diluent(VEHICLE_WORDS[vehicle.group(1)], float(vehicle.group(2))))
            segment = segment[vehicle.end() :].strip()
        if segment:
            kept.append(segment)
    if len(diluents) > 1:
        raise OrderSentenceError("two carrier fluids written: write one", part="sentence")
    drugs = [segment for segment in kept if _names_a_drug(segment, formulary)]
    if len(drugs) > 1 and not diluents:
        raise OrderSentenceError(
            "two drugs on one line without a carrier fluid: write one order per drug, or the "
            "bag they share (NS 250ml + 呋塞米 20mg + 氯化钾 1g ivgtt qd)", part="drug",
        )  # fmt: skip
    if not diluents:
        return [text], None
    if not drugs and not any(_leading_name(segment) for segment in kept):
        raise OrderSentenceError(
            "only a carrier fluid written: add the drug (NS 100ml + 头孢曲松 2g ivgtt qd)",
            part="drug",
        )
    if len(drugs) <= 1:
        return [" ".join(kept)], diluents[0]
    return _per_drug(kept, formulary), diluents[0]


def _per_drug(kept: list[str], formulary: Formulary) -> list[str]:
    """One text per drug of a group: a segment naming no drug (`ivgtt qd` after the fluid)
    belongs to the drug before it."""
    texts: list[str] = []
    for segment in kept:
        if texts and not _names_a_drug(segment, formulary):
            texts[-1] = f"{texts[-1]} {segment}"
        else:
            texts.append(segment)
    return texts


def choose_drug(named: DrugMatch, *, route: str | None, percent: float | None) -> Drug:
    """One drug from a name naming several (`KCl`, initials `klms`): by the route written, then
    the concentration. Never by the dose: initials shared by two drugs (klms = 克拉霉素 or 克林霉素,
    blf = 布洛芬 or 巴氯芬) stand for look-alike names, and guessing between look-alikes is how
    wrong-drug errors happen (ISMP, look-alike/sound-alike names): the prescriber chooses."""
    narrowed = list(named.candidates)
    if len(narrowed) > 1 and route:
        kin = _PARENTERAL if route in _PARENTERAL else {route}
        narrowed = (
            [d for d in narrowed if route in d.routes]
            or [d for d in narrowed if kin & set(d.routes)]
            or narrowed
        )
    if len(narrowed) > 1 and percent is not None:
        narrowed = [d for d in narrowed if has_concentration(d, percent)] or narrowed
    if len(narrowed) == 1:
        return narrowed[0]
    labels = tuple(drug.label() for drug in narrowed)
    raise OrderSentenceError(
        f"'{named.written}' could be {' or '.join(labels)}: write the route or the full name",
        part="drug", suggestions=labels,
    )  # fmt: skip


def has_concentration(drug: Drug, percent: float) -> bool:
    """Whether the drug is stocked at this concentration (10 % KCl)."""
    return any(form.concentration_pct == percent for form in drug.forms)


def _names_a_drug(segment: str, formulary: Formulary) -> bool:
    """Whether a segment of a compound line starts with a drug (`10%KCl 10ml` included)."""
    percent = PERCENT.match(segment)
    unprefixed = segment[percent.end() :].lstrip() if percent else segment
    return bool(_name_at(segment, formulary)[1] or _name_at(unprefixed, formulary)[1])


def find_drug(text: str, formulary: Formulary) -> DrugMatch:
    """The drug named at the start of text, or after leading dose/route/frequency words."""
    pos = 0
    while pos < len(text):
        length, drugs = _name_at(text[pos:], formulary)
        if drugs:
            end = pos + length
            candidates, after = _skip_repeated_name(text[end:], drugs, formulary)
            rest = f"{text[:pos]} {after}" if pos else after
            return DrugMatch(text[pos:end], candidates, rest)
        token, next_pos = token_at(text, pos)
        if token.kind not in _LEADING_KINDS:
            break
        pos = next_pos
        while pos < len(text) and text[pos] == " ":
            pos += 1
    raise _unknown_drug(text, formulary)


def _name_at(text: str, formulary: Formulary) -> tuple[int, tuple[Drug, ...]]:
    """(length, drugs) of the drug name at the start of text: as listed, under a salt prefix
    (`盐酸胺碘酮`) or in full pinyin; (0, ()) when none."""
    skipped = 0
    for _ in range(_MOST_PREFIXES + 1):  # 注射用盐酸胺碘酮: two prefixes
        length, drugs = formulary.match_prefix(text[skipped:])
        if drugs:
            return skipped + length, drugs
        prefix = next((p for p in LEADING_ZH if text.startswith(p, skipped)), None)
        if prefix is None:
            break
        skipped += len(prefix)
    return _pinyin_at(text, formulary)


def _skip_repeated_name(
    rest: str, drugs: tuple[Drug, ...], formulary: Formulary
) -> tuple[tuple[Drug, ...], str]:
    """`呋塞米（速尿）20mg`: a second name of the same drug narrows the choice and is skipped."""
    stripped = rest.lstrip()
    length, again = _name_at(stripped, formulary)
    common = tuple(drug for drug in drugs if drug in again)
    if length and common:
        return common, stripped[length:]
    return drugs, rest


def _pinyin_at(text: str, formulary: Formulary) -> tuple[int, tuple[Drug, ...]]:
    if not (text[:1].isascii() and text[:1].isalpha()):
        return 0, ()
    for key, drugs in _pinyin_names(formulary):
        end = len(key)
        if text.startswith(key) and not (end < len(text) and text[end].isascii()
                                         and text[end].isalpha()):  # fmt: skip
            return end, drugs
    return 0, ()


@lru_cache(maxsize=4)
def _pinyin_names(formulary: Formulary) -> tuple[tuple[str, tuple[Drug, ...]], ...]:
    """Full pinyin of every Chinese name and alias (`toubaoqusong`, `lvbigelei` / `lubigelei`)
    and the initials of Chinese aliases (the formulary lists those of the name only), longest
    first; built on the first sentence that needs it."""
    index: dict[str, list[Drug]] = {}
    for drug in formulary:
        for name in (drug.name_zh, *drug.aliases):
            if name.isascii():
                continue
            spelled = re.sub(r"[^a-z]", "", search_pinyin(name))
            keys: set[str] = set()
            if len(spelled) >= _SHORTEST_PINYIN:
                keys |= {spelled, spelled.replace("v", "u")}
            initials = search_initials(name)
            if len(initials) >= _SHORTEST_INITIALS and initials not in _SENTENCE_WORDS:
                keys.add(initials)
            for key in keys:
                if drug not in index.setdefault(key, []):
                    index[key].append(drug)
    return tuple(
        (key, tuple(drugs)) for key, drugs in sorted(index.items(), key=lambda kv: -len(kv[0]))
    )


def _unknown_drug(text: str, formulary: Formulary) -> OrderSentenceError:
    written = _leading_name(text)
    if not written:
        return OrderSentenceError("the order must start with the drug name", part="drug")
    found = formulary.suggest(written) or formulary.suggest(written.split(" ")[0])
    labels = tuple(drug.label() for drug in found)
    hint = f"; did you mean {', '.join(labels)}?" if labels else ""
    return OrderSentenceError(f"unknown drug '{written}'{hint}", part="drug", suggestions=labels)


def _leading_name(text: str) -> str:
    """The words before the first number or route/frequency word: what was meant as the drug."""
    digit = next((i for i, ch in enumerate(text) if ch.isdigit()), len(text))
    words: list[str] = []
    for word in text[:digit].split(" "):
        if word in ROUTE_WORDS or word in FREQUENCY_WORDS:
            break
        words.append(word)
    return " ".join(words).strip()

"""The order-sentence parser: `amox 500mg po tid 7d`, `阿莫西林 0.5g 口服 tid 7天` or `amxl 0.5g po tid`
into a structured medication order, or an OrderSentenceError that says which part is wrong.

A compound infusion line (`NS 100ml + 头孢曲松 2g ivgtt qd`) is an order for the active drug with
its carrier fluid beside it (`diluent`). Several drugs in one bag (`NS 250ml + 呋塞米 20mg +
氯化钾 1g ivgtt qd`) are one order group: the first drug is the order, the others (`others`)
share its carrier, route, frequency and duration, and each is checked as a drug of its own.
The words are in sentence_words.py, finding the drug in sentence_drug.py.

Fast enough to run on every keystroke: one pass over the text, dictionary look-ups only.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from workstation.clinical.dispense_forms import supply_forms
from workstation.clinical.dose_units import unit_question
from workstation.clinical.formulary import Drug, Formulary, canonical_unit, unit_dimension
from workstation.clinical.frequencies import doses_per_day
from workstation.clinical.sentence_drug import (
    Diluent,
    DrugMatch,
    OrderSentenceError,
    choose_drug,
    find_drug,
    has_concentration,
    split_compound,
)
from workstation.clinical.sentence_errors import UNUSABLE, unknown_word, unusable
from workstation.clinical.sentence_words import (
    PERCENT,
    Token,
    normalise_sentence,
    tokens,
)

__all__ = ["Diluent", "InfusionRate", "OrderSentenceError", "ParsedOrder", "parse_order"]

_SAME_ROUTE = {frozenset({"inh", "neb"})}
# once a day at a time of day: `qd 睡前` and `每日一次 晨起` are qn and qm, not two frequencies
_TIME_OF_DAY = {"qn": ("qd",), "qm": ("qd",)}


@dataclass(frozen=True, slots=True)
class InfusionRate:
    """How fast an infusion runs, as written (`100ml/h`, `40滴/分`): for the nurse, not checked."""

    value: float
    unit: str  # mL/h, drops/min, or min (`over 20 min`: how long it runs)


@dataclass(frozen=True, slots=True)
class ParsedOrder:
    """A medication order read from a sentence; warnings are things worth a second look."""

    drug: Drug
    dose_value: float
    dose_unit: str
    route: str
    frequency: str
    duration_days: int | None = None
    prn: bool = False
    prn_indication: str | None = None
    concentration_pct: float | None = None
    diluent: Diluent | None = None
    rate: InfusionRate | None = None
    warnings: tuple[str, ...] = ()
    # as written: 饭后, 皮试, 自备, 22:00, 术前30分钟 (no structured field; the description keeps them)
    instructions: tuple[str, ...] = ()
    others: tuple[ParsedOrder, ...] = ()  # the other drugs of an order group (one bag)

    @property
    def members(self) -> tuple[ParsedOrder, ...]:
        """Every drug of the order: itself, then the others of its group in the order written."""
        return (self, *self.others)

    def group_payload(self) -> dict[str, Any] | None:
        """The `group` object of an OrderPlaced event: the carrier and the other drugs sharing
        it (None for a drug without a carrier)."""
        if self.diluent is None and not self.others:
            return None
        group: dict[str, Any] = {"members": [m.medication_payload() for m in self.others]}
        if self.diluent is not None:
            group["carrier"] = {"code": self.diluent.code, "volume_ml": self.diluent.volume_ml}
        return group

    @property
    def doses_per_day(self) -> float | None:
        """Scheduled doses a day (None for a PRN-only order)."""
        return doses_per_day(self.frequency)

    def medication_payload(self) -> dict[str, Any]:
        """The `medication` object of an OrderPlaced event."""
        payload: dict[str, Any] = {
            "drug_code": self.drug.code, "drug_name": self.drug.label(),
            "dose_value": self.dose_value, "dose_unit": self.dose_unit, "route": self.route,
            "frequency": self.frequency, "duration_days": self.duration_days, "prn": self.prn,
        }  # fmt: skip
        if self.prn_indication:
            payload["prn_indication"] = self.prn_indication
        return payload

    def as_json(self) -> dict[str, Any]:
        """The structured order as printed by `workstation-server parse-order --json`; an order
        group also lists every drug of the bag under `group`."""
        result = self._one_json()
        if self.others:
            result["group"] = [member._one_json() for member in self.members]
        return result

    def _one_json(self) -> dict[str, Any]:
        drug = self.drug
        value = int(self.dose_value) if self.dose_value.is_integer() else self.dose_value
        result: dict[str, Any] = {
            "drug": {"code": drug.code, "name_en": drug.name_en, "name_zh": drug.name_zh,
                     "atc": drug.atc},
            "dose": {"value": value, "unit": self.dose_unit},
            "route": self.route, "frequency": self.frequency,
            "duration_days": self.duration_days, "prn": self.prn,
        }  # fmt: skip
        if self.prn_indication:
            result["prn_indication"] = self.prn_indication
        if self.diluent:
            result["diluent"] = {"code": self.diluent.code, "volume_ml": self.diluent.volume_ml,
                                 "name": self.diluent.label()}  # fmt: skip
        if self.rate:
            result["rate"] = {"value": self.rate.value, "unit": self.rate.unit}
        if self.instructions:
            result["instructions"] = list(self.instructions)
        return result


@dataclass(slots=True)
class _Parts:
    """What the words after the drug name said, before the drug is known for sure."""

    dose: Token | None = None
    route: str | None = None
    frequency: str | None = None
    duration: int | None = None
    percent: float | None = None
    strength_written: bool = False  # `10%氯化钾 10ml`: a volume of a named strength is plain
    rate: InfusionRate | None = None
    prn: bool = False
    indication: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # warnings found before the drug was known
    instructions: list[str] = field(default_factory=list)


def parse_order(sentence: str, formulary: Formulary) -> ParsedOrder:
    """Parse one order sentence against the formulary; OrderSentenceError says what is wrong."""
    text = normalise_sentence(sentence)
    if not text:
        raise OrderSentenceError("empty order: type the drug, dose, route and frequency",
                                 part="drug")  # fmt: skip
    texts, diluent = split_compound(text, formulary)
    read = [_read_drug(one, formulary) for one in texts]
    if len(read) > 1:
        _share(read)
    members = [_build(_choose(named, parts), parts, diluent, grouped=len(read) > 1)
               for named, parts in read]  # fmt: skip
    return replace(members[0], others=tuple(members[1:])) if len(members) > 1 else members[0]


def _read_drug(text: str, formulary: Formulary) -> tuple[DrugMatch, _Parts]:
    """The drug name and the words after it, before the drug is chosen among its candidates."""
    percent = PERCENT.match(text)  # `10% KCl 10ml`, unless `10%氯化钾` is itself a name
    strength_written = percent is not None
    if percent and formulary.match_prefix(text)[1]:
        percent = None
    named = find_drug(text[percent.end() :].lstrip() if percent else text, formulary)
    parts = _read(tokens(named.rest))
    parts.strength_written = strength_written
    if percent:
        parts.percent = float(percent.group(1))
    return named, parts


def _choose(named: DrugMatch, parts: _Parts) -> Drug:
    return choose_drug(named, route=parts.route, percent=parts.percent)


# what the drugs of one bag share, and the part an error names
_SHARED = {"route": "route", "frequency": "frequency", "duration": "duration", "rate": "sentence"}


def _share(read: list[tuple[DrugMatch, _Parts]]) -> None:
    """The drugs of one bag run together: the route, frequency, duration, rate and PRN written
    once (usually after the last drug) hold for each; two different ones are refused."""
    merged = _Parts()
    for _, parts in read:
        for name, part in _SHARED.items():
            value = getattr(parts, name)
            if value is not None and getattr(merged, name) not in (None, value):
                raise OrderSentenceError(f"the drugs of one bag run together: two {name}s "
                                         "written, write it once", part=part)  # fmt: skip
            if value is not None:
                setattr(merged, name, value)
        merged.prn |= parts.prn
        merged.indication = merged.indication or parts.indication
    for _, parts in read:
        for name in _SHARED:
            setattr(parts, name, getattr(merged, name))
        parts.prn, parts.indication = merged.prn, parts.indication or merged.indication


def _read(found: list[Token]) -> _Parts:
    """Collect dose, route, frequency, duration and PRN; errors for repeats and unknown words."""
    parts = _Parts()
    pending: list[Token] = []  # unknown words: an indication if PRN follows, else an error
    for token in found:
        if token.kind == "unknown":
            pending.append(token)
            continue
        if token.kind == "frequency" and token.code == "prn" and _chinese(pending):
            parts.indication += [t.text for t in pending]  # 疼痛时 必要时
            pending = []
        if pending:
            raise unknown_word(pending[0])
        _take(parts, token)
    if pending:
        raise unknown_word(pending[0])
    return parts


def _chinese(pending: list[Token]) -> bool:
    return bool(pending) and all("\u3400" <= t.text[0] <= "\u9fff" for t in pending)


def _take(parts: _Parts, token: Token) -> None:
    """Record one recognised token in parts."""
    kind = token.kind
    if kind == "dose":
        if parts.dose is not None:
            raise OrderSentenceError(f"two doses written: '{parts.dose.text}' and '{token.text}'",
                                     part="dose")  # fmt: skip
        parts.dose = token
    elif kind == "route":
        if parts.route not in (None, token.code):
            raise OrderSentenceError(f"two routes written: {parts.route} and {token.code}",
                                     part="route")  # fmt: skip
        parts.route = token.code
    elif kind == "frequency":
        _take_frequency(parts, str(token.code))
    elif kind == "indication":
        parts.indication.append(token.text)
    elif kind == "instruction":
        parts.instructions.append(token.text)
    elif kind == "duration":
        _take_duration(parts, int(token.value or 0))
    elif kind == "percent":
        parts.percent = token.value
    elif kind == "rate":
        if parts.rate is not None:
            raise OrderSentenceError("two infusion rates written", part="sentence")
        parts.rate = InfusionRate(float(token.value or 0), str(token.unit))
    elif kind in UNUSABLE:
        raise unusable(token)


def _take_frequency(parts: _Parts, code: str) -> None:
    if code == "prn":
        parts.prn = True
        return
    if parts.frequency in _TIME_OF_DAY.get(code, ()):  # `qd 睡前`: at bedtime is the order
        parts.frequency = code
        return
    if parts.frequency not in (None, code) and code not in _TIME_OF_DAY.get(parts.frequency, ()):
        raise OrderSentenceError(f"two frequencies written: {parts.frequency} and {code}",
                                 part="frequency")  # fmt: skip
    parts.frequency = parts.frequency or code


def _take_duration(parts: _Parts, days: int) -> None:
    if parts.duration is not None:
        raise OrderSentenceError("two durations written", part="duration")
    if not 1 <= days <= 365:
        raise OrderSentenceError(f"duration of {days} days: it must be 1 to 365 days",
                                 part="duration")  # fmt: skip
    parts.duration = days


def _build(
    drug: Drug, parts: _Parts, diluent: Diluent | None = None, *, grouped: bool = False
) -> ParsedOrder:
    """Check the parts against the drug and assemble the order."""
    warnings: list[str] = list(parts.notes)
    value, unit = _dose(drug, parts, warnings)
    route = _route(drug, parts, warnings)
    frequency = parts.frequency or ("prn" if parts.prn else None)
    if frequency is None:
        raise OrderSentenceError(
            "frequency missing: write e.g. qd, bid, tid, q8h, qn, st, prn or 每日一次",
            part="frequency",
        )
    if parts.percent is not None and not has_concentration(drug, parts.percent):
        stocked = sorted({f.concentration_pct for f in drug.forms if f.concentration_pct})
        listed = ", ".join(f"{c:g}%" for c in stocked) or "no liquid form"
        warnings.append(f"{parts.percent:g}% does not match {drug.label()} ({listed})")
    indication = " ".join(parts.indication).strip() or None
    if parts.prn and not indication:
        warnings.append("PRN order without an indication: add what it is for (e.g. prn pain)")
    if diluent is not None and not grouped:  # a group keeps its carrier in its `group` field
        warnings.append(f"carrier fluid {diluent.label()}: kept in the order's description, "
                        "not as a structured field")  # fmt: skip
    return ParsedOrder(
        drug=drug, dose_value=value, dose_unit=unit, route=route, frequency=frequency,
        duration_days=parts.duration, prn=parts.prn, prn_indication=indication,
        concentration_pct=parts.percent, diluent=diluent, rate=parts.rate,
        warnings=tuple(warnings), instructions=tuple(parts.instructions),
    )  # fmt: skip


def _dose(drug: Drug, parts: _Parts, warnings: list[str]) -> tuple[float, str]:
    """The dose value and canonical unit, checked against the units the drug is dosed in."""
    dose = parts.dose
    example = f"{drug.default_dose:g} {drug.default_unit}"
    if dose is None or dose.value is None:
        raise OrderSentenceError(f"dose missing: write the dose with its unit, e.g. {example}",
                                 part="dose")  # fmt: skip
    if dose.value <= 0:
        raise OrderSentenceError("the dose must be more than zero", part="dose")
    if not dose.unit:
        raise OrderSentenceError(
            f"dose unit missing after {dose.value:g}: e.g. {dose.value:g} {drug.default_unit}",
            part="unit",
        )
    unit = str(canonical_unit(dose.unit))
    if supply_forms(drug):
        return _tubes(drug, dose.value, unit)
    metered = _metered_dose(drug, dose.value, unit)
    if metered is not None:
        warnings.append(f"{dose.value:g} {unit} read as {metered[0]:g} {metered[1]}")
        return metered
    if drug.dose_in(dose.value, unit, drug.default_unit) is None:
        _refuse_count_of_several_strengths(drug, dose.value, unit)
        raise OrderSentenceError(
            f"dose unit {unit} does not fit {drug.label()}, dosed in {drug.default_unit}:"
            f" did you mean {dose.value:g} {drug.default_unit}?",
            part="unit",
        )
    question = unit_question(drug, dose.value, unit, strength_written=parts.strength_written)
    if question:
        raise OrderSentenceError(question, part="unit")
    if unit_dimension(unit) == "count":  # `1片` -> 100 mg, so dose limits apply
        amount = drug.dose_in(dose.value, unit, drug.default_unit)
        if amount is not None and unit_dimension(drug.default_unit) != "count":
            warnings.append(f"{dose.value:g} {unit} read as {amount:g} {drug.default_unit}")
            return amount, drug.default_unit
    return dose.value, unit


def _tubes(drug: Drug, count: float, unit: str) -> tuple[float, str]:
    """A semisolid from a tube is ordered by the tubes to supply (`1支`, `2 tubes`), applied
    适量 at the frequency: a mass or a number of applications is refused, not converted."""
    if unit in ("tube", "amp") and float(count).is_integer():  # 支 is the tube of an ointment
        return count, "tube"
    raise OrderSentenceError(
        f"{count:g} {unit} of {drug.label()}: it is applied as a thin layer (适量) from a tube;"
        f" write the whole tubes to supply, e.g. 1 tube (1支), and how often it is applied",
        part="unit",
    )


def _metered_dose(drug: Drug, count: float, unit: str) -> tuple[float, str] | None:
    """`2喷` of an inhaler labelled per puff (`100 micrograms/puff`): count times that strength."""
    if unit != "puff":
        return None
    inhalers = [form for form in drug.forms if "puff" in form.form_en]
    if len(inhalers) != 1:
        return None
    return count * inhalers[0].strength, inhalers[0].unit


def _refuse_count_of_several_strengths(drug: Drug, count: float, unit: str) -> None:
    """`阿托伐他汀 1片` when tablets of 20 and 40 mg are stocked: ask for the dose itself."""
    strengths = sorted({(f.strength, f.unit) for f in drug.forms if f.dispense_unit == unit})
    if len(strengths) > 1:
        listed = " and ".join(f"{value:g} {form_unit}" for value, form_unit in strengths)
        raise OrderSentenceError(
            f"{count:g} {unit} of {drug.label()} is ambiguous: it comes as {listed}; "
            f"write the dose in {drug.default_unit}", part="dose",
        )  # fmt: skip


def _route(drug: Drug, parts: _Parts, warnings: list[str]) -> str:
    """The written route, or the drug's only route (with a warning); error when ambiguous."""
    route = parts.route
    if route is None:
        if len(drug.routes) != 1:
            raise OrderSentenceError(
                f"route missing: {drug.label()} can be given {', '.join(drug.routes)}",
                part="route", suggestions=drug.routes,
            )  # fmt: skip
        warnings.append(f"route not written: {drug.routes[0]} assumed (its only route)")
        return drug.routes[0]
    related = any(frozenset({route, listed}) in _SAME_ROUTE for listed in drug.routes)
    if route not in drug.routes and not related:
        warnings.append(
            f"{drug.label()} is not listed for route {route} (listed: {', '.join(drug.routes)})"
        )
    return route

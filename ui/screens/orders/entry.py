"""What the order line means, as plain Python (no Qt): a medication sentence parsed and checked,
a lab or imaging order from the catalogue, a nursing order (`n ...`), or an order set (`os ...`);
with the suggestions shown while typing and the OrderPlaced payload of each basket line."""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from ui.screens.orders.catalogue import Catalogue, OrderSet, order_set_query
from workstation.clinical.checks import (
    Alert,
    Override,
    PatientContext,
    blocking_alerts,
    overrides_payload,
)
from workstation.clinical.checks.context import order_from_parsed
from workstation.clinical.checks.model import Prescriber
from workstation.clinical.checks.prescribing import SIGNOFF_CATEGORIES
from workstation.clinical.dispensing import discharge_supply
from workstation.clinical.formulary import Drug, Formulary
from workstation.clinical.knowledge import Knowledge
from workstation.clinical.order_group import group_alerts
from workstation.clinical.order_sentence import (
    InfusionRate,
    OrderSentenceError,
    ParsedOrder,
    parse_order,
)
from workstation.clinical.order_sheet import default_term

NURSING_PREFIXES = ("n ", "n:", "nursing ", "护理 ", "护理:", "护理：")
DISCHARGE_PREFIXES = ("dc ", "discharge ", "出院带药 ", "带药 ")  # 出院带药: taken home
URGENT_WORDS = ("st", "stat", "urgent", "急", "加急")
_DIGIT = re.compile(r"\d")
_NUMBER = re.compile(r"[\d一二两三四五六七八九十半]")


@dataclass
class DraftOrder:
    """One line of the basket: what will be signed, the alerts it raised and the reasons given."""

    kind: str
    description: str
    text: str
    code: str | None = None
    parsed: ParsedOrder | None = None
    urgent: bool = False
    alerts: tuple[Alert, ...] = ()
    overrides: list[Override] = field(default_factory=list)
    replaces_order_id: str | None = None
    term: str | None = None  # 长期 / 临时 as the doctor flipped it (F8); None: the default
    discharge: dict[str, Any] | None = None  # 出院带药 {quantity, unit, days} (OrderPlaced)

    def chosen_term(self) -> str:
        """长期 or 临时: as flipped, else the default for the kind and frequency (st, lab and
        imaging are 临时; 病历书写基本规范 2010 Art. 26)."""
        frequency = self.parsed.frequency if self.parsed is not None else None
        return self.term or default_term(self.kind, "st" if self.urgent and self.kind == "nursing"
                                         else frequency, discharge=self.discharge is not None)  # fmt: skip

    def blocking(self) -> list[Alert]:
        """Critical alerts still without a reason (a co-signature or approval settles the
        rights alerts: the order waits for it, ui.screens.orders.signoff)."""
        alerts = [a for a in self.alerts if a.category not in SIGNOFF_CATEGORIES]
        return blocking_alerts(alerts, self.overrides)

    def payload(self) -> dict[str, Any]:
        """The OrderPlaced payload (vocabulary: order_kind, description, code, medication...)."""
        payload: dict[str, Any] = {"order_kind": self.kind, "description": self.description[:500]}
        if self.code:
            payload["code"] = self.code
        if self.parsed is not None:
            payload["medication"] = self.parsed.medication_payload()
            group = self.parsed.group_payload()
            if group is not None:
                payload["group"] = group
        if self.discharge is not None:
            payload["discharge"] = self.discharge
        payload["term"] = self.chosen_term()
        if self.urgent:
            payload["urgent"] = True
        if self.alerts:
            payload["overrides"] = overrides_payload(self.alerts, self.overrides)
        if self.replaces_order_id:
            payload["replaces_order_id"] = self.replaces_order_id
        return payload


@dataclass(frozen=True)
class Suggestion:
    """A completion of the order line: what is shown and the text it puts in the line."""

    label: str
    text: str


@dataclass(frozen=True)
class Reading:
    """The order line read: a complete order, or why not, and the suggestions to complete it."""

    draft: DraftOrder | None = None
    error: str | None = None
    order_set: OrderSet | None = None
    suggestions: tuple[Suggestion, ...] = ()


def medication_sentence(row: Mapping[str, Any], formulary: Formulary) -> str | None:
    """A stored medication order written back as a sentence the parser reads (None if it cannot)."""
    drug = formulary.by_code(str(row.get("drug_code") or ""))
    if drug is None or row.get("dose_value") is None or not row.get("frequency"):
        return None
    words = [drug.name_en.lower(), f"{float(row['dose_value']):g}{row.get('dose_unit') or ''}"]
    words += [str(row.get("route") or ""), str(row["frequency"])]
    if row.get("prn") and row["frequency"] != "prn":
        words.append("prn")
    if row.get("prn") and row.get("prn_indication"):
        words.append(str(row["prn_indication"]))
    if row.get("duration_days"):
        words.append(f"{row['duration_days']}d")
    return " ".join(w for w in words if w)


def frequent_sentences(
    rows: Iterable[Mapping[str, Any]], formulary: Formulary
) -> dict[str, list[str]]:
    """drug code -> the ward's medication sentences for it, most often ordered first."""
    counted: Counter[tuple[str, str]] = Counter()
    for row in rows:
        if row.get("order_kind") == "medication" and not row.get("voided"):
            sentence = medication_sentence(row, formulary)
            if sentence:
                counted[(str(row["drug_code"]), sentence)] += 1
    by_drug: dict[str, list[str]] = {}
    for (code, sentence), _count in counted.most_common():
        by_drug.setdefault(code, []).append(sentence)
    return by_drug


def default_sentence(drug: Drug) -> str:
    """The formulary's default dose, first route and default frequency for a drug."""
    unit = drug.default_unit
    return f"{drug.name_en.lower()} {drug.default_dose:g}{unit} {drug.routes[0]} {drug.default_frequency}"


def _loading_dose(basket_order: ParsedOrder, order: ParsedOrder) -> bool:
    """A once-only (st) dose of the same drug in the basket is its loading dose (aspirin 300 mg st,
    then 100 mg qd), not a duplicate of the maintenance order."""
    same = basket_order.drug.code == order.drug.code
    return same and "st" in (basket_order.frequency, order.frequency)


def _strip_urgent(text: str) -> tuple[str, bool]:
    words = text.split()
    if len(words) > 1 and words[-1].lower() in URGENT_WORDS:
        return " ".join(words[:-1]), True
    return text, False


class OrderReader:
    """Reads the order line against the formulary, catalogues, knowledge and one patient."""

    def __init__(self, formulary: Formulary, knowledge: Knowledge, catalogue: Catalogue, *,
                 language: str = "en") -> None:  # fmt: skip
        self.formulary, self.knowledge, self.catalogue = formulary, knowledge, catalogue
        self.language = language
        self.context = PatientContext()
        self.discharge_context = PatientContext()  # the patient with the other 出院带药 active
        self.prescriber: Prescriber | None = None  # the logged-in doctor (rights checks)
        self.frequent: dict[str, list[str]] = {}
        self._names: list[tuple[str, Drug]] | None = None

    def _drugs_starting(self, typed: str) -> list[Drug]:
        """Drugs with a name, alias, code or pinyin starting with the text, closest first."""
        key = typed.strip().lower()
        if not key:
            return []
        if self._names is None:
            names = [
                (name.lower(), drug)
                for drug in self.formulary
                for name in (drug.name_en, drug.name_zh, drug.pinyin, drug.code, *drug.aliases)
            ]
            self._names = sorted(names, key=lambda pair: pair[0])  # fmt: skip
        start = bisect.bisect_left(self._names, key, key=lambda pair: pair[0])
        ranked: dict[str, tuple[int, Drug]] = {}
        for name, drug in itertools.islice(self._names, start, None):
            if not name.startswith(key):
                break
            if drug.code not in ranked or len(name) < ranked[drug.code][0]:
                ranked[drug.code] = (len(name), drug)
        return [drug for _length, drug in sorted(ranked.values(), key=lambda pair: pair[0])]

    def check(
        self, parsed: ParsedOrder, text: str, basket: Iterable[DraftOrder], *,
        discharge: bool = False,
    ) -> tuple[Alert, ...]:  # fmt: skip
        """The alerts of a medication order for this patient, counting the basket as active: an
        inpatient order against the inpatient orders, a 出院带药 against the other ones only."""
        pending = tuple(
            order_from_parsed(d.parsed, d.text) for d in basket
            if d.parsed is not None and (d.discharge is not None) == discharge
            and not _loading_dose(d.parsed, parsed)
        )  # fmt: skip
        base = self.discharge_context if discharge else self.context
        context = replace(base, active_orders=base.active_orders + pending) if pending else base
        return tuple(  # each drug of a bag, as signed by this prescriber
            group_alerts(
                parsed, text, context, self.knowledge, self.prescriber, discharge=discharge
            )  # fmt: skip
        )

    def read(self, text: str, basket: Iterable[DraftOrder] = ()) -> Reading:
        """What the line means now (called on every keystroke)."""
        line = text.strip()
        if not line:
            return Reading()
        query = order_set_query(line)
        if query is not None:
            return self._order_set(query)
        nursing = next((line[len(p):].strip() for p in NURSING_PREFIXES
                        if line.lower().startswith(p)), None)  # fmt: skip
        if nursing is not None:
            if not nursing:
                return Reading(error="nursing order: write what is to be done after n")
            return Reading(draft=DraftOrder("nursing", nursing, line))
        home = next((line[len(p):].strip() for p in DISCHARGE_PREFIXES
                     if line.lower().startswith(p)), None)  # fmt: skip
        if home is not None:
            return self._discharge(home, line, basket)
        if not _NUMBER.search(line):  # still typing the name: no dose yet, so no sentence
            return self._name_only(line)
        try:
            parsed = parse_order(line, self.formulary)
        except OrderSentenceError as exc:
            return self._not_a_sentence(line, exc)
        if parsed.prn and not parsed.prn_indication:
            return Reading(
                error="PRN order without an indication: add what it is for (e.g. prn pain)"
            )
        return Reading(draft=self.medication_draft(parsed, line, basket))

    def medication_draft(
        self, parsed: ParsedOrder, text: str, basket: Iterable[DraftOrder] = ()
    ) -> DraftOrder:
        """A basket line for a parsed sentence, with its alerts."""
        return DraftOrder("medication", describe(parsed, self.language), text, parsed=parsed,
                          code=parsed.drug.code, alerts=self.check(parsed, text, basket))  # fmt: skip

    def _discharge(self, sentence: str, line: str, basket: Iterable[DraftOrder]) -> Reading:
        """`带药 amlodipine 5mg po qd 14d`: a 出院带药 order with the quantity for its days."""
        try:
            parsed = parse_order(sentence, self.formulary)
            supply = discharge_supply(parsed)
        except (OrderSentenceError, ValueError) as exc:
            return Reading(error=f"出院带药: {exc}" if isinstance(exc, OrderSentenceError)
                           else str(exc))  # fmt: skip
        alerts = self.check(parsed, sentence, basket, discharge=True)
        draft = DraftOrder("medication", describe(parsed, self.language), line, parsed=parsed,
                           code=parsed.drug.code, alerts=alerts, discharge=supply)  # fmt: skip
        return Reading(draft=draft)

    def _not_a_sentence(self, line: str, exc: OrderSentenceError) -> Reading:
        name, urgent = _strip_urgent(line)
        item = self.catalogue.find(name)
        if item is not None:
            draft = DraftOrder(
                item.kind, item.name(self.language), line, code=item.code, urgent=urgent
            )
            return Reading(draft=draft)
        return Reading(error=str(exc), suggestions=tuple(self.suggestions(line)))

    def _name_only(self, line: str) -> Reading:
        name, urgent = _strip_urgent(line)
        item = self.catalogue.find(name)
        if item is not None:
            draft = DraftOrder(
                item.kind, item.name(self.language), line, code=item.code, urgent=urgent
            )
            return Reading(draft=draft)
        suggestions = tuple(self.suggestions(line))
        if not suggestions:
            return Reading(error=f"nothing in the formulary or the catalogues starts with '{line}'")
        return Reading(error="keep typing: dose, route, frequency (e.g. 500mg po tid 7d), or Tab",
                       suggestions=suggestions)  # fmt: skip

    def _order_set(self, query: str) -> Reading:
        found = self.catalogue.order_sets_matching(query)
        suggestions = tuple(
            Suggestion(f"{s.name(self.language)} — {len(s.lines)}", f"os {s.set_id}") for s in found
        )
        exact = found[0] if found and query.lower() in found[0].keys else None
        if exact is None and len(found) == 1 and query:
            exact = found[0]
        error = None if exact else "order set: keep typing its name, or choose one below"
        return Reading(order_set=exact, error=error, suggestions=suggestions)

    def suggestions(self, line: str, limit: int = 8) -> list[Suggestion]:
        """Completions: the ward's usual sentences and the formulary default for matching drugs,
        then matching tests and examinations."""
        if _DIGIT.search(line):
            return []
        drugs = self._drugs_starting(line)[:4]
        found: list[Suggestion] = []
        for drug in drugs:
            for sentence in self.frequent.get(drug.code, [])[:3]:
                found.append(Suggestion(sentence, sentence))
        for drug in drugs:
            sentence = default_sentence(drug)
            if all(s.text != sentence for s in found):
                found.append(Suggestion(f"{sentence}   ({drug.name_zh})", sentence))
        for item in self.catalogue.starting_with(line, limit=4):
            found.append(Suggestion(f"{item.name(self.language)} · {item.specimen(self.language)}",
                                    item.name_en if not self.language.startswith("zh") else item.name_zh))  # fmt: skip
        return found[:limit]

    def order_set_drafts(self, order_set: OrderSet, basket: list[DraftOrder]) -> list[DraftOrder]:
        """Every line of a set as basket lines (sentences parsed and checked as if typed)."""
        drafts: list[DraftOrder] = []
        for line in order_set.lines:
            if line.kind == "medication":
                parsed = parse_order(line.sentence, self.formulary)
                drafts.append(self.medication_draft(parsed, line.sentence, [*basket, *drafts]))
            elif line.kind == "nursing":
                text = line.text_zh if self.language.startswith("zh") else line.text_en
                drafts.append(DraftOrder("nursing", text, text))
            else:
                item = self.catalogue.by_code(line.code)
                if item is None:
                    raise KeyError(f"order set {order_set.set_id}: no catalogue item {line.code}")
                drafts.append(DraftOrder(item.kind, item.name(self.language), item.code,
                                         code=item.code, urgent=line.urgent))  # fmt: skip
        return drafts


def describe(parsed: ParsedOrder, language: str = "en") -> str:
    """A medication order in words: `Amoxicillin 500 mg po tid, 7 days`."""
    drug = parsed.drug
    name = (
        f"{drug.name_zh} ({drug.name_en})"
        if language.startswith("zh")
        else f"{drug.name_en} ({drug.name_zh})"
    )
    text = f"{name} {parsed.dose_value:g} {parsed.dose_unit} {parsed.route} {parsed.frequency}"
    if parsed.diluent is not None:  # the event's medication object has no field for it
        text += f" + {parsed.diluent.label('zh' if language.startswith('zh') else 'en')}"
    if parsed.prn and parsed.frequency != "prn":
        text += " prn"
    if parsed.prn_indication:
        text += f" {parsed.prn_indication}"
    zh = language.startswith("zh")
    if parsed.duration_days:
        text += f", {parsed.duration_days} 天" if zh else f", {parsed.duration_days} days"
    if parsed.rate is not None:  # how fast and the instructions have no field of their own either
        text += f", {rate_words(parsed.rate, zh=zh)}"
    if parsed.instructions:
        text += f"; {' '.join(parsed.instructions)}"
    return text


def rate_words(rate: InfusionRate, *, zh: bool) -> str:
    """`100 mL/h`, `40 滴/分`, `over 20 min` / `20 分钟内`."""
    if rate.unit == "min":
        return f"{rate.value:g} 分钟内" if zh else f"over {rate.value:g} min"
    unit = "滴/分" if zh and rate.unit == "drops/min" else rate.unit
    return f"{rate.value:g} {unit}"

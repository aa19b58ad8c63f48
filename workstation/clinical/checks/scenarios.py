"""Order-check scenario files (the format of shared/cds/README.md): load, run and score them."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from workstation.clinical.checks import check_order
from workstation.clinical.checks.context import order_from_parsed
from workstation.clinical.checks.model import (
    CATEGORIES,
    SEVERITY_RANK,
    Alert,
    MedicationOrder,
    PatientContext,
    Prescriber,
    highest_severity,
)
from workstation.clinical.knowledge import Knowledge
from workstation.clinical.order_sentence import OrderSentenceError, parse_order
from workstation.clinical.sentence_drug import find_drug
from workstation.clinical.sentence_words import PER_KG, normalise_sentence, tokens

ParseSentence = Callable[[str], MedicationOrder]
_LAB_KEYS = ("egfr_ml_min_1_73m2", "creatinine_umol_l", "potassium_mmol_l", "inr", "platelets_10e9_l",
             "glucose_mmol_l", "sodium_mmol_l", "qtc_ms")  # fmt: skip


class ScenarioError(Exception):
    """The scenario file cannot be read or does not follow the format."""


@dataclass(frozen=True, slots=True)
class Case:
    """One test patient, one order sentence, the categories a safe system must raise."""

    case_id: str
    patient: Mapping[str, Any]
    order: str
    expect: tuple[str, ...]
    prescriber: Prescriber = Prescriber()
    refused: bool = False  # order entry must refuse the sentence with a question (unit errors)
    expect_severity: str | None = None  # the highest severity the alerts must reach, exactly


@dataclass(slots=True)
class CaseResult:
    """The alerts raised for a case, or why its sentences could not be parsed."""

    case: Case
    alerts: list[Alert] = field(default_factory=list)
    parse_error: str | None = None
    read_as: list[str] = field(default_factory=list)  # how incomplete sentences were read
    refusal: str | None = None  # the question order entry asked instead of taking the order

    @property
    def passed(self) -> bool:
        """Dangerous: an alert of an expected category (at the expected severity, or refused
        when the case says so); safe: nothing above info."""
        if self.case.refused:
            return self.refusal is not None
        if self.parse_error:
            return False
        if self.case.expect_severity and highest_severity(self.alerts) != self.case.expect_severity:
            return False
        if self.case.expect:
            return any(a.category in self.case.expect for a in self.alerts)
        return all(SEVERITY_RANK[a.severity] <= SEVERITY_RANK["info"] for a in self.alerts)


def _case(raw: Any, index: int) -> Case:
    where = f"case {index + 1}"
    if not isinstance(raw, Mapping):
        raise ScenarioError(f"{where}: not a mapping")
    missing = [k for k in ("id", "patient", "order", "expect") if k not in raw]
    if missing:
        raise ScenarioError(f"{where} ({raw.get('id', '?')}): missing {', '.join(missing)}")
    expect = raw["expect"] or []
    if not isinstance(expect, list) or not isinstance(raw["patient"], Mapping):
        raise ScenarioError(f"{where} ({raw['id']}): expect must be a list, patient a mapping")
    unknown = [c for c in expect if c not in CATEGORIES]
    if unknown:
        raise ScenarioError(
            f"{where} ({raw['id']}): unknown categories {', '.join(map(str, unknown))}"
        )
    _skin_tests(raw["patient"].get("skin_tests"), where)
    severity = raw.get("expect_severity")
    if severity is not None and severity not in SEVERITY_RANK:
        raise ScenarioError(f"{where} ({raw['id']}): unknown expect_severity {severity!r}")
    return Case(
        str(raw["id"]), raw["patient"], str(raw["order"]), tuple(expect),
        _prescriber(raw.get("prescriber"), f"{where} ({raw['id']})"),
        refused=bool(raw.get("refused")), expect_severity=severity,
    )  # fmt: skip


_SKIN_TEST_RESULTS = ("positive", "negative")


def _prescriber(raw: Any, where: str) -> Prescriber:
    """The case's `prescriber` (absent: an attending with restricted-tier and narcotic rights)."""
    if raw is None:
        return Prescriber()
    if not isinstance(raw, Mapping):
        raise ScenarioError(f"{where}: prescriber must be a mapping")
    unknown = sorted(set(raw) - {"title", "antibiotic_tier", "narcotic_right"})
    if unknown:
        raise ScenarioError(f"{where}: unknown prescriber fields {', '.join(map(str, unknown))}")
    defaults = Prescriber()
    try:
        return Prescriber(
            title=str(raw.get("title", defaults.title)),
            antibiotic_tier=str(raw.get("antibiotic_tier", defaults.antibiotic_tier)),
            narcotic_right=bool(raw.get("narcotic_right", defaults.narcotic_right)),
        )
    except ValueError as exc:
        raise ScenarioError(f"{where}: prescriber {exc}") from exc


def _skin_tests(raw: Any, where: str) -> dict[str, str]:
    """The patient's `skin_tests` on file: substance -> positive | negative."""
    if raw is None:
        return {}
    if not isinstance(raw, Mapping) or any(str(v) not in _SKIN_TEST_RESULTS for v in raw.values()):
        raise ScenarioError(f"{where}: skin_tests must map a substance to positive or negative")
    return {str(k): str(v) for k, v in raw.items()}


def load_cases(path: Path) -> list[Case]:
    """The cases of a scenario file; ScenarioError with one clear line when it is bad."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ScenarioError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except yaml.YAMLError as exc:
        raise ScenarioError(f"{path}: not valid YAML ({' '.join(str(exc).split())})") from exc
    if not isinstance(data, Mapping) or not isinstance(data.get("cases"), list):
        raise ScenarioError(f"{path}: expected a mapping with a list of `cases`")
    cases = [_case(raw, i) for i, raw in enumerate(data["cases"])]
    seen: set[str] = set()
    for case in cases:
        if case.case_id in seen:
            raise ScenarioError(f"{path}: duplicate case id {case.case_id}")
        seen.add(case.case_id)
    return cases


def _patient(
    raw: Mapping[str, Any], parse: Callable[[str], MedicationOrder | None]
) -> PatientContext:
    labs = {
        k: float(v) for k, v in (raw.get("labs") or {}).items() if k in _LAB_KEYS and v is not None
    }
    return PatientContext(
        age_years=float(raw["age_years"]) if raw.get("age_years") is not None else None,
        sex=raw.get("sex"),
        weight_kg=float(raw["weight_kg"]) if raw.get("weight_kg") is not None else None,
        pregnant=bool(raw.get("pregnant")),
        allergies=tuple(str(a) for a in raw.get("allergies") or ()),
        active_orders=tuple(
            order for order in (parse(str(s)) for s in raw.get("active_orders") or ()) if order
        ),
        labs=labs,
        diagnoses=tuple(str(d) for d in raw.get("diagnoses") or ()),
        skin_tests=_skin_tests(raw.get("skin_tests"), "patient"),
        opioid_tolerant=bool(raw.get("opioid_tolerant")),
    )


def run_case(case: Case, kb: Knowledge, parse: ParseSentence) -> CaseResult:
    """Parse the case's sentences and check its order."""
    notes: list[str] = []
    if case.refused:
        return _refusal(case, parse)

    def read_active(sentence: str) -> MedicationOrder | None:
        """An active order whose drug the formulary lacks cannot interact with anything the
        checks know: it is left out, with a note, rather than failing the case."""
        try:
            return _read_leniently(sentence, parse, kb, notes, ongoing=True)
        except OrderSentenceError as error:
            if error.part != "drug":
                raise
            notes.append(f"active order {sentence!r} left out: {error}")
            return None

    try:
        patient = _patient(case.patient, read_active)
        written = _weighed(case.order, patient.weight_kg, notes)
        order = _read_leniently(written, parse, kb, notes, ongoing=False)
    except (ValueError, LookupError) as exc:
        return CaseResult(case, parse_error=str(exc) or type(exc).__name__)
    order = dataclasses.replace(order, prescriber=case.prescriber)
    return CaseResult(case, check_order(order, patient, kb), read_as=notes)


def _refusal(case: Case, parse: ParseSentence) -> CaseResult:
    """A case that order entry must refuse: the question it asked about the dose or its unit."""
    try:
        parse(case.order)
    except OrderSentenceError as error:
        if error.part in ("dose", "unit"):
            return CaseResult(case, refusal=str(error))
        return CaseResult(case, parse_error=str(error))
    return CaseResult(case, read_as=[f"{case.order!r} was taken, not refused"])


def _weighed(sentence: str, weight_kg: float | None, notes: list[str]) -> str:
    """A weight-based dose (`15mg/kg`) as this patient's dose: order entry refuses the sentence and
    asks for the dose in mg, which the doctor works out from the chart's weight; the test case is
    read the same way (noted), so the dose is checked rather than dropped. Without a weight the
    sentence is left as written (and the dose is not read)."""
    text = normalise_sentence(sentence)
    match = PER_KG.search(text)
    if match is None or weight_kg is None:
        return sentence
    dose = f"{float(match.group(1)) * weight_kg:g}{match.group(2)}"
    notes.append(f"{match.group()} × {weight_kg:g} kg read as {dose}")
    return f"{text[: match.start()]}{dose}{text[match.end() :]}"


_COMPLETIONS = 2  # a sentence may lack both its route and its frequency


def _read_leniently(
    sentence: str, parse: ParseSentence, kb: Knowledge, notes: list[str], *, ongoing: bool
) -> MedicationOrder:
    """A scenario sentence as an order. Order entry refuses an incomplete sentence, but a test
    case should still be checked for what it does say: a missing frequency is read as qd for an
    active (ongoing) order and as once (st) for the order checked, a missing route as the drug's
    first listed route, and a sentence whose drug alone is clear (`warfarin` as an active order)
    as that drug. Each such reading is noted."""
    written = sentence
    for _ in range(_COMPLETIONS + 1):
        try:
            order = parse(written)
        except OrderSentenceError as error:
            completed = _completed(written, error, "qd" if ongoing else "st")
            if completed is None:
                return _drug_only(sentence, error, kb, notes)
            written = completed
            continue
        if written != sentence:
            notes.append(f"{sentence!r} read as {written!r}")
        return order
    return parse(written)


def _completed(sentence: str, error: OrderSentenceError, frequency: str) -> str | None:
    if error.part == "frequency" and "missing" in str(error):
        return f"{sentence} {frequency}"
    if error.part == "route" and "missing" in str(error) and error.suggestions:
        return f"{sentence} {error.suggestions[0]}"
    return None


def _drug_only(
    sentence: str, error: OrderSentenceError, kb: Knowledge, notes: list[str]
) -> MedicationOrder:
    try:
        named = find_drug(normalise_sentence(sentence), kb.formulary)
    except OrderSentenceError:
        raise error from None
    if len(named.candidates) != 1:
        raise error
    words = tokens(named.rest)
    routes = [t.code for t in words if t.kind == "route"]
    prn = any(t.kind == "frequency" and t.code == "prn" for t in words)
    notes.append(f"{sentence!r}: only the drug{', route' if routes else ''}"
                 f"{' and prn' if prn else ''} read ({error})")  # fmt: skip
    return MedicationOrder(
        named.candidates[0].code, route=routes[0] if routes else None, prn=prn, text=sentence
    )


def summarise(results: Iterable[CaseResult]) -> dict[str, int]:
    """The scoring summary: dangerous caught, safe clean, parse failures."""
    results = list(results)
    dangerous = [r for r in results if r.case.expect]
    safe = [r for r in results if not r.case.expect]
    return {
        "cases": len(results),
        "dangerous_caught": sum(r.passed for r in dangerous),
        "dangerous_total": len(dangerous),
        "safe_clean": sum(r.passed for r in safe),
        "safe_total": len(safe),
        "parse_failures": sum(1 for r in results if r.parse_error),
    }


def result_line(result: CaseResult) -> dict[str, Any]:
    """The JSON object printed for one case."""
    line: dict[str, Any] = {
        "id": result.case.case_id,
        "alerts": [
            {"category": a.category, "severity": a.severity, "message": a.message}
            for a in result.alerts
        ],
    }
    if result.parse_error:
        line["parse_error"] = result.parse_error
    if result.refusal:
        line["refused"] = result.refusal
    if result.read_as:
        line["read_as"] = result.read_as
    return line


def sentence_parser(kb: Knowledge) -> ParseSentence:
    """Order sentences (English, Chinese, pinyin initials) to structured orders, with the
    knowledge base's formulary; the parser's OrderSentenceError is a ValueError."""

    def parse(sentence: str) -> MedicationOrder:
        return order_from_parsed(parse_order(sentence, kb.formulary), sentence)

    return parse


def result_text(result: CaseResult) -> str:
    """One readable line for a case."""
    mark = "ok  " if result.passed else "FAIL"
    if result.parse_error:
        return f"{mark} {result.case.case_id}: parse error: {result.parse_error}"
    if result.refusal:
        return f"{mark} {result.case.case_id}: refused: {result.refusal}"
    shown = ", ".join(f"{a.category}/{a.severity}" for a in result.alerts) or "no alerts"
    expected = ", ".join(result.case.expect) or "safe"
    read_as = f" [{'; '.join(result.read_as)}]" if result.read_as else ""
    return f"{mark} {result.case.case_id} (expect {expected}): {shown}{read_as}"


def summary_text(summary: Mapping[str, int]) -> str:
    """The readable summary line."""
    return (
        f"{summary['cases']} cases: dangerous caught {summary['dangerous_caught']}/"
        f"{summary['dangerous_total']}, safe clean {summary['safe_clean']}/"
        f"{summary['safe_total']}, parse failures {summary['parse_failures']}"
    )

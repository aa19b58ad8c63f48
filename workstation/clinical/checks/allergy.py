"""Drug-allergy: the recorded allergy (free text, English or Chinese) against the ordered drug,
with class cross-sensitivity from resources/knowledge/allergy_classes.json."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from workstation.clinical.allergy_names import allergen_name, by_id
from workstation.clinical.checks.common import has_cjk, mentions, most_severe, names
from workstation.clinical.checks.model import Alert, MedicationOrder, PatientContext
from workstation.clinical.knowledge import Knowledge

_SPLIT = re.compile(r"[,，;；、/|\n]+")
_NOISE = re.compile(r"(allergy|allergic to|allergies|过敏史|过敏|药物|类药|类)")
_GREEK_BETA = re.compile(r"β(?=\s*-?\s*[a-z])")  # `β-lactam` as `beta-lactam`; `β-内酰胺` is a term


def allergen_terms(text: str, kb: Knowledge) -> list[str]:
    """The allergy entries of a free-text allergy field, lower-cased, 'no allergy' words dropped."""
    none_words = {w.lower() for w in kb.allergy.get("no_allergy_words", ())}
    terms = []
    for part in _SPLIT.split(_GREEK_BETA.sub("beta", text.lower())):
        term = part.strip(" .:：()（）")
        if term and term not in none_words and _NOISE.sub("", term).strip():
            terms.append(term)
    return terms


def _drug_names(kb: Knowledge, code: str) -> list[str]:
    entry = kb.drug(code) or {}
    found = {code.lower(), code.replace("_", " ").lower()}
    for key in ("name_en", "name_zh"):
        if entry.get(key):
            found.add(str(entry[key]).lower())
    found.update(str(a).lower() for a in entry.get("aliases") or ())
    return [n for n in found if len(n) >= (2 if has_cjk(n) else 4)]


def _name_index(kb: Knowledge) -> list[tuple[str, str]]:
    """(name, code) for every drug name and alias, longest first."""
    if "allergy_names" not in kb.cache:
        pairs = [(name, code) for code in kb.drugs for name in _drug_names(kb, code)]
        kb.cache["allergy_names"] = sorted(pairs, key=lambda pair: -len(pair[0]))
    index: list[tuple[str, str]] = kb.cache["allergy_names"]
    return index


def allergen_drugs(term: str, kb: Knowledge) -> set[str]:
    """Formulary drugs named in one allergy entry, longest name first so that a short alias
    inside a longer name (克拉 in 阿莫西林克拉维酸钾) is not read as another drug; else drugs
    whose name contains the entry (青霉素 in 苄星青霉素). Remembered per entry: the order line
    checks on every keystroke."""
    known: dict[str, set[str]] = kb.cache.setdefault("allergen_drugs", {})
    if term not in known:
        known[term] = _allergen_drugs(term, kb)
    return set(known[term])


def _allergen_drugs(term: str, kb: Knowledge) -> set[str]:
    rest, found = term, set()
    core = _NOISE.sub(" ", term).strip()
    for name, code in _name_index(kb):
        short = has_cjk(name) and len(name) < 3 and name != core  # 克拉 inside 克拉维酸
        if not short and mentions(rest, name):
            found.add(code)
            rest = rest.replace(name, " ")
    if not found and len(core) >= (2 if has_cjk(core) else 4):
        found = {code for name, code in _name_index(kb) if mentions(name, core)}
    return found


def _class_hits(term: str, kb: Knowledge) -> Iterator[dict[str, Any]]:
    for cls in kb.allergy["classes"]:
        if any(mentions(term, t, word_start=True) for t in cls["terms"]):
            yield cls


def _severity_for(cls: dict[str, Any], level: str, code: str,
                  kb: Knowledge) -> tuple[str, str] | None:  # fmt: skip
    """(severity, rule id) when the drug is in the class or in a cross-sensitive group."""
    if kb.in_group(code, cls["group"]):
        return level, f"allergy-{cls['id']}"
    for cross in cls.get("cross", ()):
        if kb.in_group(code, cross["group"]):
            return str(cross["severity"]), f"allergy-{cls['id']}-cross-{cross['group']}"
    return None


def _term_alerts(term: str, order: MedicationOrder, kb: Knowledge) -> Iterator[Alert]:
    en, zh = names(kb, order.drug_code)
    shown = _NOISE.sub("", term).strip() or term
    classes = by_id(kb.allergy["classes"])  # a class id recorded as such is named, not shown raw
    shown_en, shown_zh = (allergen_name(shown, chinese, classes) for chinese in (False, True))
    for allergen in allergen_drugs(term, kb):
        if allergen == order.drug_code:
            yield _alert("critical", f"{en}: recorded allergy to this drug ({shown_en})",
                         f"{zh}：已记录对该药过敏({shown_zh})", "allergy-same-drug", kb)  # fmt: skip
            continue
        for cls in kb.allergy["classes"]:
            if cls.get("member_severity") is None or not kb.in_group(allergen, cls["group"]):
                continue
            hit = _severity_for(cls, cls["member_severity"], order.drug_code, kb)
            if hit:
                yield _alert(hit[0], f"{en}: allergy to {shown_en} ({cls['name_en']} cross-sensitivity)",
                             f"{zh}：对{shown_zh}过敏（{cls['name_zh']}交叉过敏）",
                             hit[1], kb, cls["source"])  # fmt: skip
    for cls in _class_hits(term, kb):
        hit = _severity_for(cls, cls["severity"], order.drug_code, kb)
        if hit:
            yield _alert(hit[0], f"{en}: recorded allergy '{shown_en}' covers or cross-reacts with it",
                         f"{zh}：已记录过敏“{shown_zh}”，本药属同类或可交叉过敏",
                         hit[1], kb, cls["source"])  # fmt: skip


def _alert(severity: str, message: str, message_zh: str, rule_id: str, kb: Knowledge,
           source: str = "allergy") -> Alert:  # fmt: skip
    return Alert("drug-allergy", severity, message, message_zh, rule_id, kb.cite(source))


def check(order: MedicationOrder, patient: PatientContext, kb: Knowledge) -> list[Alert]:
    """One alert per allergy entry that the ordered drug matches, the most severe reading."""
    alerts = []
    for text in patient.allergies:
        for term in allergen_terms(text, kb):
            best = most_severe(_term_alerts(term, order, kb))
            if best is not None:
                alerts.append(best)
    return alerts

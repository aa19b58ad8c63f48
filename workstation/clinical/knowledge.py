"""The order-check knowledge base: the formulary's drug facts and the rule files in
resources/knowledge/ (groups, interactions, allergy classes, duplication, drug-lab,
drug-diagnosis, older adults, sources)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from workstation.clinical.formulary import Formulary, default_formulary
from workstation.clinical.formulary_schema import class_atc
from workstation.resources import resource

KNOWLEDGE_FILES = (
    "groups", "sources", "interactions", "allergy_classes", "duplication", "drug_lab",
    "drug_diagnosis", "older_adults", "pregnancy", "dose_rules",
)  # fmt: skip


class KnowledgeError(Exception):
    """A knowledge or formulary file is missing or malformed."""


@dataclass(frozen=True, slots=True)
class DrugGroup:
    """A set of drugs named in rules: by ATC prefix, formulary code or formulary class."""

    name: str
    atc: tuple[str, ...] = ()
    codes: frozenset[str] = frozenset()
    routes: frozenset[str] | None = None
    exclude_atc: tuple[str, ...] = ()

    def allows(self, route: str) -> bool:
        """Whether the group covers the drug given by this route."""
        return self.routes is None or route in self.routes

    def contains(self, drug: Mapping[str, Any]) -> bool:
        """Whether a formulary drug belongs to the group (route not considered)."""
        listed = drug.get("atc")  # a list where a rule's own entry names several codes
        atcs = [str(a) for a in listed] if isinstance(listed, list) else [class_atc(drug)]
        classes = {str(c).lower() for c in drug.get("classes") or ()}
        if any(a.upper().startswith(p) for a in atcs if a for p in self.exclude_atc):
            return False
        return (
            drug.get("code") in self.codes
            or self.name in classes
            or any(a.upper().startswith(p) for a in atcs if a for p in self.atc)
        )


@dataclass(slots=True)
class Knowledge:
    """Everything the checks consult, loaded once and shared (read-only after loading)."""

    formulary: Formulary
    drugs: dict[str, dict[str, Any]]
    groups: dict[str, DrugGroup]
    sources: dict[str, str]
    interactions: list[dict[str, Any]]
    allergy: dict[str, Any]
    duplication: dict[str, Any]
    drug_lab: list[dict[str, Any]]
    diagnosis: dict[str, Any]
    older_adults: list[dict[str, Any]]
    pregnancy: list[dict[str, Any]]
    dose_rules: dict[str, Any]
    cache: dict[str, Any] = field(default_factory=dict)
    _memberships: dict[str, frozenset[str]] = field(default_factory=dict)

    def drug(self, code: str) -> dict[str, Any] | None:
        """The formulary entry of a drug code, or None."""
        return self.drugs.get(code)

    def groups_of(self, code: str, route: str | None = None) -> frozenset[str]:
        """The groups a drug belongs to (those limited to other routes left out)."""
        if code not in self._memberships:
            entry = self.drugs.get(code) or {"code": code}
            self._memberships[code] = frozenset(
                name for name, group in self.groups.items() if group.contains(entry)
            )
        names = self._memberships[code]
        if route is None:
            return names
        return frozenset(n for n in names if self.groups[n].allows(route))

    def in_group(self, code: str, group: str, route: str | None = None) -> bool:
        """Whether a drug (given by route) belongs to a group."""
        return group in self.groups_of(code, route)

    def cite(self, key: str) -> str:
        """The full citation of a source key (a literal citation is returned unchanged)."""
        return self.sources.get(key, key)

    def drug_name(self, code: str, lang: str = "en") -> str:
        """The drug's display name in English or Chinese (the code when unknown)."""
        entry = self.drugs.get(code) or {}
        return str(entry.get("name_zh" if lang == "zh" else "name_en") or code)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise KnowledgeError(f"knowledge file not found: {path}") from exc
    except json.JSONDecodeError as exc:
        raise KnowledgeError(f"{path.name}: not valid JSON ({exc})") from exc


def _groups(raw: Mapping[str, Any]) -> dict[str, DrugGroup]:
    return {
        name: DrugGroup(
            name=name,
            atc=tuple(str(p).upper() for p in spec.get("atc", ())),
            codes=frozenset(spec.get("codes", ())),
            routes=frozenset(spec["routes"]) if spec.get("routes") else None,
            exclude_atc=tuple(str(p).upper() for p in spec.get("exclude_atc", ())),
        )
        for name, spec in raw.items()
    }


def load_knowledge(
    knowledge_dir: Path | None = None,
    formulary: Formulary | None = None,
    *,
    interactions: Mapping[str, Any] | None = None,
) -> Knowledge:
    """Load the rule files beside a formulary (the shipped one by default); `interactions`, a
    published interactions document, stands in for the file. KnowledgeError names a bad file."""
    folder = knowledge_dir or resource("knowledge")
    raw = {name: _read_json(folder / f"{name}.json") for name in KNOWLEDGE_FILES
           if name != "interactions" or interactions is None}  # fmt: skip
    raw.setdefault("interactions", interactions)
    formulary = formulary or default_formulary()
    knowledge = Knowledge(
        formulary=formulary,
        drugs={drug.code: dict(drug.entry) for drug in formulary},
        groups=_groups(raw["groups"]["groups"]),
        sources=dict(raw["sources"]["sources"]),
        interactions=list(raw["interactions"]["interactions"]),
        allergy=raw["allergy_classes"],
        duplication=raw["duplication"],
        drug_lab=list(raw["drug_lab"]["rules"]),
        diagnosis=raw["drug_diagnosis"],
        older_adults=list(raw["older_adults"]["rules"]),
        pregnancy=list(raw["pregnancy"]["rules"]),
        dose_rules=raw["dose_rules"],
    )
    _check_references(knowledge)
    return knowledge


def _check_references(knowledge: Knowledge) -> None:
    """Every group a rule names must be defined: a typo would silently disable the rule."""
    named = [r["a"] for r in knowledge.interactions] + [r["b"] for r in knowledge.interactions]
    named += [r["within_dose"]["group"] for r in knowledge.interactions if r.get("within_dose")]
    named += [r["group"] for r in knowledge.drug_lab + knowledge.older_adults]
    named += [r["group"] for r in knowledge.pregnancy + knowledge.dose_rules["weekly_only"]]
    named += [r["group"] for r in knowledge.diagnosis["rules"]]
    named += [g["group"] for g in knowledge.duplication["groups"]]
    named += [p[k] for p in knowledge.duplication.get("pairs", ()) for k in ("a", "b")]
    for cls in knowledge.allergy["classes"]:
        named += [cls["group"], *(c["group"] for c in cls.get("cross", ()))]
    unknown = sorted(set(named) - set(knowledge.groups))
    if unknown:
        raise KnowledgeError(f"rules name undefined drug groups: {', '.join(unknown)}")
    conditions = set(knowledge.diagnosis["conditions"])
    named_conditions = {r["condition"] for r in knowledge.diagnosis["rules"]}
    named_conditions |= {c for r in knowledge.interactions
                         for c in (r.get("critical_when") or {}).get("conditions", ())}  # fmt: skip
    missing = sorted(named_conditions - conditions)
    if missing:
        raise KnowledgeError(f"drug-diagnosis rules name undefined conditions: {missing}")


@lru_cache(maxsize=1)
def default_knowledge() -> Knowledge:
    """The shipped knowledge base, loaded once per process."""
    return load_knowledge()

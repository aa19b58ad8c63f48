"""The formulary measured against the 国家基本药物目录 (2018 edition), chemical and biological part:
each item of the 目录 is covered by a formulary drug (matched by its generic name), or excluded
with a reason — out of scope for ward orders, or pending (a ward drug not yet added)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from workstation.clinical.formulary import Formulary
from workstation.resources import resource

EXCLUSION_KINDS = ("out_of_scope", "pending")
# why a pending item is not in the formulary yet: no label with its dose at hand; a tube,
# dropper or lotion bottle whose size as marketed no label copy found (a tube is ordered and
# dispensed by the tube, a dropper bottle counted in drops: both need the size)
PENDING_KINDS = ("no_label", "container_size")


@dataclass(frozen=True, slots=True)
class Coverage:
    """Items of the 目录 covered (name -> formulary codes), excluded (name -> kind) and missing."""

    covered: Mapping[str, tuple[str, ...]]
    excluded: Mapping[str, str]
    missing: tuple[str, ...]

    def count(self, kind: str) -> int:
        """How many items are excluded as this kind."""
        return sum(1 for value in self.excluded.values() if value == kind)


def pending_kinds(document: Mapping[str, Any]) -> dict[str, int]:
    """How many pending items of the 目录 wait for each reason (`pending_kind`)."""
    counts = dict.fromkeys(PENDING_KINDS, 0)
    for entry in document["not_in_formulary"]:
        if entry["kind"] == "pending":
            counts[entry["pending_kind"]] += 1
    return counts


def essential_medicines_document() -> dict[str, Any]:
    """The shipped transcription of the 目录's chemical and biological medicines."""
    text = resource("formulary", "essential_medicines_2018.json").read_text(encoding="utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


def matching_codes(item: Mapping[str, Any], formulary: Formulary) -> tuple[str, ...]:
    """The formulary drugs an item of the 目录 is: its listed codes, else a drug whose name or
    alias is the item's Chinese or English generic name."""
    if item.get("formulary"):
        return tuple(code for code in item["formulary"] if formulary.by_code(code))
    drugs = formulary.lookup(item["name_zh"]) or formulary.lookup(item["name_en"])
    return tuple(drug.code for drug in drugs)


def coverage(formulary: Formulary, document: Mapping[str, Any]) -> Coverage:
    """Which items the formulary covers, which are excluded, which are neither."""
    exclusions = {entry["name_zh"]: entry["kind"] for entry in document["not_in_formulary"]}
    covered: dict[str, tuple[str, ...]] = {}
    excluded: dict[str, str] = {}
    missing: list[str] = []
    for item in document["items"]:
        name = item["name_zh"]
        codes = matching_codes(item, formulary)
        if codes:
            covered[name] = codes
        elif name in exclusions:
            excluded[name] = exclusions[name]
        else:
            missing.append(name)
    return Coverage(covered, excluded, tuple(missing))

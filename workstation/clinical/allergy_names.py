"""How screens and alerts name a recorded allergen. A substance that is an allergy class's id
(a positive skin test records its class, e.g. "penicillin") is named by the class's name in the
reader's language (resources/knowledge/allergy_classes.json, name_en / name_zh); anything else,
what a clinician typed, is shown as recorded."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from workstation.clinical.knowledge import default_knowledge


@lru_cache(maxsize=1)
def _shipped_classes() -> dict[str, Mapping[str, Any]]:
    return by_id(default_knowledge().allergy["classes"])  # the knowledge already loaded once


def by_id(classes: Iterable[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    """The classes by their id."""
    return {str(c["id"]): c for c in classes}


def allergen_name(
    substance: str, chinese: bool, classes: Mapping[str, Mapping[str, Any]] | None = None
) -> str:
    """The class's name in the reader's language when `substance` is a class id, else as recorded."""
    found = (classes if classes is not None else _shipped_classes()).get(substance.strip().lower())
    if found is None:
        return substance
    return str(found["name_zh" if chinese else "name_en"])

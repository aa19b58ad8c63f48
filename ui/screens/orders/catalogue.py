"""The lab and imaging catalogues and the admission order sets (resources/catalogues, order_sets),
with the look-up the order line uses: code, English or Chinese name, alias or pinyin initials."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from workstation.domain.names import search_initials
from workstation.resources import resource

ORDER_SET_PREFIXES = ("os ", "os:", "套餐 ", "套餐")


def _key(text: str) -> str:
    return " ".join(text.strip().lower().split())


@dataclass(frozen=True)
class CatalogueItem:
    """One orderable test or examination."""

    kind: str  # "lab" | "imaging"
    code: str
    name_en: str
    name_zh: str
    specimen_en: str
    specimen_zh: str
    keys: tuple[str, ...]

    def name(self, language: str) -> str:
        """The name in the user's language, the other in brackets."""
        if language.startswith("zh"):
            return f"{self.name_zh} ({self.name_en})"
        return f"{self.name_en} ({self.name_zh})"

    def specimen(self, language: str) -> str:
        """Specimen or modality in the user's language."""
        return self.specimen_zh if language.startswith("zh") else self.specimen_en


@dataclass(frozen=True)
class OrderSetLine:
    """One line of an order set: a sentence, a catalogue code or a nursing text."""

    kind: str
    sentence: str = ""
    code: str = ""
    text_en: str = ""
    text_zh: str = ""
    urgent: bool = False


@dataclass(frozen=True)
class OrderSet:
    """A named admission order set following a published guideline."""

    set_id: str
    name_en: str
    name_zh: str
    guideline: str
    keys: tuple[str, ...]
    lines: tuple[OrderSetLine, ...]

    def name(self, language: str) -> str:
        """The set's name in the user's language."""
        return self.name_zh if language.startswith("zh") else self.name_en


def _item(kind: str, raw: dict[str, Any]) -> CatalogueItem:
    names = [raw["code"], raw["name_en"], raw["name_zh"], *raw.get("aliases", ())]
    keys = {_key(n) for n in names} | {search_initials(raw["name_zh"])}
    return CatalogueItem(kind, raw["code"], raw["name_en"], raw["name_zh"], raw["specimen_en"],
                         raw["specimen_zh"], tuple(sorted(k for k in keys if k)))  # fmt: skip


def _order_set(raw: dict[str, Any]) -> OrderSet:
    names = [raw["id"], raw["name_en"], raw["name_zh"], *raw.get("aliases", ())]
    lines = tuple(
        OrderSetLine(
            kind=line["kind"],
            sentence=line.get("sentence", ""),
            code=line.get("code", ""),
            text_en=line.get("text_en", ""),
            text_zh=line.get("text_zh", ""),
            urgent=bool(line.get("urgent")),
        )  # fmt: skip
        for line in raw["lines"]
    )
    keys = tuple(sorted({_key(n) for n in names}))
    return OrderSet(raw["id"], raw["name_en"], raw["name_zh"], raw["guideline"], keys, lines)


class Catalogue:
    """Everything orderable besides a drug: tests, examinations and order sets."""

    def __init__(self, items: list[CatalogueItem], order_sets: list[OrderSet]):
        self.items = items
        self.order_sets = order_sets
        self._by_code = {item.code.lower(): item for item in items}

    def by_code(self, code: str) -> CatalogueItem | None:
        """The test or examination with this code."""
        return self._by_code.get(code.lower())

    def find(self, text: str) -> CatalogueItem | None:
        """The item whose code, name, alias or pinyin initials equal the text."""
        key = _key(text)
        return next((item for item in self.items if key in item.keys), None) if key else None

    def starting_with(self, text: str, limit: int = 6) -> list[CatalogueItem]:
        """Items with a key starting with the text (for suggestions while typing)."""
        key = _key(text)
        if not key:
            return []
        exact = [i for i in self.items if key in i.keys]
        rest = [i for i in self.items if i not in exact and any(k.startswith(key) for k in i.keys)]
        return (exact + rest)[:limit]

    def order_sets_matching(self, text: str) -> list[OrderSet]:
        """Order sets whose id, name or alias contains the words typed (`pneumonia`, `肺炎`)."""
        key = _key(text)
        if not key:
            return list(self.order_sets)
        exact = [s for s in self.order_sets if key in s.keys]
        rest = [s for s in self.order_sets
                if s not in exact and any(key in k for k in s.keys)]  # fmt: skip
        return exact + rest


def order_set_query(text: str) -> str | None:
    """The order-set name after `os ` (or 套餐), else None."""
    lowered = text.lstrip().lower()
    for prefix in ORDER_SET_PREFIXES:
        if lowered.startswith(prefix):
            return text.lstrip()[len(prefix) :].strip()
    return None if lowered != "os" else ""


def _read(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def default_catalogue() -> Catalogue:
    """The catalogues and order sets shipped in resources/ (read once)."""
    items: list[CatalogueItem] = []
    for name in ("labs.json", "imaging.json"):
        document = _read(resource("catalogues", name))
        items += [_item(document["kind"], raw) for raw in document["items"]]
    folder = resource("order_sets")
    sets = [_order_set(_read(path)) for path in sorted(folder.glob("*.json"))]
    return Catalogue(items, sets)

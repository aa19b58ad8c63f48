"""A result's or a lab/imaging order's name in the user's language, by its code
(resources/catalogues: analytes.json, the orderable panels of labs.json, imaging.json); a code
not listed keeps the name it came with."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from typing import Any

from workstation.resources import resource


def _chinese(lang: str) -> bool:
    return lang.lower().startswith("zh")


@cache
def _names() -> dict[str, tuple[str, str]]:
    names: dict[str, tuple[str, str]] = {}
    for file in ("imaging.json", "labs.json", "analytes.json"):
        document = json.loads(resource("catalogues", file).read_text(encoding="utf-8"))
        for item in document["items"]:
            names[str(item["code"]).upper()] = (item["name_en"], item["name_zh"])
    return names


def lab_name(result: Mapping[str, Any], lang: str) -> str:
    """The result's test name in the language (by `test_code`), else its recorded `test_name`."""
    pair = _names().get(str(result.get("test_code") or "").upper())
    if pair is None:
        return str(result.get("test_name") or result.get("test_code") or "")
    return pair[1] if _chinese(lang) else pair[0]


def study_name(order: Mapping[str, Any], lang: str) -> str:
    """A lab or imaging order by its catalogue name in the language (by `code`), else its
    description as written."""
    pair = _names().get(str(order.get("code") or "").upper())
    if pair is None or order.get("order_kind") not in ("lab", "imaging"):
        return str(order.get("description") or "")
    return pair[1] if _chinese(lang) else pair[0]

"""What the front sheet's search line means, as plain functions (tested without Qt): a code,
Chinese name, pinyin initials or English words; a trailing space and 1-4 sets the 入院病情; a
leading `+` makes it a 门(急)诊诊断 rather than a discharge diagnosis."""

from __future__ import annotations

import re
from dataclasses import dataclass

_CONDITION = re.compile(r"^(?P<query>.*?)\s+(?P<condition>[1-4])$")


@dataclass(frozen=True)
class Entry:
    """One typed line: what to search, the admission condition, and which list it goes to."""

    query: str
    condition: str | None
    admission: bool


def parse_entry(text: str) -> Entry:
    """Read `+J18.9`, `fywtz 1`, `pneumonia 2` and the like."""
    text = text.strip()
    admission = text.startswith("+")
    text = text.lstrip("+").strip()
    match = _CONDITION.match(text)
    if match:
        return Entry(match["query"].strip(), match["condition"], admission)
    return Entry(text, None, admission)

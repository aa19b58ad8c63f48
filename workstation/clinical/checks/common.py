"""Helpers shared by the individual checks."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from workstation.clinical.checks.model import SEVERITY_RANK, Alert
from workstation.clinical.knowledge import Knowledge

_CJK = re.compile(r"[\u3400-\u9fff]")


def stronger(first: str | None, second: str) -> str:
    """The more severe of two severity names (first may be None)."""
    if first is None or SEVERITY_RANK[second] > SEVERITY_RANK[first]:
        return second
    return first


def most_severe(alerts: Iterable[Alert]) -> Alert | None:
    """The single most severe alert (the first one among equals), or None."""
    best: Alert | None = None
    for alert in alerts:
        if best is None or SEVERITY_RANK[alert.severity] > SEVERITY_RANK[best.severity]:
            best = alert
    return best


def has_cjk(text: str) -> bool:
    """Whether the text contains Chinese characters."""
    return bool(_CJK.search(text))


def mentions(text: str, term: str, *, word_start: bool = False) -> bool:
    """Whether lower-cased text mentions a term: as a substring for Chinese, as a whole word
    otherwise (or, with word_start, as the start of a word: 'seizure' in 'seizures')."""
    term = term.lower().strip()
    if not term:
        return False
    if has_cjk(term):
        return term in text
    return _word_pattern(term, word_start).search(text) is not None


@cache
def _word_pattern(term: str, word_start: bool) -> re.Pattern[str]:
    """Compiled once per term: the allergy check tries every drug name on each keystroke,
    more names than the re module's own cache holds."""
    end = "" if word_start else "(?![a-z0-9])"
    return re.compile(rf"(?<![a-z0-9]){re.escape(term)}{end}")


def names(kb: Knowledge, code: str) -> tuple[str, str]:
    """English and Chinese display names of a drug."""
    return kb.drug_name(code, "en"), kb.drug_name(code, "zh")


def rule_alert(
    kb: Knowledge, category: str, rule: Mapping[str, Any], *, prefix: str = "", prefix_zh: str = ""
) -> Alert:
    """An alert from a knowledge rule with message, message_zh, severity, id and source."""
    return Alert(
        category=category,
        severity=rule["severity"],
        message=f"{prefix}{rule['message']}",
        message_zh=f"{prefix_zh}{rule['message_zh']}",
        rule_id=rule["id"],
        source=kb.cite(rule["source"]),
    )

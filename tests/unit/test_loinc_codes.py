"""Every vital sign and every coded lab catalogue entry carries a well-formed LOINC code."""

from __future__ import annotations

import json
import re

from workstation.domain.loinc import VITAL_SIGNS
from workstation.events.vocabulary import VITAL_FIELDS
from workstation.resources import resource

LOINC = re.compile(r"\d{1,7}-\d")


def _check_digit_ok(code: str) -> bool:
    """LOINC's mod-10 check digit (the Luhn algorithm over the part before the dash)."""
    digits, check = code.split("-")
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 == 0 else 1)
        total += value // 10 + value % 10
    return (10 - total % 10) % 10 == int(check)


def test_every_vital_sign_has_a_loinc_code() -> None:
    assert set(VITAL_SIGNS) == set(VITAL_FIELDS)
    codes = [c for v in VITAL_SIGNS.values() for c in (v.code, *v.also)]
    assert all(LOINC.fullmatch(c) and _check_digit_ok(c) for c in codes), codes


def test_the_lab_catalogue_codes_are_well_formed() -> None:
    items = json.loads(resource("catalogues", "labs.json").read_text(encoding="utf-8"))["items"]
    assert all("loinc" in item for item in items)
    coded = [item["loinc"] for item in items if item["loinc"]]
    assert len(coded) >= 20
    assert all(LOINC.fullmatch(c) and _check_digit_ok(c) for c in coded), coded

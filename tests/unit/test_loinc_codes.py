"""Every vital sign and every lab of the catalogue carries well-formed LOINC codes (the check
digit holds), a panel without a single LOINC order code the codes of its parts."""

from __future__ import annotations

import json
import re

from workstation.domain.loinc import VITAL_SIGNS, lab_catalogue_loinc
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


def test_every_lab_of_the_catalogue_is_coded_and_the_codes_are_well_formed() -> None:
    items = json.loads(resource("catalogues", "labs.json").read_text(encoding="utf-8"))["items"]
    assert all("loinc" in item for item in items)
    uncoded = [i["code"] for i in items if not i["loinc"] and not i.get("loinc_parts")]
    assert uncoded == []  # a panel without one LOINC order code names its parts
    assert all(not (i["loinc"] and i.get("loinc_parts")) for i in items)
    coded = [c for i in items for c in ([i["loinc"]] if i["loinc"] else i["loinc_parts"])]
    assert len(coded) == len(set(coded)) >= len(items)
    assert all(LOINC.fullmatch(c) and _check_digit_ok(c) for c in coded), coded
    assert lab_catalogue_loinc()["MG"] == "2601-3" and "COAG" not in lab_catalogue_loinc()

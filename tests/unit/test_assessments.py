"""Morse Fall Scale and Braden Scale: items, totals, risk cut-offs at their edges, and the
AssessmentRecorded rule that recomputes them."""

from __future__ import annotations

import itertools

import pytest

from workstation.clinical.assessments import (
    BRADEN_ITEMS,
    MORSE_ITEMS,
    SCALES,
    AssessmentError,
    braden_risk,
    morse_risk,
    risk_bands,
    score,
)
from workstation.events import Event, event_problems

MORSE_HIGH = {"history_of_falling": 25, "secondary_diagnosis": 15, "ambulatory_aid": 15,
              "iv_or_heparin_lock": 20, "gait": 10, "mental_status": 0}  # fmt: skip
BRADEN = {"sensory_perception": 3, "moisture": 2, "activity": 2, "mobility": 2, "nutrition": 3,
          "friction_shear": 2}  # fmt: skip


def test_scales_have_their_published_items_and_ranges():
    assert [i.code for i in MORSE_ITEMS] == list(MORSE_HIGH)
    assert sum(max(i.scores()) for i in MORSE_ITEMS) == 125
    assert [i.code for i in BRADEN_ITEMS] == list(BRADEN)
    assert sum(min(i.scores()) for i in BRADEN_ITEMS) == 6
    assert sum(max(i.scores()) for i in BRADEN_ITEMS) == 23


@pytest.mark.parametrize(("total", "risk"), [
    (0, "low"), (24, "low"), (25, "moderate"), (44, "moderate"), (45, "high"), (125, "high"),
])  # fmt: skip
def test_morse_cut_offs(total, risk):
    assert morse_risk(total) == risk


@pytest.mark.parametrize(("total", "risk"), [
    (6, "very_high"), (9, "very_high"), (10, "high"), (12, "high"), (13, "moderate"),
    (14, "moderate"), (15, "mild"), (18, "mild"), (19, "none"), (23, "none"),
])  # fmt: skip
def test_braden_cut_offs(total, risk):
    assert braden_risk(total) == risk


def test_totals_and_risk_from_items():
    morse = score("morse", MORSE_HIGH)
    assert (morse.total, morse.risk) == (85, "high")
    braden = score("braden", BRADEN)
    assert (braden.total, braden.risk) == (14, "moderate")


@pytest.mark.parametrize(("items", "message"), [
    ({**BRADEN, "moisture": 5}, "items.moisture must be one of 1, 2, 3, 4"),
    ({**BRADEN, "friction_shear": 4}, "items.friction_shear must be one of 1, 2, 3"),
    ({k: v for k, v in BRADEN.items() if k != "nutrition"}, "items.nutrition is required"),
    ({**BRADEN, "colour": 1}, "unknown item(s): colour"),
    ({**BRADEN, "mobility": True}, "items.mobility must be one of"),
])  # fmt: skip
def test_bad_answer_sheets_are_named(items, message):
    with pytest.raises(AssessmentError, match=message.replace("(", r"\(").replace(")", r"\)")):
        score("braden", items)


def recorded(payload: dict) -> list[str]:
    """Problems of an AssessmentRecorded event with this payload."""
    event = Event("0190b8e2-7c3a-7d1e-9f00-000000000001", "AssessmentRecorded",
                  "0190b8e2-7c3a-7d1e-9f00-000000000002", "n1", "dev", 1,
                  "2024-03-01T08:00:00.000Z",
                  {"assessed_at": "2024-03-01T08:00:00.000Z", **payload})  # fmt: skip
    return event_problems(event)


def test_event_total_and_risk_must_match_the_items():
    assert recorded({"kind": "morse", "items": MORSE_HIGH, "total": 85, "risk": "high"}) == []
    assert recorded({"kind": "morse", "items": MORSE_HIGH, "total": 80, "risk": "high"}) == [
        "total must be 85 for these items"]  # fmt: skip
    assert recorded({"kind": "morse", "items": MORSE_HIGH, "total": 85, "risk": "low"}) == [
        "risk must be high for a total of 85"]  # fmt: skip
    assert "total is required for a scored scale" in recorded({"kind": "braden", "items": BRADEN})


def test_admission_nursing_assessment_takes_text_answers_and_no_score():
    ok = {"kind": "admission_nursing", "items": {"mobility": "walks with a frame", "diet": "soft"}}
    assert recorded(ok) == []
    assert recorded({**ok, "total": 3}) == ["total is only for scored scales"]
    assert recorded({"kind": "admission_nursing", "items": {"mood": "ok"}}) == [
        "unknown item(s): mood"]  # fmt: skip
    assert recorded({"kind": "admission_nursing", "items": {}}) == ["at least one item is required"]


@pytest.mark.parametrize("kind", ["morse", "braden"])
def test_the_bands_a_form_shows_cover_every_total_with_the_level_the_score_gives(kind: str) -> None:
    bands = risk_bands(kind)
    assert bands[0][0] == sum(min(i.scores()) for i in SCALES[kind])  # from the lowest total
    assert all(a[1] + 1 == b[0] for a, b in itertools.pairwise(bands))  # no gap, no overlap
    for low, high, level in bands:
        for total in (low, high):
            assert (morse_risk(total) if kind == "morse" else braden_risk(total)) == level


def test_the_bands_are_the_named_sources_cut_offs() -> None:
    assert risk_bands("morse") == ((0, 24, "low"), (25, 44, "moderate"), (45, 125, "high"))
    assert risk_bands("braden") == ((6, 9, "very_high"), (10, 12, "high"), (13, 14, "moderate"),
                                    (15, 18, "mild"), (19, 23, "none"))  # fmt: skip

"""The admission nursing assessment's answers: the listed ones are codes of the form's lists,
pain is the 0-10 numeric rating scale, everything else free text."""

from __future__ import annotations

from workstation.clinical.assessments import (
    ADMISSION_CHOICES,
    ADMISSION_NURSING_ITEMS,
    PAIN_SCORES,
    admission_problems,
)


def test_every_listed_item_is_an_admission_item_and_pain_runs_0_to_10():
    assert set(ADMISSION_CHOICES) < set(ADMISSION_NURSING_ITEMS)
    assert PAIN_SCORES[0] == "0" and PAIN_SCORES[-1] == "10" and len(PAIN_SCORES) == 11


def test_pain_outside_the_scale_is_refused():
    assert admission_problems({"pain": "6", "arrived_by": "wheelchair"}) == []
    assert admission_problems({"pain": "11"}) == ["items.pain must be a whole number from 0 to 10"]
    assert admission_problems({"pain": "6.5"}) == ["items.pain must be a whole number from 0 to 10"]
    assert admission_problems({"pain": 6}) == ["items.pain must be text"]

"""Nursing assessments: the Morse Fall Scale and the Braden Scale with their risk levels, and the
answers of the admission nursing assessment (no score).

Morse Fall Scale: six items and their values as published by Morse JM, Morse RM, Tylko SJ,
"Development of a scale to identify the fall-prone patient", Can J Aging 1989;8(4):366-377
(total 0-125). Risk levels 0-24 low, 25-44 moderate, >= 45 high, the cut-offs used with the
scale in the same work; Morse advises each hospital to set its own cut points, so they are a
parameter (`MORSE_CUTOFFS`).

Braden Scale: six subscales, Bergstrom N, Braden BJ, Laguzza A, Holman V, "The Braden Scale for
predicting pressure sore risk", Nurs Res 1987;36(4):205-210 (total 6-23, lower is worse). Risk
levels <= 9 very high, 10-12 high, 13-14 moderate, 15-18 mild (at risk), 19-23 none: Ayello EA,
Braden B, "How and why to do pressure ulcer risk assessment", Adv Skin Wound Care
2002;15(3):125-131.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class ScaleItem:
    """One item of a scale: its code, English and Chinese titles and its allowed (score, answer)s."""

    code: str
    title_en: str
    title_zh: str
    choices: tuple[tuple[int, str], ...]

    def scores(self) -> tuple[int, ...]:
        """The scores this item may take."""
        return tuple(score for score, _ in self.choices)


@dataclass(frozen=True, slots=True)
class ScaleResult:
    """A scored assessment: total and risk level (code and words)."""

    kind: str
    total: int
    risk: str


MORSE_ITEMS: tuple[ScaleItem, ...] = (
    ScaleItem("history_of_falling", "History of falling", "跌倒史",
              ((0, "No"), (25, "Yes"))),
    ScaleItem("secondary_diagnosis", "Secondary diagnosis", "超过一个医学诊断",
              ((0, "No"), (15, "Yes"))),
    ScaleItem("ambulatory_aid", "Ambulatory aid", "行走辅助",
              ((0, "None / bed rest / nurse assist"), (15, "Crutches / cane / walker"),
               (30, "Furniture"))),
    ScaleItem("iv_or_heparin_lock", "IV therapy / heparin lock", "静脉输液/留置针",
              ((0, "No"), (20, "Yes"))),
    ScaleItem("gait", "Gait", "步态",
              ((0, "Normal / bed rest / wheelchair"), (10, "Weak"), (20, "Impaired"))),
    ScaleItem("mental_status", "Mental status", "精神状态",
              ((0, "Oriented to own ability"), (15, "Overestimates or forgets limitations"))),
)  # fmt: skip

BRADEN_ITEMS: tuple[ScaleItem, ...] = (
    ScaleItem("sensory_perception", "Sensory perception", "感知能力",
              ((1, "Completely limited"), (2, "Very limited"), (3, "Slightly limited"),
               (4, "No impairment"))),
    ScaleItem("moisture", "Moisture", "潮湿程度",
              ((1, "Constantly moist"), (2, "Very moist"), (3, "Occasionally moist"),
               (4, "Rarely moist"))),
    ScaleItem("activity", "Activity", "活动能力",
              ((1, "Bedfast"), (2, "Chairfast"), (3, "Walks occasionally"),
               (4, "Walks frequently"))),
    ScaleItem("mobility", "Mobility", "移动能力",
              ((1, "Completely immobile"), (2, "Very limited"), (3, "Slightly limited"),
               (4, "No limitation"))),
    ScaleItem("nutrition", "Nutrition", "营养摄取",
              ((1, "Very poor"), (2, "Probably inadequate"), (3, "Adequate"), (4, "Excellent"))),
    ScaleItem("friction_shear", "Friction and shear", "摩擦力和剪切力",
              ((1, "Problem"), (2, "Potential problem"), (3, "No apparent problem"))),
)  # fmt: skip

# (lowest total of the level, level): Morse JM et al. 1989 (see module docstring).
MORSE_CUTOFFS: tuple[tuple[int, str], ...] = ((45, "high"), (25, "moderate"), (0, "low"))
# (highest total of the level, level): Ayello & Braden 2002 (see module docstring).
BRADEN_CUTOFFS: tuple[tuple[int, str], ...] = (
    (9, "very_high"), (12, "high"), (14, "moderate"), (18, "mild"), (23, "none"),
)  # fmt: skip

SCALES: dict[str, tuple[ScaleItem, ...]] = {"morse": MORSE_ITEMS, "braden": BRADEN_ITEMS}
# Where each scale's levels come from, as a form names them beside the bands.
BAND_SOURCES: dict[str, str] = {
    "morse": "Morse et al. 1989",
    "braden": "Bergstrom et al. 1987; Ayello & Braden 2002",
}


def risk_bands(kind: str) -> tuple[tuple[int, int, str], ...]:
    """The scale's risk levels as (lowest total, highest total, level), in total order, from the
    same cut-offs the score uses (so a form's legend cannot disagree with its result)."""
    items = SCALES[kind]
    low = sum(min(item.scores()) for item in items)
    high = sum(max(item.scores()) for item in items)
    if kind == "morse":
        starts = sorted(lowest for lowest, _ in MORSE_CUTOFFS)
        ends = [*(start - 1 for start in starts[1:]), high]
        return tuple(
            (start, end, morse_risk(start)) for start, end in zip(starts, ends, strict=True)
        )
    ends = [highest for highest, _ in BRADEN_CUTOFFS]
    starts = [low, *(end + 1 for end in ends[:-1])]
    return tuple((start, end, braden_risk(end)) for start, end in zip(starts, ends, strict=True))


class AssessmentError(ValueError):
    """Item scores that do not fit the scale; the message names every problem."""


def item_problems(kind: str, items: Mapping[str, Any]) -> list[str]:
    """Every reason these item scores are not a complete, valid answer sheet of the scale."""
    scale = SCALES.get(kind)
    if scale is None:
        return [f"{kind} is not a scored scale"]
    problems = []
    for item in scale:
        value = items.get(item.code)
        if value is None:
            problems.append(f"items.{item.code} is required")
        elif isinstance(value, bool) or value not in item.scores():
            allowed = ", ".join(str(s) for s in item.scores())
            problems.append(f"items.{item.code} must be one of {allowed}")
    unknown = sorted(set(items) - {item.code for item in scale})
    if unknown:
        problems.append(f"unknown item(s): {', '.join(unknown)}")
    return problems


def morse_risk(total: int, cutoffs: tuple[tuple[int, str], ...] = MORSE_CUTOFFS) -> str:
    """Morse fall-risk level of a total: low, moderate or high."""
    return next(level for lowest, level in cutoffs if total >= lowest)


def braden_risk(total: int) -> str:
    """Braden pressure-injury risk level of a total: very_high, high, moderate, mild or none."""
    return next(level for highest, level in BRADEN_CUTOFFS if total <= highest)


def score(kind: str, items: Mapping[str, Any]) -> ScaleResult:
    """Total and risk level of a Morse or Braden answer sheet; AssessmentError if incomplete."""
    problems = item_problems(kind, items)
    if problems:
        raise AssessmentError("; ".join(problems))
    total = sum(int(items[item.code]) for item in SCALES[kind])
    risk = morse_risk(total) if kind == "morse" else braden_risk(total)
    return ScaleResult(kind, total, risk)


def recorded_problems(payload: Mapping[str, Any]) -> list[str]:
    """Problems of an AssessmentRecorded payload: a scored scale's total and risk must match
    its items (both sides recompute them, so a screen cannot save a wrong sum)."""
    kind, items = payload.get("kind"), payload.get("items")
    if kind not in SCALES or not isinstance(items, Mapping):
        return []
    problems = item_problems(str(kind), items)
    if problems:
        return problems
    result = score(str(kind), items)
    if payload.get("total") != result.total:
        problems.append(f"total must be {result.total} for these items")
    if payload.get("risk") != result.risk:
        problems.append(f"risk must be {result.risk} for a total of {result.total}")
    return problems


# The admission nursing assessment: free answers, no score. Codes the form and handoff share.
ADMISSION_NURSING_ITEMS: tuple[str, ...] = (
    "arrived_by", "orientation", "communication", "mobility", "diet", "continence", "skin",
    "pain", "lines_and_devices", "belongings", "social", "education_needs",
)  # fmt: skip

# The answers the admission form offers as a list, as codes (the form shows them translated).
# Descriptive categories, not scores; the core still takes any text, so an answer written
# elsewhere in words is kept as written.
ADMISSION_CHOICES: dict[str, tuple[str, ...]] = {
    "arrived_by": ("walking", "wheelchair", "stretcher"),
    "orientation": ("oriented", "confused", "drowsy", "unresponsive"),
    "communication": ("normal", "hard_of_hearing", "poor_vision", "speech_difficulty",
                      "needs_interpreter"),
    "mobility": ("independent", "walking_aid", "needs_help", "bedbound"),
    "diet": ("normal", "diabetic", "low_salt", "soft", "liquid", "tube_feeding", "nil_by_mouth"),
    "continence": ("continent", "urinary_incontinence", "faecal_incontinence",
                   "double_incontinence", "urinary_catheter"),
    "skin": ("intact", "dry_or_fragile", "wound", "pressure_injury"),
}  # fmt: skip
# Pain as the 0-10 numeric rating scale (0 no pain, 10 worst pain imaginable): Hawker GA, Mian S,
# Kendzerska T, French M, "Measures of adult pain", Arthritis Care Res 2011;63(S11):S240-S252.
PAIN_SCORES: tuple[str, ...] = tuple(str(n) for n in range(11))


def admission_problems(items: Mapping[str, Any]) -> list[str]:
    """Problems of an admission nursing assessment: known item codes with text answers only."""
    problems = [f"items.{code} must be text" for code, value in items.items()
                if code in ADMISSION_NURSING_ITEMS and not isinstance(value, str)]  # fmt: skip
    unknown = sorted(set(items) - set(ADMISSION_NURSING_ITEMS))
    if unknown:
        problems.append(f"unknown item(s): {', '.join(unknown)}")
    if isinstance(items.get("pain"), str) and items["pain"] not in PAIN_SCORES:
        problems.append("items.pain must be a whole number from 0 to 10")
    if not items:
        problems.append("at least one item is required")
    return problems

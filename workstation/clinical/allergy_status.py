"""The allergy status, in one vocabulary everywhere (banner, pharmacy queue, handoff, MAR,
printouts): allergies recorded; "no known allergies" recorded by a person, with who and when;
or "not yet documented" — which is not the same as none, and holds back a first dose of a new
medication (BCMA) and its verification (pharmacy) unless the person overrides with a reason."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

RECORDED, NONE_KNOWN, UNDOCUMENTED = "recorded", "none_known", "undocumented"

# the one pair of words (Chinese, English)
WORDS = {
    NONE_KNOWN: ("无已知过敏", "No known allergies"),
    UNDOCUMENTED: ("过敏史未记录", "Allergies not yet documented"),
}
BLOCK_WORDS = (
    "过敏史未记录：新药首剂须先记录过敏史，或填写理由后继续",
    "Allergies not yet documented: record them before the first dose of a new medication, "
    "or give a reason to go on",
)


@dataclass(frozen=True, slots=True)
class AllergyStatus:
    """What is known of a patient's allergies; `by` and `at` for "no known allergies"."""

    kind: str
    by: str | None = None
    at: str | None = None

    @property
    def documented(self) -> bool:
        """Allergies recorded, or none known by someone's word."""
        return self.kind != UNDOCUMENTED

    def words(self, lang: str) -> str:
        """The pair of words in a language ('' when allergies are recorded: they are listed)."""
        pair = WORDS.get(self.kind)
        return "" if pair is None else pair[0] if lang.startswith("zh") else pair[1]

    def text(self, lang: str, *, when: Callable[[str], str] = str,
             name: Callable[[str], str] = str) -> str:  # fmt: skip
        """The words with who and when for "no known allergies" (`无已知过敏（张护士 2026-03-01）`)."""
        words = self.words(lang)
        if self.kind != NONE_KNOWN or not self.by:
            return words
        who = f"{name(self.by)} {when(self.at) if self.at else ''}".strip()
        return f"{words}（{who}）" if lang.startswith("zh") else f"{words} ({who})"


def _live(rows: Iterable[Mapping[str, Any]] | None) -> list[Mapping[str, Any]]:
    return [r for r in rows or () if not r.get("voided")]


def allergy_status(chart: Mapping[str, Any]) -> AllergyStatus:
    """The status from a chart's `allergies` and `allergy_reviews` (live rows only)."""
    if _live(chart.get("allergies")):
        return AllergyStatus(RECORDED)
    reviews = sorted(_live(chart.get("allergy_reviews")), key=lambda r: str(r["recorded_at"]))
    if reviews:
        return AllergyStatus(NONE_KNOWN, str(reviews[-1]["recorded_by"]),
                             str(reviews[-1]["recorded_at"]))  # fmt: skip
    return AllergyStatus(UNDOCUMENTED)


def first_dose_held(status: AllergyStatus, given_before: int, override_reason: str = "") -> bool:
    """Whether a first dose (no dose of the order given before) must wait for the allergy status:
    while it is "not yet documented", unless a reason is given."""
    return not status.documented and given_before == 0 and not override_reason.strip()


def verification_held(status: AllergyStatus, override_reason: str = "") -> bool:
    """Whether the pharmacist's verification must wait: "not yet documented" and no reason."""
    return not status.documented and not override_reason.strip()


def override_payload(order_id: str, step: str, reason: str) -> dict[str, Any]:
    """The AllergyCheckOverridden payload (a reason is required)."""
    if not reason.strip():
        raise ValueError("an override of the allergy status needs a reason")
    return {"order_id": order_id, "step": step, "reason": reason.strip()}

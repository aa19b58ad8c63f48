"""Anonymous feedback: what an item may carry and what it must not.

An item carries a category, the text, a day and perhaps a ward. Never the sender, the device or
a time finer than the day; its id is random (UUID version 4, not the time-ordered ids of events);
and its ward is dropped where fewer than `MIN_WARD_USERS` people could have sent it, since a ward
of three is almost a name."""

from __future__ import annotations

import random
import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

CATEGORIES = ("hard_to_use", "slow", "error", "missing", "safety", "other")
MAX_TEXT = 2000
MIN_WARD_USERS = 5
MAX_AGE_DAYS = 60  # a station offline longer than this has its queue refused, not backdated
SEND_DELAY_S = (120, 3600)  # queued items leave the station at a random later moment
WARD = re.compile(r"^[A-Za-z0-9_\-]{1,32}$")
TAG = re.compile(r"^[\w\- ]{1,24}$")
MAX_TAGS = 8


class InvalidFeedback(ValueError):
    """A feedback item (or an answer) outside its bounds."""


@dataclass(frozen=True, slots=True)
class FeedbackItem:
    """One item as it is stored: nothing in it names or dates its sender finer than the day."""

    feedback_id: str
    day: str
    category: str
    text: str
    ward_id: str | None


def new_feedback_id() -> str:
    """A random id: UUID version 4, so ids do not sort in the order items were written."""
    return str(uuid.uuid4())


def feedback_day(moment: datetime) -> str:
    """The day of a moment (its local date); the time of day is dropped."""
    return moment.date().isoformat()


def send_after(now: datetime, rng: random.Random) -> datetime:
    """When a queued item may leave the station: a random moment later, so the request's time
    says nothing of when (or by whom, on a shared PC) it was written."""
    return now + timedelta(seconds=rng.randint(*SEND_DELAY_S))


def shown_ward(ward_id: str | None, users_of_ward: int) -> str | None:
    """The ward to store: None when fewer than MIN_WARD_USERS users could have sent the item."""
    if ward_id is None or users_of_ward < MIN_WARD_USERS:
        return None
    return ward_id


def validate_feedback(data: object, today: date) -> FeedbackItem:
    """The item in a request body, checked; InvalidFeedback naming the first bad field. Any
    other field (a user, a device, a time) is refused rather than ignored."""
    if not isinstance(data, dict):
        raise InvalidFeedback("feedback is a JSON object")
    unknown = set(data) - set(FeedbackItem.__slots__)
    if unknown:
        raise InvalidFeedback(f"unknown fields: {', '.join(sorted(unknown))[:100]}")
    try:
        parsed = uuid.UUID(str(data.get("feedback_id")))
    except ValueError:
        raise InvalidFeedback("feedback_id must be a random UUID") from None
    if parsed.version != 4 or str(parsed) != data.get("feedback_id"):
        raise InvalidFeedback("feedback_id must be a random UUID (version 4)")
    if data.get("category") not in CATEGORIES:
        raise InvalidFeedback("category is not one of the feedback categories")
    text = data.get("text")
    if not isinstance(text, str) or not 0 < len(text.strip()) <= MAX_TEXT:
        raise InvalidFeedback(f"text must be 1 to {MAX_TEXT} characters")
    ward = data.get("ward_id")
    if ward is not None and (not isinstance(ward, str) or not WARD.match(ward)):
        raise InvalidFeedback("ward_id is not a ward id")
    return FeedbackItem(str(parsed), _day(data.get("day"), today), str(data["category"]),
                        text.strip(), ward)  # fmt: skip


def _day(value: object, today: date) -> str:
    try:
        day = date.fromisoformat(str(value))
    except ValueError:
        raise InvalidFeedback("day must be a date (YYYY-MM-DD)") from None
    if len(str(value)) != 10 or not today - timedelta(
        days=MAX_AGE_DAYS
    ) <= day <= today + timedelta(days=1):
        raise InvalidFeedback(f"day must be within the last {MAX_AGE_DAYS} days")
    return day.isoformat()


def validate_answer(data: object) -> tuple[list[str], str | None]:
    """Tags and answer of the quality office, checked."""
    if not isinstance(data, dict):
        raise InvalidFeedback("an answer is a JSON object")
    tags = data.get("tags", [])
    if not isinstance(tags, list) or len(tags) > MAX_TAGS:
        raise InvalidFeedback(f"tags is a list of at most {MAX_TAGS}")
    clean = []
    for tag in tags:
        if not isinstance(tag, str) or not TAG.match(tag.strip()):
            raise InvalidFeedback("a tag is a word of at most 24 characters")
        clean.append(tag.strip())
    answer = data.get("answer")
    if answer is not None and (not isinstance(answer, str) or len(answer) > MAX_TEXT):
        raise InvalidFeedback(f"the answer is at most {MAX_TEXT} characters")
    return sorted(set(clean)), (answer.strip() or None) if isinstance(answer, str) else None

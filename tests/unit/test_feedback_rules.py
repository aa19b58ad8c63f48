"""Anonymous feedback: the day without the time, the ward only where five could have sent it,
random ids, and nothing that names a sender accepted."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from workstation.telemetry.feedback import (
    MIN_WARD_USERS,
    SEND_DELAY_S,
    InvalidFeedback,
    feedback_day,
    new_feedback_id,
    send_after,
    shown_ward,
    validate_answer,
    validate_feedback,
)

TODAY = date(2026, 12, 7)


def _item(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {"feedback_id": new_feedback_id(), "day": "2026-12-07",
                               "category": "slow", "text": "  The MAR opens slowly  ", "ward_id": "CARD"}  # fmt: skip
    return data | changes


@pytest.mark.parametrize(
    ("users", "shown"), [(0, None), (1, None), (4, None), (5, "CARD"), (40, "CARD")]
)
def test_the_ward_is_hidden_where_fewer_than_five_could_have_sent_it(
    users: int, shown: str | None
) -> None:
    assert MIN_WARD_USERS == 5
    assert shown_ward("CARD", users) == shown
    assert shown_ward(None, 40) is None


def test_the_day_drops_the_time_and_keeps_the_local_date() -> None:
    late = datetime(2026, 12, 7, 23, 59, 59, tzinfo=timezone(timedelta(hours=8)))
    assert feedback_day(late) == "2026-12-07"  # in UTC it is still the 7th, 15:59 — no hour kept
    assert (
        feedback_day(datetime(2026, 12, 8, 0, 0, 1, tzinfo=timezone(timedelta(hours=8))))
        == "2026-12-08"
    )


def test_a_day_with_a_time_or_far_from_today_is_refused() -> None:
    for day in ("2026-12-07T10:31:00", "2026-12-07 10:31", "2026-01-01", "2026-12-09", "7/12/2026"):
        with pytest.raises(InvalidFeedback):
            validate_feedback(_item(day=day), TODAY)


def test_ids_are_random_not_time_ordered() -> None:
    validate_feedback(_item(), TODAY)
    time_ordered = "01890a5d-ac96-774b-bcce-b302099a8057"  # a UUIDv7, as events use
    for bad in (time_ordered, str(uuid.uuid1()), "1", str(uuid.uuid4()).upper()):
        with pytest.raises(InvalidFeedback):
            validate_feedback(_item(feedback_id=bad), TODAY)


@pytest.mark.parametrize(
    "extra", [{"user_id": "nurse.wang"}, {"device_id": "ws-1"}, {"at": "2026-12-07T10:31:00Z"}]
)
def test_a_field_that_could_name_or_time_the_sender_is_refused(extra: dict[str, str]) -> None:
    with pytest.raises(InvalidFeedback):
        validate_feedback(_item(**extra), TODAY)


def test_bounds_of_category_text_and_ward() -> None:
    item = validate_feedback(_item(), TODAY)
    assert item.text == "The MAR opens slowly" and item.day == "2026-12-07"
    for changes in (
        {"category": "gossip"},
        {"text": " "},
        {"text": "x" * 2001},
        {"ward_id": "CARD; DROP"},
    ):
        with pytest.raises(InvalidFeedback):
            validate_feedback(_item(**changes), TODAY)


def test_a_queued_item_leaves_at_a_random_later_moment() -> None:
    now, rng = datetime(2026, 12, 7, 2, 0, tzinfo=UTC), random.Random(7)
    moments = {send_after(now, rng) for _ in range(20)}
    low, high = (timedelta(seconds=s) for s in SEND_DELAY_S)
    assert all(now + low <= m <= now + high for m in moments) and len(moments) > 15


def test_answers_keep_tags_as_words() -> None:
    assert validate_answer({"tags": ["mar", "mar", "slow "], "answer": " fixed in 0.2 "}) == (
        ["mar", "slow"],
        "fixed in 0.2",
    )
    with pytest.raises(InvalidFeedback):
        validate_answer({"tags": ["a,b"]})

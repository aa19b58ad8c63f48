"""Anonymous feedback on the station: the box's items wait in `feedback_outbox` (no user, no
time but the day, a random key, no insertion order) and leave at a random later moment with
whichever sync runs then, so neither the request's time nor the token it travels under says who
wrote it. The board and the quality office's answers need the server."""

from __future__ import annotations

import random
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select

from offline_cache.link import Offline, Refused, ServerLink
from offline_cache.store import LocalStore
from offline_cache.tables import feedback_outbox
from workstation.clock import iso, parse_iso, utc_now
from workstation.telemetry.feedback import (
    feedback_day,
    new_feedback_id,
    send_after,
    validate_feedback,
)


class FeedbackQueue:
    """Items written on this station and not yet on the server."""

    def __init__(self, store: LocalStore, rng: random.Random | None = None) -> None:
        self.store, self.rng = store, rng or random.SystemRandom()

    def queue(
        self, category: str, text: str, *, ward_id: str | None, now: datetime | None = None
    ) -> str:
        """Keep an item to send later; InvalidFeedback when it is not one. Returns its id."""
        now = now or datetime.now().astimezone()
        item = validate_feedback({"feedback_id": new_feedback_id(), "day": feedback_day(now),
                                  "category": category, "text": text, "ward_id": ward_id}, now.date())  # fmt: skip
        with self.store.writing() as conn:
            conn.execute(insert(feedback_outbox).values(
                feedback_id=item.feedback_id, day=item.day, category=item.category, text=item.text,
                ward_id=item.ward_id, send_after=iso(send_after(utc_now(), self.rng))))  # fmt: skip
        return item.feedback_id

    def waiting(self) -> int:
        """How many items wait on this station."""
        with self.store.reading() as conn:
            return int(conn.execute(select(func.count()).select_from(feedback_outbox)).scalar_one())

    def send_due(self, link: ServerLink, now: datetime | None = None) -> int:
        """Send the items whose moment has come, in random order, one request each (the body
        holds the item only); returns how many the server has now."""
        now = now or utc_now()
        with self.store.reading() as conn:
            rows = [
                r
                for r in conn.execute(select(feedback_outbox)).all()
                if parse_iso(r.send_after) <= now
            ]
        self.rng.shuffle(rows)
        sent = 0
        for row in rows:
            body = {"feedback_id": row.feedback_id, "day": row.day, "category": row.category,
                    "text": row.text, "ward_id": row.ward_id}  # fmt: skip
            try:
                link.request("POST", "/feedback", body=body)
            except Refused as exc:
                if exc.status != 400:  # a malformed item never mends; anything else is retried
                    continue
            with self.store.writing() as conn:
                conn.execute(
                    delete(feedback_outbox).where(feedback_outbox.c.feedback_id == row.feedback_id)
                )
            sent += 1
        return sent


def _online(link: ServerLink | None, online: bool) -> ServerLink:
    if link is None or not online:
        raise Offline("the feedback board is on the server: it needs a connection")
    return link


def fetch_board(link: ServerLink | None, *, online: bool) -> list[dict[str, Any]]:
    """Every feedback item with its tags and answer (any logged-in user may read them)."""
    return list(_online(link, online).request("GET", "/feedback")["items"])


def answer_feedback(link: ServerLink | None, feedback_id: str, *, tags: list[str], answer: str | None,
                    online: bool) -> dict[str, Any]:  # fmt: skip
    """The quality office tags and answers an item (the server refuses anyone else)."""
    return dict(_online(link, online).request(
        "POST", f"/feedback/{feedback_id}/answer", body={"tags": tags, "answer": answer}))  # fmt: skip

"""A poll that finds nothing new costs one statement; a poll behind the newest event still goes
through the ward scope (the quick answer never widens what a station sees)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine, event

from tests.security.scope_support import api, sign_in
from workstation.server import auth, reads

__all__ = ["api"]  # the fixture, imported for pytest


@contextmanager
def _statements(engine: Engine) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not statement.startswith("BEGIN"):  # SQLite's explicit BEGIN (storage.py); a no-op read
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_a_poll_at_the_newest_event_is_one_statement(
    api: TestClient, server_engine: Engine
) -> None:
    nurse = sign_in(api, "nurse.resp", "pc-resp")
    caught_up = api.get(
        "/sync/pull", params={"after": 0, "limit": 5000}, headers=nurse.headers
    ).json()
    user, device = auth.authenticate(server_engine, nurse.token)
    with _statements(server_engine) as seen:
        page = reads.pull(
            server_engine, user=user, device_id=device, after=caught_up["next_after"], limit=1000
        )
    assert len(seen) == 1, seen
    assert page["events"] == [] and page["epoch"] == caught_up["epoch"]
    assert page["next_after"] == caught_up["next_after"] == page["watermark"]


def test_a_poll_behind_only_another_wards_events_returns_none_of_them(api: TestClient) -> None:
    card = sign_in(api, "nurse.card", "pc-card")
    cursor = api.get("/sync/pull", params={"after": 0, "limit": 5000}, headers=card.headers).json()
    doctor = sign_in(api, "doc.resp", "pc-resp")
    assert doctor.register("RESP").status_code == 200
    doctor.admit("RESP", "R-0002")
    page = api.get(
        "/sync/pull", params={"after": cursor["next_after"]}, headers=card.headers
    ).json()
    assert page["events"] == []
    assert (
        page["next_after"] == page["watermark"] > cursor["next_after"]
    )  # moves past, sees nothing


def test_a_poll_behind_the_newest_event_is_two_statements_and_its_audit_row(
    api: TestClient, server_engine: Engine
) -> None:
    nurse = sign_in(api, "nurse.resp", "pc-resp")
    assert nurse.register("RESP").status_code == 200
    cursor = api.get("/sync/pull", params={"after": 0, "limit": 5000}, headers=nurse.headers).json()
    doctor = sign_in(api, "doc.resp", "pc-resp-doctor")
    assert doctor.register("RESP").status_code == 200
    patient = doctor.admit("RESP", "R-0003")
    user, device = auth.authenticate(server_engine, nurse.token)
    audited: list[Any] = []
    with _statements(server_engine) as seen:
        page = reads.pull(server_engine, user=user, device_id=device, after=cursor["next_after"],
                          limit=1000, audit_sink=audited.extend)  # fmt: skip
    assert len(seen) == 2, seen
    assert [e["patient_id"] for e in page["events"]] == [patient]
    assert [a.action for a in audited] == ["bulk_pull"]

"""Cached access tokens (workstation.server.auth_cache): a hit reads nothing, and a token revoked
is refused at once when this process revoked it, within SWEEP_S when another process did."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, event

from workstation.security.tokens import token_digest
from workstation.server import auth
from workstation.server.auth import AuthError
from workstation.server.auth_cache import SWEEP_S, TokenCache
from workstation.server.db import writer


class Clock:
    """A monotonic clock the test moves."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _login(engine: Engine, name: str = "nurse.cache", wards: list[str] | None = None) -> str:
    with writer(engine) as conn:
        user_id = auth.add_user(conn, username=name, password="pw-unused-123", display_name=name,
                                role="nurse", wards=wards or ["CARD"])  # fmt: skip
        user = auth.active_users(conn, [user_id])[user_id]
        return str(auth.issue_tokens(conn, user, "pc-cache")["access_token"])


def _count(engine: Engine) -> list[str]:
    seen: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", note)
    return seen


def _revoke_elsewhere(engine: Engine, token: str) -> None:
    """Revoke as another process would: on the raw driver connection, which no SQLAlchemy event
    of this process sees."""
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        marker = "%s" if engine.dialect.name == "postgresql" else "?"
        cursor.execute(f"UPDATE auth_tokens SET revoked = {marker} WHERE token_digest = {marker}",
                       (True, token_digest(token)))  # fmt: skip
        raw.commit()
    finally:
        raw.close()


def test_a_cached_token_reads_nothing_and_another_process_revocation_holds_within_the_bound(
    server_engine: Engine,
) -> None:
    token, clock = _login(server_engine), Clock()
    cache = TokenCache(server_engine, clock)
    proven = cache.authenticate(token)
    assert proven.user.username == "nurse.cache" and proven.device_id == "pc-cache"
    seen = _count(server_engine)
    assert cache.cached(token) == proven and seen == []
    _revoke_elsewhere(server_engine, token)
    clock.now += SWEEP_S * 0.9  # within the bound the cached answer may still stand
    assert cache.cached(token) == proven
    clock.now += SWEEP_S * 0.2  # past it: no hit until a sweep has read the token again
    assert cache.cached(token) is None
    with pytest.raises(AuthError):
        cache.authenticate(token)
    assert cache.cached(token) is None


def test_a_revocation_or_change_in_this_process_is_seen_at_once(server_engine: Engine) -> None:
    token, other = _login(server_engine), _login(server_engine, "nurse.other", ["CARD", "RESP"])
    cache = TokenCache(server_engine, Clock())  # the clock never moves: only a change stales it
    cache.authenticate(token)
    assert cache.authenticate(other).user.wards == ("CARD", "RESP")
    with writer(server_engine) as conn:
        auth.set_active(conn, "nurse.other", False)
    assert cache.cached(token) is None  # every cached token waits for the next sweep
    assert cache.authenticate(token).user.username == "nurse.cache"
    with pytest.raises(AuthError, match="ended"):
        cache.authenticate(other)
    auth.logout(server_engine, token)
    with pytest.raises(AuthError, match="ended"):
        cache.authenticate(token)


def test_an_expired_or_unknown_token_is_never_served(server_engine: Engine) -> None:
    cache = TokenCache(server_engine, Clock())
    with pytest.raises(AuthError, match="unknown"):
        cache.authenticate("not-a-token")
    assert cache.cached("not-a-token") is None

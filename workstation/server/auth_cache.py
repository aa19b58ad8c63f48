"""Access tokens already proven, kept in memory so that a station's poll costs no database read
for who it is, and re-checked against the database all together every SWEEP_S seconds. Polls
(server.pull_route) are answered on it. A push passes its gate on it (no body of a stranger is
read) and is proven again in its own write transaction (`prove_all`, sync.push); every other
request (a login, a chart read) reads its token from the database, so a revocation stops
those at once in every process.

A hit still checks the token's expiry on every use. What the database says of the cached tokens
is read again for all of them at once (one statement per 500 tokens), by the first request that
finds the last sweep SWEEP_S old, so whoever changed a token's standing (a logout, a refresh
replay, a disabled user or revoked device in another process or the CLI, a user's wards or role)
is seen by every server process within SWEEP_S of its
commit (plus the sweep's one statement). A logout through this process drops its token at once.
Tokens unused for IDLE_S leave the cache; it holds at most MAX_TOKENS."""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import BindParameter, Connection, Engine, bindparam, event, select

from workstation.clock import parse_iso, utc_now
from workstation.security.tokens import token_digest
from workstation.server.auth import AuthError, User, user_of_row
from workstation.server.db import glance
from workstation.server.models import auth_tokens, users

SWEEP_S = 1.0  # how often every cached token is read again
IDLE_S = 60.0  # a token not used for this long is dropped (a station polls every 5 to 30 s)
MAX_TOKENS = 20_000

_DIGESTS: BindParameter[list[str]] = bindparam("digests", expanding=True)
_READ = (
    select(
        auth_tokens.c.token_digest,
        auth_tokens.c.kind,
        auth_tokens.c.revoked,
        auth_tokens.c.expires_at,
        auth_tokens.c.device_id,
        users,
    )  # fmt: skip
    .join(users, users.c.user_id == auth_tokens.c.user_id)
    .where(auth_tokens.c.token_digest.in_(_DIGESTS))
)


@dataclass(frozen=True, slots=True)
class Proven:
    """What a valid access token stands for: the user and their device."""

    user: User
    device_id: str
    expires_at: datetime


class TokenCache:
    """Proven access tokens by digest; `authenticate` reads the database only on a miss. A hit
    is served only while the newest sweep began less than SWEEP_S ago and nothing in this
    process changed a user or a token since it began (`stale`); otherwise the next
    request on a thread sweeps first. Every entry was read from the database after that sweep
    began (or by it)."""

    def __init__(self, engine: Engine, clock: Callable[[], float] = time.monotonic):
        self._engine, self._clock = engine, clock
        self._proven: dict[str, tuple[Proven, float]] = {}  # digest -> (proven, last used)
        self._lock = threading.Lock()  # guards `_proven`, `_swept_at` and `_generation` together
        self._sweeping = threading.Lock()  # one sweep at a time
        self._swept_at = clock()
        self._generation = 0  # bumped by `stale`: reads begun before it are not kept
        _CACHES.add(self)

    def cached(self, token: str) -> Proven | None:
        """The proven token without touching the database; None when it is not cached, has
        expired, or the cache is due a sweep (the caller then calls `authenticate`)."""
        now = self._clock()
        if now - self._swept_at >= SWEEP_S:
            return None
        digest = token_digest(token)
        found = self._proven.get(digest)
        if found is None or found[0].expires_at <= utc_now():
            return None
        self._proven[digest] = (found[0], now)
        return found[0]

    def authenticate(self, token: str) -> Proven:
        """The proven token (sweeping first when due), read from the database when not cached;
        AuthError when invalid. Runs on a thread: it may read the database."""
        if self._clock() - self._swept_at >= SWEEP_S and self._sweeping.acquire(blocking=False):
            try:
                self.sweep()
            finally:
                self._sweeping.release()
        found = self.cached(token)
        if found is not None:
            return found
        digest, read_at, generation = token_digest(token), self._clock(), self._generation
        with glance(self._engine) as conn:
            row = conn.execute(_READ, {"digests": [digest]}).first()
        proven = _proven(row)  # raises for an unknown, revoked or expired token
        with self._lock:  # kept only when read after the newest sweep began and nothing changed
            fresh = read_at >= self._swept_at and generation == self._generation
            if fresh and len(self._proven) < MAX_TOKENS:
                self._proven[digest] = (proven, read_at)
        return proven

    def forget(self, token: str) -> None:
        """Drop one token at once (its logout through this process)."""
        with self._lock:
            self._proven.pop(token_digest(token), None)

    def stale(self) -> None:
        """Something changed a user or a token: serve no hit before the next sweep."""
        with self._lock:
            self._generation += 1
            self._swept_at = float("-inf")

    def sweep(self) -> None:
        """Read every cached token again: drop the revoked, expired, idle and unknown ones and
        take the user's present state for the others. On a database failure the cache is
        emptied (nothing is trusted that could not be read again)."""
        started, generation = self._clock(), self._generation
        used = dict(self._proven)
        keep = [d for d, (_p, at) in used.items() if started - at < IDLE_S]
        fresh: dict[str, tuple[Proven, float]] = {}
        try:
            with glance(self._engine) as conn:
                for start in range(0, len(keep), 500):
                    for row in conn.execute(_READ, {"digests": keep[start : start + 500]}):
                        try:
                            fresh[row.token_digest] = (_proven(row), used[row.token_digest][1])
                        except AuthError:
                            continue
        except Exception:
            with self._lock:
                self._proven = {}
            raise
        with self._lock:
            self._proven = fresh
            if generation == self._generation:
                self._swept_at = started


def prove_all(conn: Connection, tokens: Iterable[str]) -> dict[str, Proven | AuthError]:
    """Each access token's present standing read in one statement on `conn` (a push group's own
    transaction: what it proves is what holds as its events are written): the Proven token, or
    the AuthError `auth.authenticate` would raise for it."""
    by_digest = {token_digest(token): token for token in tokens}
    found: dict[str, Proven | AuthError] = {}
    for row in conn.execute(_READ, {"digests": sorted(by_digest)}):
        try:
            found[by_digest[row.token_digest]] = _proven(row)
        except AuthError as exc:
            found[by_digest[row.token_digest]] = exc
    for token in by_digest.values():
        found.setdefault(token, AuthError("bad_token", "unknown token"))
    return found


_CACHES: weakref.WeakSet[TokenCache] = weakref.WeakSet()
_WATCHED = frozenset({"users", "auth_tokens"})
_FLAG = "cw_auth_changed"


@event.listens_for(Engine, "after_cursor_execute")
def _note_change(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
    """Mark a connection whose transaction updates or deletes a user or a token (a new token,
    inserted, was never cached; a device revoked or moved is seen through its tokens, revoked
    with it, and through the pull's own read of the device's ward)."""
    if statement.startswith(("UPDATE", "DELETE")):
        words = statement.split(None, 3)
        table = words[1] if words[0] == "UPDATE" else words[2] if len(words) > 2 else ""
        if table.strip('"') in _WATCHED:
            conn.info[_FLAG] = True


@event.listens_for(Engine, "commit")
def _after_change(conn: Any) -> None:
    """A transaction that changed a user or a token commits: every cache of this process
    goes stale (another process's change is seen by the next sweep, within SWEEP_S)."""
    if conn.info.pop(_FLAG, False):
        for cache in list(_CACHES):
            cache.stale()


@event.listens_for(Engine, "rollback")
def _after_rollback(conn: Any) -> None:
    conn.info.pop(_FLAG, None)


def _proven(row: Any) -> Proven:
    """The token row's meaning; AuthError as auth.authenticate refuses it."""
    if row is None or row.kind != "access":
        raise AuthError("bad_token", "unknown token")
    if row.revoked or not row.active:
        raise AuthError("revoked", "this session was ended; log in again")
    expires_at = parse_iso(row.expires_at)
    if expires_at <= utc_now():
        raise AuthError("expired", "access token expired; refresh it")
    return Proven(user_of_row(row), row.device_id, expires_at)

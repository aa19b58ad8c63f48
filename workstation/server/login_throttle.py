"""Login throttling kept in the database (every server process behind a load balancer sees it).

Three counters of failed logins, one row each in `login_throttle`:
- per client address: after `address_free_failures`, each further failure doubles the wait before
  that address may try again (capped) -- the main brake;
- per account name (existing or not, so the answers reveal nothing): after `account_lock_failures`
  within the window the account is locked until `account_lock_minutes` pass or an admin unlocks it;
- per (account, address): while an account is locked, only addresses with fewer than
  `locked_address_limit` failures on it may still try, so an attacker cannot lock the real user out
  of every other computer.
A try is charged as a failure before the password is checked (concurrent tries from one address
all see each other) and refunded when the password was right.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import math
from collections.abc import AsyncIterator, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, and_, delete, insert, or_, select, update

from workstation.clock import iso, parse_iso
from workstation.server.models import login_throttle

ADDRESS, ACCOUNT, PAIR = "address", "account", "pair"
IPV6_PREFIX = 64  # one host commonly holds a whole /64: count it as one address


@dataclass(frozen=True, slots=True)
class LoginPolicy:
    """How fast failed logins slow down and lock; how much argon2 work runs at once."""

    address_free_failures: int = 5
    address_first_delay_seconds: float = 1.0
    address_max_delay_seconds: float = 15 * 60.0
    address_forget_minutes: float = 60.0
    account_lock_failures: int = 20
    account_window_minutes: float = 24 * 60.0
    account_lock_minutes: float = 30.0
    locked_address_limit: int = 3
    concurrent_verifications: int = 2
    slot_wait_seconds: float = 0.5

    def address_delay(self, failures: int) -> float:
        """Seconds an address waits after its `failures`-th failure in a row."""
        beyond = failures - self.address_free_failures
        if beyond <= 0:
            return 0.0
        return min(
            self.address_max_delay_seconds,
            self.address_first_delay_seconds * 2 ** min(beyond - 1, 40),
        )


@dataclass(frozen=True, slots=True)
class Refusal:
    """A login refused before any password check: `throttled` (address) or `locked` (account)."""

    code: str
    retry_after: int
    until: str


Key = tuple[str, str, str]  # kind, username, address


@dataclass(slots=True)
class Charge:
    """A failure recorded ahead of the password check: the rows as they were, to refund it."""

    at: str
    before: dict[Key, tuple[int, str, str | None] | None] = field(default_factory=dict)
    account_locked_now: bool = False
    failures: dict[str, int] = field(default_factory=dict)


def client_address(peer: str | None, forwarded_for: str | None, trusted: Iterable[Any]) -> str:
    """The address a login is counted against: the socket peer, or, only when the peer is a trusted
    proxy, the nearest untrusted address in X-Forwarded-For (the client cannot choose its own).
    `forwarded_for` is every X-Forwarded-For line joined in order: a proxy that adds its own line
    after the client's (HAProxy's `option forwardfor`) names the last hop."""
    networks = list(trusted)
    address = _parse(peer)
    if address is None:
        return (peer or "unknown")[:64]
    hops = [part.strip() for part in (forwarded_for or "").split(",") if part.strip()]
    while _is_trusted(address, networks) and hops:
        previous = _parse(hops.pop())
        if previous is None:
            break  # garbage in the header: stay with the proxy's own address
        address = previous
    return _key(address)


def trusted_networks(specs: Sequence[str]) -> tuple[Any, ...]:
    """Parse trusted proxy addresses or networks (10.0.0.5, 10.0.0.0/24, ::1)."""
    return tuple(ipaddress.ip_network(spec.strip(), strict=False) for spec in specs if spec.strip())


def _parse(text: str | None) -> Any:
    try:
        address = ipaddress.ip_address((text or "").strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _is_trusted(address: Any, networks: list[Any]) -> bool:
    return any(address.version == net.version and address in net for net in networks)


def _key(address: Any) -> str:
    if isinstance(address, ipaddress.IPv6Address):
        return str(ipaddress.ip_network(f"{address}/{IPV6_PREFIX}", strict=False))
    return str(address)


def _row(conn: Connection, key: Key) -> Any:
    return conn.execute(select(login_throttle).where(*_match(key))).first()


def _keys(username: str, address: str) -> tuple[Key, Key, Key]:
    name = username[:64]
    return (ADDRESS, "", address), (ACCOUNT, name, ""), (PAIR, name, address)


def _live(row: Any, now: datetime, forget: timedelta) -> int:
    """The row's failures, or 0 when its last failure is older than forget."""
    if row is None or parse_iso(row.last_failure_at) + forget < now:
        return 0
    return int(row.failures)


def _blocked(row: Any, now: datetime) -> datetime | None:
    if row is None or row.blocked_until is None:
        return None
    until = parse_iso(row.blocked_until)
    return until if until > now else None


def refusal(
    conn: Connection, policy: LoginPolicy, *, username: str, address: str, now: datetime
) -> Refusal | None:
    """Why a login from address for username may not even be checked now, or None."""
    address_key, account_key, pair_key = _keys(username, address)
    waiting = _blocked(_row(conn, address_key), now)
    if waiting is not None:
        return Refusal("throttled", _seconds(waiting - now), iso(waiting))
    locked = _blocked(_row(conn, account_key), now)
    window = timedelta(minutes=policy.account_window_minutes)
    if (
        locked is not None
        and _live(_row(conn, pair_key), now, window) >= policy.locked_address_limit
    ):
        return Refusal("locked", _seconds(locked - now), iso(locked))
    return None


def _seconds(delta: timedelta) -> int:
    return max(1, math.ceil(delta.total_seconds()))


def charge(
    conn: Connection, policy: LoginPolicy, *, username: str, address: str, now: datetime
) -> Charge:
    """Record one failure for the address, the account and the pair (refunded on success)."""
    at = iso(now)
    taken = Charge(at)
    forget = {
        ADDRESS: timedelta(minutes=policy.address_forget_minutes),
        ACCOUNT: timedelta(minutes=policy.account_window_minutes),
        PAIR: timedelta(minutes=policy.account_window_minutes),
    }
    for key in _keys(username, address):
        row = _row(conn, key)
        taken.before[key] = (
            None if row is None else (row.failures, row.last_failure_at, row.blocked_until)
        )
        failures, blocked = (
            _live(row, now, forget[key[0]]),
            None if row is None else row.blocked_until,
        )
        if key[0] == ACCOUNT and blocked is not None and _blocked(row, now) is None:
            failures, blocked = 0, None  # the lock ran out: count afresh
        failures += 1
        if key[0] == ADDRESS:
            delay = policy.address_delay(failures)
            blocked = iso(now + timedelta(seconds=delay)) if delay else None
        elif key[0] == ACCOUNT and blocked is None and failures >= policy.account_lock_failures:
            blocked = iso(now + timedelta(minutes=policy.account_lock_minutes))
            taken.account_locked_now = True
        taken.failures[key[0]] = failures
        _write(
            conn, key, row is not None, failures=failures, last_failure_at=at, blocked_until=blocked
        )
    _prune(conn, policy, now)
    return taken


def refund(conn: Connection, taken: Charge) -> None:
    """Undo a charge whose password was right; a failure charged meanwhile by another try stays."""
    for key, before in taken.before.items():
        row = _row(conn, key)
        if row is None:
            continue
        untouched = row.last_failure_at == taken.at and row.failures == taken.failures[key[0]]
        if untouched and before is None:
            conn.execute(delete(login_throttle).where(*_match(key)))
        elif untouched and before is not None:
            _write(
                conn,
                key,
                True,
                failures=before[0],
                last_failure_at=before[1],
                blocked_until=before[2],
            )
        else:
            _write(conn, key, True, failures=max(0, row.failures - 1))


def _match(key: Key) -> tuple[Any, ...]:
    kind, username, address = key
    c = login_throttle.c
    return (c.kind == kind, c.username == username, c.address == address)


def _write(conn: Connection, key: Key, exists: bool, **values: Any) -> None:
    if exists:
        conn.execute(update(login_throttle).where(*_match(key)).values(**values))
    else:
        kind, username, address = key
        conn.execute(
            insert(login_throttle).values(kind=kind, username=username, address=address, **values)
        )


def unlock(conn: Connection, username: str) -> bool:
    """Lift an account's lock and forget its failures (admin); True when it was locked."""
    c = login_throttle.c
    name = username[:64]
    was_locked = conn.execute(
        select(c.blocked_until).where(
            c.kind == ACCOUNT, c.username == name, c.blocked_until.is_not(None)
        )
    ).first()
    conn.execute(delete(login_throttle).where(c.kind.in_((ACCOUNT, PAIR)), c.username == name))
    return was_locked is not None


def _prune(conn: Connection, policy: LoginPolicy, now: datetime) -> None:
    """Delete counters nobody needs any more (no recent failure, not blocking)."""
    oldest = iso(
        now - timedelta(minutes=max(policy.address_forget_minutes, policy.account_window_minutes))
    )
    c = login_throttle.c
    conn.execute(
        delete(login_throttle).where(
            and_(
                c.last_failure_at < oldest,
                or_(c.blocked_until.is_(None), c.blocked_until < iso(now)),
            )
        )
    )


class NoSlot(Exception):
    """Every password-check slot stayed busy for the whole wait."""


class VerificationSlots:
    """At most `size` password checks at once in this process (argon2 takes 64 MiB each); a login
    that cannot get a slot within `wait_seconds` is turned away instead of queueing."""

    def __init__(self, size: int, wait_seconds: float):
        self._free = asyncio.Semaphore(size)
        self.size, self.wait_seconds = size, wait_seconds
        self.in_use = 0

    @contextlib.asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """Hold one slot for the block; NoSlot when none frees up in time."""
        try:
            await asyncio.wait_for(self._free.acquire(), timeout=self.wait_seconds)
        except TimeoutError as exc:
            raise NoSlot from exc
        self.in_use += 1
        try:
            yield
        finally:
            self.in_use -= 1
            self._free.release()

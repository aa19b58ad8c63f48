"""Users, throttled login, access and refresh tokens with rotation and revocation."""

from __future__ import annotations

import functools
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, update

from workstation.clock import iso, now_iso, parse_iso, utc_now
from workstation.domain.enums import Role
from workstation.ids import uuid7
from workstation.security.passwords import hash_password, needs_rehash, verify_password
from workstation.security.tokens import (
    ACCESS_TOKEN_MINUTES,
    REFRESH_TOKEN_HOURS,
    new_token,
    token_digest,
)
from workstation.server import audit, login_throttle, refresh_replies, signing_keys
from workstation.server.audit import AuditEntry
from workstation.server.db import glance, reader, writer
from workstation.server.login_throttle import LoginPolicy
from workstation.server.models import auth_tokens, users
from workstation.server.user_rights import rights_of

DEFAULT_POLICY = LoginPolicy()
LOCAL_ADDRESS = "local"  # a login made in this process (CLI, tests), not over the network


class AuthError(Exception):
    """Login or token refused; `code` is stable, the message is for people."""

    def __init__(self, code: str, message: str, *, retry_after: int | None = None):
        super().__init__(message)
        self.code, self.retry_after = code, retry_after


@dataclass(frozen=True, slots=True)
class User:
    """An authenticated user as the server's services see them."""

    user_id: str
    username: str
    display_name: str
    role: str
    wards: tuple[str, ...]
    licensed: bool
    rights: dict[str, Any] = field(
        default_factory=dict
    )  # title and prescribing rights (user_rights)

    def public(self) -> dict[str, Any]:
        """What the workstation may know of this user."""
        return {
            "user_id": self.user_id, "username": self.username, "display_name": self.display_name,
            "role": self.role, "wards": list(self.wards), "licensed": self.licensed,
            "rights": dict(self.rights),
        }  # fmt: skip


def user_of_row(row: Any) -> User:
    """The User of a row of the users table (or a join holding its columns)."""
    return User(
        user_id=row.user_id,
        username=row.username,
        display_name=row.display_name,
        role=row.role,
        wards=tuple(w for w in row.wards.split(",") if w),
        licensed=bool(row.licensed),
        rights=rights_of(row),
    )


def add_user(
    conn: Connection, *, username: str, password: str, display_name: str, role: str, wards: list[str],
    licensed: bool = True, user_id: str | None = None,
) -> str:  # fmt: skip
    """Create a user (hashing the password) and return their id."""
    Role(role)  # raises ValueError for an unknown role
    if conn.execute(select(users.c.user_id).where(users.c.username == username)).first():
        raise ValueError(f"user {username!r} already exists")
    user_id = user_id or uuid7()
    conn.execute(insert(users).values(
        user_id=user_id, username=username, display_name=display_name, role=role,
        wards=",".join(wards), password_hash=hash_password(password), licensed=licensed,
        active=True, failed_logins=0, locked_until=None, created_at=now_iso(),
    ))  # fmt: skip
    return user_id


def set_active(conn: Connection, username: str, active: bool) -> None:
    """Enable or disable a user; disabling revokes every token they hold."""
    row = conn.execute(select(users.c.user_id).where(users.c.username == username)).first()
    if row is None:
        raise ValueError(f"no user {username!r}")
    conn.execute(update(users).where(users.c.user_id == row.user_id).values(active=active))
    if not active:
        conn.execute(
            update(auth_tokens).where(auth_tokens.c.user_id == row.user_id).values(revoked=True)
        )
        signing_keys.revoke_user(conn, row.user_id, reason="user disabled")


def reset_password(conn: Connection, username: str, password: str) -> None:
    """Set a new password, clear the lockout and revoke existing tokens."""
    row = conn.execute(select(users.c.user_id).where(users.c.username == username)).first()
    if row is None:
        raise ValueError(f"no user {username!r}")
    conn.execute(
        update(users)
        .where(users.c.user_id == row.user_id)
        .values(password_hash=hash_password(password), failed_logins=0, locked_until=None)
    )
    conn.execute(
        update(auth_tokens).where(auth_tokens.c.user_id == row.user_id).values(revoked=True)
    )
    login_throttle.unlock(conn, username)


def _issue(conn: Connection, user: User, device_id: str, family: str) -> dict[str, Any]:
    now = utc_now()
    access, refresh = new_token(), new_token()
    rows = [
        ("access", access, now + timedelta(minutes=ACCESS_TOKEN_MINUTES)),
        ("refresh", refresh, now + timedelta(hours=REFRESH_TOKEN_HOURS)),
    ]
    conn.execute(insert(auth_tokens), [{
        "token_digest": token_digest(token), "kind": kind, "user_id": user.user_id,
        "device_id": device_id, "family": family, "issued_at": iso(now), "expires_at": iso(expiry),
        "revoked": False,
    } for kind, token, expiry in rows])  # fmt: skip
    return {
        "access_token": access, "refresh_token": refresh, "expires_in": ACCESS_TOKEN_MINUTES * 60,
        "user": user.public(),
    }  # fmt: skip


def prepare() -> None:
    """Make the dummy hash now (at server start) rather than in the first login."""
    _dummy_hash()


@functools.cache
def _dummy_hash() -> str:
    """A hash of a random password with this process's parameters: unknown, disabled and locked
    users are checked against it, so their refusal costs the same as a real wrong password."""
    return hash_password(secrets.token_urlsafe(24))


def check_throttle(
    engine: Engine, *, username: str, device_id: str, client_address: str = LOCAL_ADDRESS,
    policy: LoginPolicy = DEFAULT_POLICY,
) -> None:  # fmt: skip
    """Raise AuthError (throttled or locked, audited) when this try may not be checked now."""
    with reader(engine) as conn:
        refused = login_throttle.refusal(
            conn, policy, username=username, address=client_address, now=utc_now()
        )
    if refused is not None:
        with writer(engine) as conn:
            _audit_refusal(conn, refused, username, device_id, client_address)
        raise _refusal_error(refused)


def login(
    engine: Engine, *, username: str, password: str, device_id: str,
    client_address: str = LOCAL_ADDRESS, policy: LoginPolicy = DEFAULT_POLICY,
) -> dict[str, Any]:  # fmt: skip
    """Check the password (argon2id) under the throttle of login_throttle; issue tokens.
    The try is charged as a failure before the check and refunded when it was right; the check
    runs outside any transaction. A refusal is raised after its audit row is committed."""
    taken, row = _take_try(engine, username, device_id, client_address, policy)
    stored = row.password_hash if row is not None else _dummy_hash()
    matched = verify_password(stored, password)
    rehash = matched and row is not None and row.active and needs_rehash(stored)
    new_hash = hash_password(password) if rehash else None
    with writer(engine) as conn:
        if matched and row is not None:
            login_throttle.refund(conn, taken)
            if not row.active:
                audit.append(conn, [AuditEntry("login_disabled", row.user_id, device_id=device_id,
                                               detail={"address": client_address})])  # fmt: skip
                refusal = AuthError("disabled", "this account is disabled")
            else:
                return _logged_in(conn, row, device_id, client_address, new_hash)
        else:
            _audit_failure(conn, row, username, device_id, client_address, taken)
            refusal = AuthError("bad_credentials", "wrong user name or password")
    raise refusal


def _take_try(
    engine: Engine, username: str, device_id: str, address: str, policy: LoginPolicy
) -> tuple[login_throttle.Charge, Any]:
    """Charge this try as a failure and read the user row, or raise the throttle's refusal."""
    with writer(engine) as conn:
        now = utc_now()
        refused = login_throttle.refusal(conn, policy, username=username, address=address, now=now)
        if refused is None:
            taken = login_throttle.charge(conn, policy, username=username, address=address, now=now)
            return taken, conn.execute(select(users).where(users.c.username == username)).first()
        _audit_refusal(conn, refused, username, device_id, address)
    raise _refusal_error(refused)


def _logged_in(
    conn: Connection, row: Any, device_id: str, address: str, new_hash: str | None
) -> dict[str, Any]:
    if new_hash is not None:
        conn.execute(
            update(users).where(users.c.user_id == row.user_id).values(password_hash=new_hash)
        )
    audit.append(conn, [AuditEntry("login", row.user_id, device_id=device_id,
                                   detail={"address": address})])  # fmt: skip
    return _issue(conn, user_of_row(row), device_id, uuid7())


def _audit_failure(
    conn: Connection, row: Any, username: str, device_id: str, address: str,
    taken: login_throttle.Charge,
) -> None:  # fmt: skip
    actor = None if row is None else row.user_id
    detail = {"username": username, "address": address,
              "failures": taken.failures[login_throttle.ACCOUNT]}  # fmt: skip
    entries = [AuditEntry("login_failed", actor, device_id=device_id, detail=detail)]
    if taken.account_locked_now:
        entries.append(AuditEntry("account_locked", actor, device_id=device_id, detail=detail))
    audit.append(conn, entries)


def _audit_refusal(
    conn: Connection, refused: login_throttle.Refusal, username: str, device_id: str, address: str
) -> None:
    action = "login_locked" if refused.code == "locked" else "login_throttled"
    actor = conn.execute(select(users.c.user_id).where(users.c.username == username)).scalar()
    detail = {"username": username, "address": address, "until": refused.until}
    audit.append(conn, [AuditEntry(action, actor, device_id=device_id, detail=detail)])


def _refusal_error(refused: login_throttle.Refusal) -> AuthError:
    if refused.code == "locked":
        message = f"too many failed logins for this account from here; locked until {refused.until}"
    else:
        message = f"too many failed logins from this computer; try again in {refused.retry_after} s"
    return AuthError(refused.code, message, retry_after=refused.retry_after)


def unlock(conn: Connection, username: str) -> bool:
    """Lift a user's login lock (admin); True when the account was locked."""
    if conn.execute(select(users.c.user_id).where(users.c.username == username)).first() is None:
        raise ValueError(f"no user {username!r}")
    return login_throttle.unlock(conn, username)


def _token_row(conn: Connection, token: str, kind: str) -> Any:
    row = conn.execute(
        select(auth_tokens).where(auth_tokens.c.token_digest == token_digest(token))
    ).first()
    if row is None or row.kind != kind:
        raise AuthError("bad_token", "unknown token")
    return row


def refresh(engine: Engine, refresh_token: str) -> dict[str, Any]:
    """Rotate a refresh token. The same token again within refresh_replies' window, while the
    tokens it was swapped for are unused, gets the same answer (a lost answer, retried); any other
    replay of a used token revokes the whole login (token theft)."""
    with writer(engine) as conn:
        row = _token_row(conn, refresh_token, "refresh")
        now = utc_now()
        if row.revoked:
            again = refresh_replies.replay(conn, refresh_token, now=now)
            if again is not None:
                return again
        user_row = conn.execute(select(users).where(users.c.user_id == row.user_id)).first()
        conn.execute(
            update(auth_tokens).where(auth_tokens.c.family == row.family).values(revoked=True)
        )
        if row.revoked:
            refusal = AuthError("revoked", "this session was ended; log in again")
        elif parse_iso(row.expires_at) <= now:
            refusal = AuthError("expired", "session expired; log in again")
        elif user_row is None or not user_row.active:
            refusal = AuthError("disabled", "this account is disabled")
        else:
            answer = _issue(conn, user_of_row(user_row), row.device_id, row.family)
            refresh_replies.keep(conn, used_token=refresh_token, answer=answer, now=now)
            return answer
    raise refusal


def logout(engine: Engine, access_token: str) -> None:
    """Revoke the login the access token belongs to."""
    with writer(engine) as conn:
        row = _token_row(conn, access_token, "access")
        conn.execute(
            update(auth_tokens).where(auth_tokens.c.family == row.family).values(revoked=True)
        )
        audit.append(conn, [AuditEntry("logout", row.user_id, device_id=row.device_id)])


def authenticate(engine: Engine, access_token: str) -> tuple[User, str]:
    """The user and device behind a valid access token; AuthError otherwise (one statement:
    every request pays it, so it reads without a transaction's round trips)."""
    with glance(engine) as conn:
        row = conn.execute(
            select(auth_tokens, users)
            .join(users, users.c.user_id == auth_tokens.c.user_id)
            .where(auth_tokens.c.token_digest == token_digest(access_token))
        ).first()
    if row is None or row.kind != "access":
        raise AuthError("bad_token", "unknown token")
    if row.revoked or not row.active:
        raise AuthError("revoked", "this session was ended; log in again")
    if parse_iso(row.expires_at) <= utc_now():
        raise AuthError("expired", "access token expired; refresh it")
    return user_of_row(row), row.device_id


def all_users(conn: Connection) -> dict[str, User]:
    """Active users by id (the permission checks of a push read them once)."""
    return {
        row.user_id: user_of_row(row)
        for row in conn.execute(select(users).where(users.c.active.is_(True)))
    }


def active_users(conn: Connection, user_ids: Iterable[str]) -> dict[str, User]:
    """These users by id, the active ones only (a push reads its authors and witnesses, not a
    hospital's thousands of users)."""
    wanted = sorted(set(user_ids))
    found: dict[str, User] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        query = select(users).where(users.c.active.is_(True), users.c.user_id.in_(chunk))
        found.update((row.user_id, user_of_row(row)) for row in conn.execute(query))
    return found


def issue_tokens(conn: Connection, user: User, device_id: str) -> dict[str, Any]:
    """Tokens of a new login for a user already proven some other way (a signed key login)."""
    return _issue(conn, user, device_id, uuid7())

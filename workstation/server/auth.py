"""Users, login with lockout, access and refresh tokens with rotation and revocation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, update

from workstation.clock import iso, now_iso, parse_iso, utc_now
from workstation.domain.enums import Role
from workstation.ids import uuid7
from workstation.security.passwords import hash_password, verify_password
from workstation.security.tokens import (
    ACCESS_TOKEN_MINUTES,
    REFRESH_TOKEN_HOURS,
    new_token,
    token_digest,
)
from workstation.server import audit, signing_keys
from workstation.server.audit import AuditEntry
from workstation.server.db import reader, writer
from workstation.server.models import auth_tokens, users

MAX_FAILED_LOGINS = 5
LOCKOUT_MINUTES = 15


class AuthError(Exception):
    """Login or token refused; `code` is stable, the message is for people."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class User:
    """An authenticated user as the server's services see them."""

    user_id: str
    username: str
    display_name: str
    role: str
    wards: tuple[str, ...]
    licensed: bool

    def public(self) -> dict[str, Any]:
        """What the workstation may know of this user."""
        return {
            "user_id": self.user_id, "username": self.username, "display_name": self.display_name,
            "role": self.role, "wards": list(self.wards), "licensed": self.licensed,
        }  # fmt: skip


def _user(row: Any) -> User:
    return User(
        user_id=row.user_id,
        username=row.username,
        display_name=row.display_name,
        role=row.role,
        wards=tuple(w for w in row.wards.split(",") if w),
        licensed=bool(row.licensed),
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


def login(engine: Engine, *, username: str, password: str, device_id: str) -> dict[str, Any]:
    """Check the password (argon2id) with lockout after 5 failures for 15 minutes; issue tokens.
    A refusal is raised after its audit row and failure count are committed."""
    with writer(engine) as conn:
        row = conn.execute(select(users).where(users.c.username == username)).first()
        if row is None:
            audit.append(
                conn,
                [
                    AuditEntry(
                        "login_failed", None, device_id=device_id, detail={"username": username}
                    )
                ],
            )
            refusal = AuthError("bad_credentials", "wrong user name or password")
        elif row.locked_until and parse_iso(row.locked_until) > utc_now():
            audit.append(conn, [AuditEntry("login_locked", row.user_id, device_id=device_id)])
            refusal = AuthError(
                "locked", f"account locked until {row.locked_until} after repeated failures"
            )
        elif not row.active:
            refusal = AuthError("disabled", "this account is disabled")
        elif verify_password(row.password_hash, password):
            conn.execute(
                update(users)
                .where(users.c.user_id == row.user_id)
                .values(failed_logins=0, locked_until=None)
            )
            audit.append(conn, [AuditEntry("login", row.user_id, device_id=device_id)])
            return _issue(conn, _user(row), device_id, uuid7())
        else:
            _count_failure(conn, row, device_id)
            refusal = AuthError("bad_credentials", "wrong user name or password")
    raise refusal


def _count_failure(conn: Connection, row: Any, device_id: str) -> None:
    failures = row.failed_logins + 1
    values: dict[str, Any] = {"failed_logins": failures}
    if failures >= MAX_FAILED_LOGINS:
        values |= {
            "failed_logins": 0,
            "locked_until": iso(utc_now() + timedelta(minutes=LOCKOUT_MINUTES)),
        }
    conn.execute(update(users).where(users.c.user_id == row.user_id).values(**values))
    audit.append(
        conn,
        [
            AuditEntry(
                "login_failed", row.user_id, device_id=device_id, detail={"failures": failures}
            )
        ],
    )


def _token_row(conn: Connection, token: str, kind: str) -> Any:
    row = conn.execute(
        select(auth_tokens).where(auth_tokens.c.token_digest == token_digest(token))
    ).first()
    if row is None or row.kind != kind:
        raise AuthError("bad_token", "unknown token")
    return row


def refresh(engine: Engine, refresh_token: str) -> dict[str, Any]:
    """Rotate a refresh token; replaying a used one revokes the whole login (token theft)."""
    with writer(engine) as conn:
        row = _token_row(conn, refresh_token, "refresh")
        user_row = conn.execute(select(users).where(users.c.user_id == row.user_id)).first()
        conn.execute(
            update(auth_tokens).where(auth_tokens.c.family == row.family).values(revoked=True)
        )
        if row.revoked:
            refusal = AuthError("revoked", "this session was ended; log in again")
        elif parse_iso(row.expires_at) <= utc_now():
            refusal = AuthError("expired", "session expired; log in again")
        elif user_row is None or not user_row.active:
            refusal = AuthError("disabled", "this account is disabled")
        else:
            return _issue(conn, _user(user_row), row.device_id, row.family)
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
    """The user and device behind a valid access token; AuthError otherwise."""
    with reader(engine) as conn:
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
    return _user(row), row.device_id


def all_users(conn: Connection) -> dict[str, User]:
    """Active users by id (the permission checks of a push read them once)."""
    return {
        row.user_id: _user(row)
        for row in conn.execute(select(users).where(users.c.active.is_(True)))
    }


def issue_tokens(conn: Connection, user: User, device_id: str) -> dict[str, Any]:
    """Tokens of a new login for a user already proven some other way (a signed key login)."""
    return _issue(conn, user, device_id, uuid7())

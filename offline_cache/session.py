"""Login on the workstation: online against the server, or offline from a cached argon2 verifier.

Online login caches a verifier (argon2id of the password, made here) in the encrypted replica;
it allows offline login for a grace period (default 72 hours). The refresh token lives only in
the OS keyring.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import orjson
from sqlalchemy import delete, insert, select, update

from offline_cache import device_key, keystore, signing_keys, state
from offline_cache.link import Offline, Refused, ServerLink
from offline_cache.store import LocalStore
from offline_cache.tables import cached_logins
from workstation.clock import iso, now_iso, parse_iso, utc_now
from workstation.security import signing
from workstation.security.passwords import hash_password, verify_password
from workstation.security.signing import Signer

OFFLINE_GRACE_HOURS = 72
OFFLINE_MAX_FAILURES = 5
OFFLINE_LOCKOUT_MINUTES = 15


class LoginRefused(Exception):
    """Wrong password, locked or disabled account, or no usable offline credential."""


class LoginRequired(Offline):
    """The server refused to resume an offline session with the signing key: the user must log
    in online again with the password (a revoked key, a disabled account)."""


@dataclass
class Session:
    """The user working at the PC now."""

    user_id: str
    username: str
    display_name: str
    role: str
    wards: tuple[str, ...]
    licensed: bool
    online: bool
    rights: dict[str, Any] = field(default_factory=dict)  # title and prescribing rights (医务科)
    access: str | None = field(default=None, repr=False)
    signer: Signer | None = field(default=None, repr=False)  # this user's key on this PC


class Sessions:
    """Logs users in and out and keeps their tokens fresh (a TokenSource for the ServerLink)."""

    def __init__(
        self, store: LocalStore, link: ServerLink | None, *, grace_hours: int = OFFLINE_GRACE_HOURS
    ):
        self.store, self.link, self.grace = store, link, timedelta(hours=grace_hours)
        self.current: Session | None = None

    @property
    def signer(self) -> Signer | None:
        """The current user's signing key (None when nobody is logged in)."""
        return self.current.signer if self.current else None

    # TokenSource
    def access_token(self) -> str | None:
        """The current user's access token, if logged in online."""
        return self.current.access if self.current else None

    def renew(self) -> bool:
        """Swap the keyring's refresh token for new tokens; False when that is not possible."""
        if self.current is None or self.link is None:
            return False
        token = keystore.load_refresh_token(self.current.user_id)
        if not token:
            return False
        try:
            answer = self.link.request("POST", "/auth/refresh", body={"refresh_token": token})
        except (Refused, Offline):
            return False
        self._keep_tokens(answer)
        return True

    def resume(self) -> None:
        """Turn an offline session into an online one with the user's signing key (POST
        /auth/key-login), no password; Offline when unreachable, LoginRequired when refused."""
        session = self.current
        if session is None or session.signer is None or self.link is None:
            raise LoginRequired("log in online to sync")
        signer = session.signer

        def body() -> dict[str, Any]:  # a fresh nonce for every attempt: each is good for one use
            fields = signing_keys.key_login_body(signer)
            return fields | device_key.login_fields(
                self.store.engine, self.store.device_id, session.user_id,
                issued_at=fields["issued_at"], nonce=fields["nonce"])  # fmt: skip

        try:
            answer = self.link.request("POST", "/auth/key-login", body=body)
        except Refused as exc:
            raise LoginRequired(
                f"the server asks for a new login with the password: {exc}"
            ) from exc
        self._keep_tokens(answer)
        session.online = True

    def login(self, username: str, password: str) -> Session:
        """Log in online; fall back to the cached verifier only when the server cannot be reached."""
        if self.link is not None:
            private_key = signing.new_private_key()  # a fresh key pair for every online login
            try:
                answer = self.link.request("POST", "/auth/login", body=lambda: {
                    "username": username, "password": password, "device_id": self.store.device_id,
                    "signing_key": signing.public_key_of(private_key),
                } | device_key.login_fields(self.store.engine, self.store.device_id, username))  # fmt: skip
            except Refused as exc:
                raise LoginRefused(str(exc)) from exc
            except Offline:
                return self._login_offline(username, password)
            session = self._session(answer["user"], online=True)
            session.signer = Signer(
                private_key, user_id=session.user_id, device_id=self.store.device_id
            )
            self.current = session
            self._keep_tokens(answer)
            self._cache_login(answer["user"], password, session.signer)
            return session
        return self._login_offline(username, password)

    def _session(self, user: dict[str, Any], *, online: bool) -> Session:
        return Session(
            user_id=user["user_id"], username=user["username"], display_name=user["display_name"],
            role=user["role"], wards=tuple(user["wards"]), licensed=bool(user.get("licensed", True)), online=online,
            rights=dict(user.get("rights") or {}),
        )  # fmt: skip

    def _keep_tokens(self, answer: dict[str, Any]) -> None:
        assert self.current is not None
        self.current.access = answer["access_token"]
        keystore.save_refresh_token(self.current.user_id, answer["refresh_token"])

    def _cache_login(self, user: dict[str, Any], password: str, signer: Signer) -> None:
        """Keep the verifier for offline login and the key sealed under the same password."""
        verifier_row = self._verifier_row(user, password)
        key_row = signing_keys.sealed_row(signer, password)
        with self.store.writing() as conn:
            conn.execute(delete(cached_logins).where(cached_logins.c.username == user["username"]))
            conn.execute(insert(cached_logins).values(**verifier_row))
            signing_keys.keep(conn, key_row)

    def _verifier_row(self, user: dict[str, Any], password: str) -> dict[str, Any]:
        row = {
            "username": user["username"], "user_id": user["user_id"], "display_name": user["display_name"],
            "role": user["role"], "wards": ",".join(user["wards"]), "licensed": bool(user.get("licensed", True)),
            "rights": orjson.dumps(user.get("rights") or {}).decode(),
            "verifier": hash_password(password), "cached_at": now_iso(), "failed_attempts": 0, "locked_until": None,
        }  # fmt: skip
        return row

    def _login_offline(self, username: str, password: str) -> Session:
        row = self._check_cached(username, password, enforce_grace=True)
        signer = signing_keys.unseal_newest(self.store, row.user_id, password)
        if signer is None:
            raise LoginRefused("the server cannot be reached and this user has no signing key on "
                               "this computer yet; log in online once")  # fmt: skip
        user = {"user_id": row.user_id, "username": row.username, "display_name": row.display_name,
                "role": row.role, "wards": row.wards.split(","), "licensed": row.licensed,
                "rights": orjson.loads(row.rights or "{}")}  # fmt: skip
        self.current = self._session(user, online=False)
        self.current.signer = signer
        with self.store.writing() as conn:
            state.put(conn, "last_offline_login", now_iso())
        return self.current

    def confirm_password(self, password: str) -> None:
        """Check the current user's password locally (unlocking the screen); LoginRefused if wrong.
        Failures count towards the same local lockout as offline login."""
        if self.current is None:
            raise LoginRefused("nobody is logged in")
        self._check_cached(self.current.username, password, enforce_grace=False)

    def verify_cosigner(self, username: str, password: str) -> Session:
        """A second person's check on this PC (a high-alert dose): their cached verifier must match.
        They must have logged in online here before; the current user cannot witness themself.
        Failures count towards the same local lockout as offline login."""
        if self.current is not None and username == self.current.username:
            raise LoginRefused("the second check must be made by another person")
        row = self._check_cached(username, password, enforce_grace=True)
        user = {"user_id": row.user_id, "username": row.username, "display_name": row.display_name,
                "role": row.role, "wards": row.wards.split(","), "licensed": row.licensed,
                "rights": orjson.loads(row.rights or "{}")}  # fmt: skip
        return self._session(user, online=False)

    def _check_cached(self, username: str, password: str, *, enforce_grace: bool) -> Any:
        """The cached login row when password matches its verifier; LoginRefused otherwise."""
        with self.store.writing() as conn:
            row = conn.execute(
                select(cached_logins).where(cached_logins.c.username == username)
            ).first()
            refusal = self._offline_refusal(row, enforce_grace=enforce_grace)
            if refusal is None and row is not None and verify_password(row.verifier, password):
                conn.execute(update(cached_logins).where(cached_logins.c.username == username).values(
                    failed_attempts=0, locked_until=None))  # fmt: skip
                return row
            if refusal is None and row is not None:
                refusal = self._count_offline_failure(conn, row)
        raise LoginRefused(refusal or "wrong user name or password")

    def _offline_refusal(self, row: Any, *, enforce_grace: bool = True) -> str | None:
        if row is None:
            return "the server cannot be reached and this user has not logged in online on this computer"
        if enforce_grace and parse_iso(row.cached_at) + self.grace < utc_now():
            return "the server cannot be reached and this user's offline login has expired; log in online first"
        if row.locked_until and parse_iso(row.locked_until) > utc_now():
            return f"locked after repeated failures until {row.locked_until}"
        return None

    def _count_offline_failure(self, conn: Any, row: Any) -> str:
        failures = row.failed_attempts + 1
        values: dict[str, Any] = {"failed_attempts": failures}
        if failures >= OFFLINE_MAX_FAILURES:
            values = {
                "failed_attempts": 0,
                "locked_until": iso(utc_now() + timedelta(minutes=OFFLINE_LOCKOUT_MINUTES)),
            }
        conn.execute(
            update(cached_logins).where(cached_logins.c.username == row.username).values(**values)
        )
        return "wrong user name or password"

    def logout(self) -> None:
        """End the current session."""
        if self.current is not None:
            self.end(self.current)
        self.current = None

    def end(self, session: Session) -> None:
        """Revoke a session on the server when reachable and forget its refresh token."""
        if self.link is not None and session.access:
            with contextlib.suppress(Refused, Offline):
                self.link.request("POST", "/auth/logout", bearer=session.access)
        keystore.forget_refresh_token(session.user_id)

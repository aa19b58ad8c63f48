"""Device credentials, trust on first use: a station proves its device id with its device key.

Device ids travel in every pull, so an id alone proves nothing. Every login of a real station
carries the device's Ed25519 public key and its signature over the user, the device id, its
time (at most MAX_DEVICE_PROOF_AGE_S old: a PC with a wrong clock still logs in) and a nonce. The first login that proves a key for an unclaimed id claims the id for that key
(after the password or signing key proved the user); from then on a login on that id must prove
the same key, or it is refused `device_mismatch` before any password is checked. A revoked device
id never logs in again. Ids nobody has claimed (tests, tools) log in without a proof."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, update

from workstation.clock import MAX_DEVICE_PROOF_AGE_S, now_iso, parse_iso, utc_now
from workstation.security import signing
from workstation.server import audit, auth
from workstation.server.audit import AuditEntry
from workstation.server.auth import AuthError
from workstation.server.db import writer
from workstation.server.models import device_keys, key_login_nonces

MIN_NONCE, MAX_NONCE = 16, 64


@dataclass(frozen=True, slots=True)
class DeviceProof:
    """A login's device credential: the public key and its signature of the login message."""

    public_key: str
    issued_at: str
    nonce: str
    signature: str

    @classmethod
    def of(cls, body: dict[str, Any]) -> DeviceProof | None:
        """The proof carried by a login body (None without `device_key`)."""
        if body.get("device_key") is None:
            return None
        return cls(body["device_key"], str(body.get("issued_at") or ""),
                   str(body.get("nonce") or ""), str(body.get("device_proof") or ""))  # fmt: skip


def registered(conn: Connection, device_id: str) -> Any:
    """The device_keys row of a device id (None when nobody claimed it)."""
    return conn.execute(select(device_keys).where(device_keys.c.device_id == device_id)).first()


def _proof_problem(proof: DeviceProof, *, user: str, device_id: str) -> AuthError | None:
    if not MIN_NONCE <= len(proof.nonce) <= MAX_NONCE:
        return AuthError(
            "bad_request", f"the nonce must have {MIN_NONCE} to {MAX_NONCE} characters"
        )
    try:
        skew = abs((utc_now() - parse_iso(proof.issued_at)).total_seconds())
    except ValueError:
        return AuthError("bad_request", "issued_at must be a UTC timestamp")
    if skew > MAX_DEVICE_PROOF_AGE_S:
        return AuthError(
            "device_stale", "the device proof is not fresh (or this computer's clock is a week off)"
        )
    message = signing.device_login_message(
        user=user, device_id=device_id, issued_at=proof.issued_at, nonce=proof.nonce
    )
    if not signing.verify(proof.public_key, signing.DEVICE_LOGIN_PURPOSE, message, proof.signature):
        return AuthError("device_mismatch", "the device proof does not verify")
    return None


def refusal(
    conn: Connection, *, device_id: str, user: str, proof: DeviceProof | None, take_nonce: bool
) -> AuthError | None:
    """Why a login on device_id may not go on (checked before any password), or None. A nonce
    is taken (never accepted twice) when take_nonce; a key login takes its own, the same one."""
    row = registered(conn, device_id)
    if row is not None and row.revoked_at is not None:
        return AuthError("device_revoked", "this computer was revoked; it must be set up again "
                         "under a new device id")  # fmt: skip
    if proof is None:
        if row is None:
            return None  # an unclaimed id: a test or tool logging in by hand
        return AuthError("device_mismatch", "this device id belongs to another station")
    problem = _proof_problem(proof, user=user, device_id=device_id)
    if problem is None and row is not None and row.public_key != proof.public_key:
        problem = AuthError("device_mismatch", "this device id belongs to another station")
    if problem is None and take_nonce:
        used = select(key_login_nonces.c.nonce).where(key_login_nonces.c.nonce == proof.nonce)
        if conn.execute(used).first():
            return AuthError("replayed", "this device proof was already used")
        conn.execute(insert(key_login_nonces).values(
            nonce=proof.nonce, user_id=user, used_at=now_iso()))  # fmt: skip
    return problem


def check_login(
    engine: Engine, *, device_id: str, user: str, proof: DeviceProof | None, take_nonce: bool,
    address: str | None = None,
) -> None:  # fmt: skip
    """Raise the refusal of `refusal` once it is audited (`login_device_refused`, committed)."""
    with writer(engine) as conn:
        problem = refusal(conn, device_id=device_id, user=user, proof=proof, take_nonce=take_nonce)
        if problem is not None:
            detail = {"user": user, "reason": problem.code}
            if address is not None:
                detail["address"] = address
            audit.append(conn, [AuditEntry("login_device_refused", None, device_id=device_id,
                                           detail=detail)])  # fmt: skip
    if problem is not None:
        raise problem


def claim_after_login(
    engine: Engine, answer: dict[str, Any], *, device_id: str, proof: DeviceProof | None
) -> None:
    """Claim an unclaimed id for the proof's key once the login succeeded; when another key won
    the id meanwhile, end the login just issued and refuse it."""
    with writer(engine) as conn:
        ok = claim(conn, device_id=device_id, user_id=answer["user"]["user_id"], proof=proof)
    if not ok:
        auth.logout(engine, answer["access_token"])
        raise AuthError("device_mismatch", "this device id belongs to another station")


def claim(conn: Connection, *, device_id: str, user_id: str, proof: DeviceProof | None) -> bool:
    """After the user was proven: register the proof's key for an unclaimed device id (audited);
    False when the id is now held by another key (a concurrent first login won)."""
    if proof is None:
        return registered(conn, device_id) is None
    row = registered(conn, device_id)
    if row is not None:
        return row.revoked_at is None and row.public_key == proof.public_key
    conn.execute(insert(device_keys).values(
        device_id=device_id, public_key=proof.public_key, registered_at=now_iso()))  # fmt: skip
    audit.append(conn, [AuditEntry("device_key_registered", user_id, device_id=device_id,
                                   detail={"key_id": signing.key_id(proof.public_key)})])  # fmt: skip
    return True


def revoke(conn: Connection, device_id: str) -> bool:
    """Revoke a device id for good (a key or not); True when it was not revoked before."""
    row = registered(conn, device_id)
    if row is None:
        conn.execute(insert(device_keys).values(
            device_id=device_id, public_key=None, registered_at=now_iso(), revoked_at=now_iso()))  # fmt: skip
        return True
    if row.revoked_at is not None:
        return False
    conn.execute(update(device_keys).where(device_keys.c.device_id == device_id)
                 .values(revoked_at=now_iso()))  # fmt: skip
    return True

"""The HL7 interface's identity: a user of role `interface` and, per server process, an Ed25519
key registered for that user on the interface's device. Its events are signed with that key and
verified on the push path like any station's; the private key never leaves the process.

One key per process, not per Inbox: the MLLP listener's Inbox, the interface queue's and a
patient import in the same process sign with the same key (registering it again is a no-op), so
keys no longer pile up one per Inbox. Each process has its own: two serve processes sharing a
database each sign with their own registered key, and neither retires the other's."""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, func, select

from workstation.clock import now_iso
from workstation.domain.enums import Role
from workstation.events.envelope import Event
from workstation.ids import uuid7
from workstation.security.signing import Signer, new_private_key
from workstation.server import auth, signing_keys
from workstation.server.auth import User
from workstation.server.db import writer
from workstation.server.models import events, users
from workstation.server.models import signing_keys as signing_keys_table

USERNAME = "hl7-interface"
DEVICE_ID = "hl7-mllp"

_PROCESS_KEY: list[bytes] = []  # this process's private key, made on first use
_PROCESS_KEY_LOCK = threading.Lock()


@dataclass(frozen=True)
class InterfaceIdentity:
    """Who the interface's events are by, and the key that signs them."""

    user: User
    signer: Signer

    def signed(self, content: dict[str, Any]) -> Event:
        """The event (content the server made: the push checks its envelope and payload, as a
        station's, before it is stored) signed by the interface."""
        return self.signer.sign_event(Event(**content))

    def sign(self, wire: dict[str, Any]) -> dict[str, Any]:
        """The wire event signed by the interface."""
        return self.signed(wire).to_wire()


def ensure(engine: Engine) -> InterfaceIdentity:
    """The interface user (created on first use, with a password nobody knows: it never logs in)
    and this process's signing key, registered for it (again: a no-op when it is already)."""
    with writer(engine) as conn:
        row = conn.execute(select(users.c.user_id).where(users.c.username == USERNAME)).first()
        if row is None:
            user_id = auth.add_user(
                conn, username=USERNAME, password=secrets.token_urlsafe(32),
                display_name="HL7 interface (HIS, LIS)", role=Role.INTERFACE.value, wards=[],
            )  # fmt: skip
        else:
            user_id = row.user_id
        user = auth.all_users(conn).get(user_id)
        if user is None or user.role != Role.INTERFACE.value:
            raise RuntimeError(f"user {USERNAME} is disabled or not of role interface")
        signer = _process_signer(conn, user_id)
    return InterfaceIdentity(user, signer)


def _process_signer(conn: Connection, user_id: str) -> Signer:
    """This process's key registered for the interface user; a fresh one when it was revoked
    (the device or the user's keys revoked by an admin: it signs nothing again)."""
    with _PROCESS_KEY_LOCK:
        if _PROCESS_KEY:
            signer = Signer(_PROCESS_KEY[0], user_id=user_id, device_id=DEVICE_ID)
            revoked = conn.execute(select(signing_keys_table.c.revoked_at)
                                   .where(signing_keys_table.c.key_id == signer.key_id)).first()  # fmt: skip
            if revoked is None or revoked.revoked_at is None:
                signing_keys.register(conn, user_id=user_id, device_id=DEVICE_ID,
                                      public_key=signer.public_key)  # fmt: skip
                return signer
        _PROCESS_KEY[:] = [new_private_key()]
        signer = Signer(_PROCESS_KEY[0], user_id=user_id, device_id=DEVICE_ID)
        signing_keys.register(conn, user_id=user_id, device_id=DEVICE_ID,
                              public_key=signer.public_key)  # fmt: skip
        return signer


def signed_events(conn: Connection, identity: InterfaceIdentity,
                  items: list[tuple[str, str, dict[str, Any]]]) -> list[dict[str, Any]]:  # fmt: skip
    """(type, patient_id, payload) as wire events by the interface, numbered on its device after
    the last one recorded (the caller holds the write lock), signed."""
    last = conn.execute(select(func.max(events.c.device_seq))
                        .where(events.c.device_id == DEVICE_ID)).scalar() or 0  # fmt: skip
    at = now_iso()
    return [identity.sign({
        "event_id": uuid7(), "type": event_type, "patient_id": patient_id,
        "author_id": identity.user.user_id, "device_id": DEVICE_ID, "device_seq": last + n,
        "recorded_at": at, "payload": payload,
    }) for n, (event_type, patient_id, payload) in enumerate(items, start=1)]  # fmt: skip

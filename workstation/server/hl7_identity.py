"""The HL7 interface's identity: a user of role `interface` and, per server process, an Ed25519
key registered for that user on the interface's device. Its events are signed with that key and
verified on the push path like any station's; the private key never leaves the process."""

from __future__ import annotations

import secrets
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

USERNAME = "hl7-interface"
DEVICE_ID = "hl7-mllp"


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
    and a fresh signing key registered for it now."""
    signer_key = new_private_key()
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
        signer = Signer(signer_key, user_id=user_id, device_id=DEVICE_ID)
        signing_keys.register(conn, user_id=user_id, device_id=DEVICE_ID,
                              public_key=signer.public_key)  # fmt: skip
    return InterfaceIdentity(user, signer)


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

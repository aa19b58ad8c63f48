"""Signed events for tests that push by hand: the one place that registers test keys and signs.

Over HTTP a test logs in with `signing_key=public_key_of(private)` (as a station does) and signs
with `sign_wire(private, wire)`; a test calling `sync.push` directly uses `ServerKeys`, which
registers a key for each (author, device) pair on first use, as a server-side loader does."""

from __future__ import annotations

import weakref
from typing import Any

from sqlalchemy import Engine

from workstation.events.envelope import MalformedEvent, event_from_wire
from workstation.security import signing
from workstation.server import signing_keys
from workstation.server.db import writer

LONG_AGO = "2000-01-01T00:00:00.000Z"  # for keys that must cover events dated in the past


def sign_wire(private_key: bytes, wire: Any) -> Any:
    """The wire event with a signature by private_key (whoever it names as author); anything that
    is not a readable event is returned as it is, for tests of malformed input."""
    try:
        event = event_from_wire(wire)
    except MalformedEvent:
        return wire
    signature = signing.sign(private_key, signing.EVENT_PURPOSE, event.signing_bytes())
    return {**wire, "signature": signature}


class ServerKeys:
    """Keys registered straight in a server database for test authors, one per (user, device)."""

    def __init__(self, engine: Engine, *, registered_at: str | None = None):
        self.engine, self.registered_at = engine, registered_at
        self.private: dict[tuple[str, str], bytes] = {}

    def key(self, user_id: str, device_id: str) -> bytes:
        """The private key of (user, device), registered on the server on first use."""
        pair = (user_id, device_id)
        if pair not in self.private:
            private = signing.new_private_key()
            with writer(self.engine) as conn:
                signing_keys.register(conn, user_id=user_id, device_id=device_id,
                                      public_key=signing.public_key_of(private),
                                      registered_at=self.registered_at)  # fmt: skip
            self.private[pair] = private
        return self.private[pair]

    def sign(self, wire: Any) -> Any:
        """The wire event signed by its author's key for its device."""
        try:
            event = event_from_wire(wire)
        except MalformedEvent:
            return wire
        return sign_wire(self.key(event.author_id, event.device_id), wire)

    def sign_all(self, wires: list[Any]) -> list[Any]:
        """Every wire event signed by its author."""
        return [self.sign(wire) for wire in wires]


_BY_ENGINE: weakref.WeakKeyDictionary[Engine, ServerKeys] = weakref.WeakKeyDictionary()


def server_keys(engine: Engine, *, registered_at: str | None = LONG_AGO) -> ServerKeys:
    """The ServerKeys of a server database (made on first use), for helpers that get an engine."""
    if engine not in _BY_ENGINE:
        _BY_ENGINE[engine] = ServerKeys(engine, registered_at=registered_at)
    return _BY_ENGINE[engine]

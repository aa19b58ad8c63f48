"""The signature check of a push: each event must be signed by its author with a key registered
for the event's own device, unrevoked, and not used to date a fact before the key existed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import Connection, select, tuple_

from workstation.clock import MAX_CLOCK_SKEW_S, iso, parse_iso
from workstation.events.envelope import Event
from workstation.security import signing
from workstation.server.models import signing_keys
from workstation.server.signing_keys import SigningKey

MAX_KEYS_TRIED = 16  # bounds the work a forged batch can cost (one verify is ~0.1 ms)


@dataclass(frozen=True, slots=True)
class Key:
    """A registered key of an (author, device) pair as a push weighs it."""

    key: SigningKey
    revoked: bool
    earliest: str  # registered_at minus the allowed skew: nothing it signs may be dated before


@dataclass
class AuthorKeys:
    """Every key (revoked ones too, to word a refusal) of the (author, device) pairs of a batch,
    newest first; the key that last verified for a pair is tried first."""

    by_pair: dict[tuple[str, str], list[Key]]
    last_good: dict[tuple[str, str], Key] = field(default_factory=dict)

    @classmethod
    def load(cls, conn: Connection, batch: Iterable[Event]) -> AuthorKeys:
        """One query for the keys of the batch's (author, device) pairs."""
        wanted = sorted({(e.author_id, e.device_id) for e in batch})
        k = signing_keys.c
        by_pair: dict[tuple[str, str], list[Key]] = {}
        for start in range(0, len(wanted), 200):
            rows = conn.execute(
                select(
                    k.key_id, k.user_id, k.device_id, k.public_key, k.registered_at, k.revoked_at
                )  # fmt: skip
                .where(tuple_(k.user_id, k.device_id).in_(wanted[start : start + 200]))
                .order_by(k.registered_at.desc())
            )
            for r in rows:
                earliest = iso(parse_iso(r.registered_at) - timedelta(seconds=MAX_CLOCK_SKEW_S))
                key = SigningKey(r.key_id, r.user_id, r.device_id, r.public_key, r.registered_at)
                by_pair.setdefault((r.user_id, r.device_id), []).append(
                    Key(key, r.revoked_at is not None, earliest)
                )
        return cls(by_pair)

    def likely_key(self, event: Event) -> Key | None:
        """The key the event most likely carries: its pair's newest whose window holds it."""
        keys = self.by_pair.get((event.author_id, event.device_id), ())
        return next((k for k in keys if k.earliest <= event.recorded_at), None)

    def refusal(
        self, event: Event, message: bytes | None = None, checked: tuple[Key, bool] | None = None
    ) -> tuple[str, str] | None:
        """(code, message) when the event's signature does not prove its author, else None;
        `message` is the event's signing_bytes() when the caller has them already, `checked` a
        key and whether this signature verified with it (push_ahead), so it is not verified again."""
        if event.signature is None:
            return "unsigned", "the event carries no signature of its author"
        pair = (event.author_id, event.device_id)
        keys = self.by_pair.get(pair, [])
        if not keys:
            return "bad_signature", "the author has no signing key registered for this device"
        signer = self._signer(event, pair, keys, message or event.signing_bytes(), checked)
        if signer is None:
            return "bad_signature", "the signature is not the author's for this device"
        if signer.revoked:
            return "revoked_key", "the author's signing key for this device was revoked"
        if event.recorded_at < signer.earliest:
            return "backdated", (
                f"recorded_at {event.recorded_at} is before the signing key was registered "
                f"({signer.key.registered_at})"
            )
        self.last_good[pair] = signer
        return None

    def _signer(
        self, event: Event, pair: tuple[str, str], keys: list[Key], message: bytes,
        checked: tuple[Key, bool] | None,
    ) -> Key | None:  # fmt: skip
        """The key whose signature this is: first those whose window holds the event."""
        signature = event.signature or ""

        def verifies(candidate: Key) -> bool:
            if checked is not None and checked[0] is candidate:
                return checked[1]
            return signing.verify(candidate.key.parsed, signing.EVENT_PURPOSE, message, signature)

        first = self.last_good.get(pair)
        if first is not None and verifies(first):
            return first  # the usual case: the key that verified the pair's previous event
        in_window = [k for k in keys if k.earliest <= event.recorded_at and k is not first]
        outside = [k for k in keys if k.earliest > event.recorded_at and k is not first]
        tried = in_window + outside
        for candidate in tried[: MAX_KEYS_TRIED - (first is not None)]:
            if verifies(candidate):
                return candidate
        return None

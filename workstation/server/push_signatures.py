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


Verdicts = tuple[tuple[Key, bool], ...]  # keys a signature was tried with, and the outcome


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

    def candidates(self, event: Event, first: Key | None) -> list[Key]:
        """The keys to try for the event, in order: `first` (the key that verified the pair's
        previous event), then the pair's keys whose window holds the event, newest first, then
        the others; at most MAX_KEYS_TRIED."""
        keys = self.by_pair.get((event.author_id, event.device_id), ())
        in_window = [k for k in keys if k.earliest <= event.recorded_at and k is not first]
        outside = [k for k in keys if k.earliest > event.recorded_at and k is not first]
        head = [first] if first is not None else []
        return (head + in_window + outside)[:MAX_KEYS_TRIED]

    def refusal(
        self, event: Event, message: bytes | None = None, checked: Verdicts = ()
    ) -> tuple[str, str] | None:
        """(code, message) when the event's signature does not prove its author, else None;
        `message` is the event's signing_bytes() when the caller has them already, `checked` the
        keys this very signature was already tried with and whether it verified (push_ahead),
        so none of them is verified again."""
        if event.signature is None:
            return "unsigned", "the event carries no signature of its author"
        pair = (event.author_id, event.device_id)
        keys = self.by_pair.get(pair, [])
        if not keys:
            return "bad_signature", "the author has no signing key registered for this device"
        signer = self._signer(event, pair, message or event.signing_bytes(), checked)
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
        self, event: Event, pair: tuple[str, str], message: bytes, checked: Verdicts
    ) -> Key | None:
        """The key whose signature this is: the pair's last good key, then those whose window
        holds the event."""
        first = self.last_good.get(pair)
        if first is not None and _verifies(first, event, message, checked):
            return first  # the usual case: the key that verified the pair's previous event
        for candidate in self.candidates(event, first)[first is not None :]:
            if _verifies(candidate, event, message, checked):
                return candidate
        return None

    def search(self, event: Event, message: bytes, first: Key | None) -> Verdicts:
        """Every key tried for the event's signature, in candidates() order from `first`, up
        to the first that verifies: the verdicts push_ahead works out before the decision."""
        if first is not None and _verifies(first, event, message, ()):
            return ((first, True),)  # the usual case, without building the candidates
        tried: list[tuple[Key, bool]] = [(first, False)] if first is not None else []
        for candidate in self.candidates(event, first)[len(tried) :]:
            good = _verifies(candidate, event, message, ())
            tried.append((candidate, good))
            if good:
                break
        return tuple(tried)


def _verifies(candidate: Key, event: Event, message: bytes, checked: Verdicts) -> bool:
    """Whether the event's signature verifies with the candidate key (a verdict in `checked`
    is that very verification, made earlier)."""
    for key, good in checked:
        if key is candidate:
            return good
    return signing.verify(candidate.key.parsed, signing.EVENT_PURPOSE, message,
                          event.signature or "")  # fmt: skip

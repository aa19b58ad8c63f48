"""Work of a push done ahead, in a worker thread, while the push decides its events in order:
each event's canonical bytes, their SHA-256 (the content hash) and the verification of its
signature with the key it most likely carries (push_signatures.AuthorKeys.likely_key).

Ed25519 verification (libsodium through cffi) runs without the GIL, so on a server with a spare
core a large batch's signatures are checked beside its rules rather than before them. Nothing is
taken on trust: a verification is a pure function of key, message and signature, the decision
still takes every result in order, and verifies itself with any key that was not the guess. A
small batch (an interface message, a station's few events) is worked out in place."""

from __future__ import annotations

import hashlib
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from workstation.events.envelope import Event
from workstation.security import signing
from workstation.server.push_signatures import AuthorKeys, Key

CHUNK = 50  # events per task handed to the worker
IN_PLACE_BELOW = 2 * CHUNK  # smaller batches are not worth a hand-over

_POOL: ThreadPoolExecutor | None = None
_POOL_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class Prepared:
    """One event's canonical bytes, content hash and, when a key was guessed, its verdict."""

    message: bytes
    content_hash: str
    checked: tuple[Key, bool] | None  # (the likely key, whether the signature verified with it)


def _pool() -> ThreadPoolExecutor:
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cw-push-verify")
        return _POOL


def _prepare(event: Event, keys: AuthorKeys, verify: bool) -> Prepared:
    message = event.signing_bytes()
    content_hash = hashlib.sha256(message).hexdigest()
    key = keys.likely_key(event) if verify and event.signature is not None else None
    if key is None:
        return Prepared(message, content_hash, None)
    good = signing.verify(key.key.parsed, signing.EVENT_PURPOSE, message, event.signature or "")
    return Prepared(message, content_hash, (key, good))


def _prepare_all(events: list[Event], keys: AuthorKeys, known: frozenset[str]) -> list[Prepared]:
    return [_prepare(e, keys, e.event_id not in known) for e in events]


class Ahead:
    """The prepared work of a batch's events, by their position among the batch's events. While
    the decision waits for a chunk the worker has not finished, it takes the last chunk the
    worker has not started and works it out itself (so neither thread idles)."""

    def __init__(self, events: list[Event], keys: AuthorKeys, known: frozenset[str]):
        self.events, self.keys, self.known = events, keys, known
        self.chunks: list[Future[list[Prepared]]] = []
        self.taken: dict[int, list[Prepared]] = {}  # chunks worked out here instead
        if len(events) >= IN_PLACE_BELOW:
            pool = _pool()
            self.chunks = [pool.submit(_prepare_all, events[i : i + CHUNK], keys, known)
                           for i in range(0, len(events), CHUNK)]  # fmt: skip

    def get(self, index: int) -> Prepared:
        """The prepared work of the index-th event (waits for its chunk when handed over)."""
        if not self.chunks:
            event = self.events[index]
            return _prepare(event, self.keys, event.event_id not in self.known)
        number = index // CHUNK
        while number not in self.taken and not self.chunks[number].done():
            spare = self._take_last_unstarted(number)
            if spare is None:
                break
            start = spare * CHUNK
            self.taken[spare] = _prepare_all(
                self.events[start : start + CHUNK], self.keys, self.known
            )
        done = self.taken.get(number)
        return (done if done is not None else self.chunks[number].result())[index % CHUNK]

    def _take_last_unstarted(self, after: int) -> int | None:
        for number in range(len(self.chunks) - 1, after - 1, -1):
            if number not in self.taken and self.chunks[number].cancel():
                return number
        return None

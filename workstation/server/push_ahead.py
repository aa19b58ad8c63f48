"""Work of a push done ahead, in a worker thread, while the push decides its events in order:
each event's canonical bytes, their SHA-256 (the content hash) and the verification of its
signature: the pair's keys tried in the order the decision tries them (the key that verified the
pair's previous event first, push_signatures.AuthorKeys.search) up to the one that verifies, so
the decision finds every verdict it needs made (a station whose user logged in again holds a
newer key than the one its outbox was signed with: a guess of the newest key verified each such
event twice).

Ed25519 verification (libsodium through cffi) runs without the GIL, so on a server with a spare
core a large batch's signatures are checked beside its rules rather than before them. Nothing is
taken on trust: a verification is a pure function of key, message and signature, the decision
still takes every result in order, and verifies itself with any key not tried ahead. A
small batch (an interface message, a station's few events) is worked out in place."""

from __future__ import annotations

import hashlib
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from workstation.events.envelope import Event
from workstation.server.push_signatures import AuthorKeys, Key, Verdicts

CHUNK = 50  # events per task handed to the worker
IN_PLACE_BELOW = 2 * CHUNK  # smaller batches are not worth a hand-over

Pair = tuple[str, str]  # (author_id, device_id)

_POOL: ThreadPoolExecutor | None = None
_POOL_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class Prepared:
    """One event's canonical bytes, content hash and the verdicts of the keys tried ahead."""

    message: bytes
    content_hash: str
    checked: Verdicts  # (key, whether the signature verified with it), the last one the signer


def _pool() -> ThreadPoolExecutor:
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cw-push-verify")
        return _POOL


def _prepare(event: Event, keys: AuthorKeys, verify: bool, hints: dict[Pair, Key]) -> Prepared:
    """`hints`: the key that last verified for each (author, device) pair here, tried first."""
    message = event.signing_bytes()
    content_hash = hashlib.sha256(message).hexdigest()
    if not verify or event.signature is None:
        return Prepared(message, content_hash, ())
    pair = (event.author_id, event.device_id)
    checked = keys.search(event, message, hints.get(pair))
    if checked and checked[-1][1]:
        hints[pair] = checked[-1][0]
    return Prepared(message, content_hash, checked)


def _prepare_all(
    events: list[Event], keys: AuthorKeys, known: frozenset[str], hints: dict[Pair, Key]
) -> list[Prepared]:
    return [_prepare(e, keys, e.event_id not in known, hints) for e in events]


class Ahead:
    """The prepared work of a batch's events, by their position among the batch's events. While
    the decision waits for a chunk the worker has not finished, it takes the last chunk the
    worker has not started and works it out itself (so neither thread idles)."""

    def __init__(self, events: list[Event], keys: AuthorKeys, known: frozenset[str]):
        self.events, self.keys, self.known = events, keys, known
        self.hints: dict[Pair, Key] = {}  # a guess only: each verdict is tied to its key
        self.chunks: list[Future[list[Prepared]]] = []
        self.taken: dict[int, list[Prepared]] = {}  # chunks worked out here instead
        if len(events) >= IN_PLACE_BELOW:
            pool = _pool()
            self.chunks = [pool.submit(_prepare_all, events[i : i + CHUNK], keys, known, self.hints)
                           for i in range(0, len(events), CHUNK)]  # fmt: skip

    def get(self, index: int) -> Prepared:
        """The prepared work of the index-th event (waits for its chunk when handed over)."""
        if not self.chunks:
            event = self.events[index]
            return _prepare(event, self.keys, event.event_id not in self.known, self.hints)
        number = index // CHUNK
        while number not in self.taken and not self.chunks[number].done():
            spare = self._take_last_unstarted(number)
            if spare is None:
                break
            start = spare * CHUNK
            self.taken[spare] = _prepare_all(
                self.events[start : start + CHUNK], self.keys, self.known, self.hints
            )
        done = self.taken.get(number)
        return (done if done is not None else self.chunks[number].result())[index % CHUNK]

    def _take_last_unstarted(self, after: int) -> int | None:
        for number in range(len(self.chunks) - 1, after - 1, -1):
            if number not in self.taken and self.chunks[number].cancel():
                return number
        return None

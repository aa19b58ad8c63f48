"""Mutations of valid /sync/push batches for the fuzzer: wrong types, huge and negative numbers,
deep nesting, long and odd text, missing and extra fields, duplicate ids, broken JSON.

Every choice comes from the `random.Random` passed in, so a seed replays the same mutations
(of batches whose own ids and times are new in each run)."""

from __future__ import annotations

import copy
import random
import uuid
from collections.abc import Callable
from typing import Any

import orjson


class Raw:
    """JSON text sent as is (NaN, a lone surrogate, a number no parser holds)."""

    def __init__(self, text: str):
        self.text = text


RAW_TOKENS = ["NaN", "Infinity", "-Infinity", "1e400", "-1e400", '"\\ud800"', '"a\\udfff"',
              "123456789012345678901234567890", "-0", "1E-400", '"\\u0000"']  # fmt: skip


def _deep(depth: int) -> Any:
    """Arrays and objects nested depth levels, as raw JSON text (orjson writes at most 255)."""
    text = "1"
    for level in range(depth):
        text = f"[{text}]" if level % 2 else f'{{"n":{text}}}'
    return Raw(text)


NASTY: list[Any] = [
    None, True, False, 0, -1, 1, 2**31 - 1, 2**31, 2**53, -(2**53) - 1, 2**63 - 1, 2**63,
    2**64 - 1, -(2**63), 1e308, -1e308, 5e-324, 0.5, -0.0, "", " ", "x" * 17, "x" * 33,
    "x" * 37, "x" * 65, "x" * 201, "x" * 501, "x" * 20_001, "\x00", "a\x00b", "😀" * 40,
    "\u202eRTL", "e\u0301", "１２３", "null", "true", "'; DROP TABLE events; --",
    "2026-13-45T99:99:99.999Z", "0000-00-00T00:00:00.000Z", "9999-12-31T23:59:59.999Z",
    "2026-01-31T08:00:00Z", "2026-01-31T08:00:00.000+08:00", "1900-02-29", [], {}, [1, 2, 3],
    ["a", "b"], {"a": "b"},
]  # fmt: skip
DEEP = [33, 300, 900]  # levels of nesting (built fresh: copy.deepcopy itself recurses)


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128)))


def nasty_value(rng: random.Random, known_ids: list[str]) -> Any:
    """One hostile value: a stock one, a raw JSON token, a fresh or already used UUID."""
    roll = rng.random()
    if roll < 0.12:
        return Raw(rng.choice(RAW_TOKENS))
    if roll < 0.2:
        return rng.choice(known_ids) if known_ids else _uuid(rng)
    if roll < 0.25:
        return _uuid(rng)
    if roll < 0.3:
        return _deep(rng.choice(DEEP))
    return copy.deepcopy(rng.choice(NASTY))


def _paths(event: dict[str, Any]) -> list[list[Any]]:
    """Every key path inside the event (envelope fields, payload fields, nested ones)."""
    found: list[list[Any]] = []
    pending: list[tuple[Any, list[Any]]] = [(event, [])]
    while pending:
        value, path = pending.pop()
        items = (
            value.items()
            if isinstance(value, dict)
            else enumerate(value)
            if isinstance(value, list)
            else ()
        )
        for key, child in items:
            found.append([*path, key])
            if len(path) < 4:
                pending.append((child, [*path, key]))
    return found


def _parent(event: dict[str, Any], path: list[Any]) -> Any:
    node: Any = event
    for key in path[:-1]:
        node = node[key]
    return node


def replace_value(rng: random.Random, event: dict[str, Any], ids: list[str]) -> dict[str, Any]:
    """A field anywhere in the event gets a hostile value."""
    path = rng.choice(_paths(event))
    _parent(event, path)[path[-1]] = nasty_value(rng, ids)
    return event


def drop_field(rng: random.Random, event: dict[str, Any], _ids: list[str]) -> dict[str, Any]:
    """A field anywhere in the event disappears."""
    path = rng.choice([p for p in _paths(event) if isinstance(p[-1], str)])
    del _parent(event, path)[path[-1]]
    return event


def add_field(rng: random.Random, event: dict[str, Any], ids: list[str]) -> dict[str, Any]:
    """An unknown field appears in the envelope or the payload (an odd or overlong key too)."""
    target = (
        event["payload"] if rng.random() < 0.6 and isinstance(event.get("payload"), dict) else event
    )
    key = rng.choice(["extra", "server_seq", "received_at", "signature", "k" * 300, "\x00", "键"])
    target[key] = nasty_value(rng, ids)
    return event


def retype(rng: random.Random, event: dict[str, Any], _ids: list[str]) -> dict[str, Any]:
    """The event claims another type than its payload was written for."""
    event["type"] = rng.choice(["PatientAdmitted", "OrderVerified", "EventVoided", "BreakGlassInvoked",
                                "RecordArchived", "Dispensed", "LabResulted", "PatientDischarged",
                                "DemographicsUpdated", "NoSuchEvent"])  # fmt: skip
    return event


def reuse_id(rng: random.Random, event: dict[str, Any], ids: list[str]) -> dict[str, Any]:
    """The event takes the id of one already sent (a replay with other content)."""
    if ids:
        event["event_id"] = rng.choice(ids)
    return event


def whole_event(rng: random.Random, _event: dict[str, Any], ids: list[str]) -> Any:
    """The event is not an object at all."""
    return nasty_value(rng, ids)


EVENT_MUTATIONS: list[Callable[[random.Random, dict[str, Any], list[str]], Any]] = [
    replace_value, replace_value, replace_value, drop_field, add_field, retype, reuse_id, whole_event,
]  # fmt: skip


def mutate_batch(rng: random.Random, batch: list[dict[str, Any]], ids: list[str]) -> list[Any]:
    """The batch with one to three of its events mutated (each by one to three mutations),
    sometimes an event twice or the events shuffled."""
    out: list[Any] = [copy.deepcopy(e) for e in batch]
    for index in rng.sample(range(len(out)), k=min(len(out), rng.randint(1, 3))):
        for _ in range(rng.randint(1, 3)):
            if isinstance(out[index], dict) and out[index]:
                out[index] = rng.choice(EVENT_MUTATIONS)(rng, out[index], ids)
    if rng.random() < 0.1:
        out.append(rng.choice(out))  # a duplicate id within the batch
    if rng.random() < 0.1:
        rng.shuffle(out)  # events before the admission they depend on
    return out


def encode(body: Any) -> bytes:
    """JSON bytes of body, with every Raw token spliced in as written."""
    raws: list[str] = []

    def mark(value: Any) -> str:
        if isinstance(value, Raw):
            raws.append(value.text)
            return f"@@raw{len(raws) - 1}@@"
        raise TypeError(type(value).__name__)

    data = orjson.dumps(body, default=mark)
    for number, text in enumerate(raws):
        data = data.replace(f'"@@raw{number}@@"'.encode(), text.encode(), 1)
    return data


def broken_body(rng: random.Random, batch: list[dict[str, Any]]) -> bytes:
    """A request body whose outer shape is wrong: not an object, events not a list, bad JSON,
    duplicate keys, too many events."""
    events = encode(batch)
    return rng.choice([
        b"", b"null", b"[]", events, b'{"events": {}}', b'{"events": null}', b'{"events": "x"}',
        b'{"events": ' + events + b', "events": 5}', b'{"events": ' + events[:-7],
        b'{"events": [], "extra": ' + encode(_deep(500)) + b"}",
        b'{"events": [' + b"{}," * 1000 + b"{}]}", b'{"events": ' + events + b"}" + b"\xff\xfe",
        b'\xef\xbb\xbf{"events": []}', b'{"events": [] ' + b" " * 20_000 + b"}",
    ])  # fmt: skip

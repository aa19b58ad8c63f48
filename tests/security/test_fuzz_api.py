"""Fuzzing the API in-process on SQLite and PostgreSQL: no request may reach a 500.

- a bounded, derandomized schemathesis run over every operation of /openapi.json with a valid
  bearer token (positive and negative cases), at least 1,000 requests;
- a seeded mutation fuzzer of /sync/push batches built from valid ward events, 1,000 requests."""

from __future__ import annotations

import collections
import contextlib
import random
from typing import Any

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.generation.modes import GenerationMode
from sqlalchemy import Engine
from starlette.testclient import TestClient

from tests.security.conftest import station
from tests.security.fuzz_events import FuzzStation, ward_batch
from tests.security.mutations import broken_body, encode, mutate_batch
from tests.support import ward as ward_support
from workstation.security import signing
from workstation.server import audit

MIN_REQUESTS = 1000
POSITIVE_EXAMPLES, NEGATIVE_EXAMPLES = 70, 30
FUZZ_SEED = 20261207


class Tally:
    """Status codes seen, and every answer of 500 or more with the request that caused it."""

    def __init__(self) -> None:
        self.statuses: collections.Counter[int] = collections.Counter()
        self.server_errors: list[str] = []

    def record(self, label: str, request: Any, status: int, text: str) -> None:
        self.statuses[status] += 1
        if status >= 500 and len(self.server_errors) < 20:
            self.server_errors.append(
                f"{label}: {status} {text[:200]}\n  request: {str(request)[:600]}"
            )

    @property
    def total(self) -> int:
        return sum(self.statuses.values())


def _has_inputs_to_negate(operation: Any) -> bool:
    raw = operation.definition.raw
    return "requestBody" in raw or any(p.get("in") == "query" for p in raw.get("parameters", []))


def _run_operation(operation: Any, mode: GenerationMode, examples: int, call: Any) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=examples, derandomize=True, database=None, deadline=None,
              suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate])  # fmt: skip
    def run(case: Any) -> None:
        call(case)

    with contextlib.suppress(Unsatisfiable):  # nothing to make invalid (a bare path parameter)
        run()


def test_schemathesis_finds_no_server_error(
    api: TestClient, ward: ward_support.TestWard, server_engine: Engine
) -> None:
    pharmacist = station(api, ward.pharmacist, "ws-schemathesis")  # hospital-wide, may publish
    schema = schemathesis.openapi.from_asgi("/openapi.json", api.app)
    tally = Tally()

    def call(case: Any) -> None:
        headers = pharmacist.headers
        if case.operation.path == "/auth/logout":  # a logout must not end the fuzzer's own login
            headers = station(api, ward.pharmacist, "ws-schemathesis-2").headers
        request = case.as_transport_kwargs(base_url="http://testserver", headers=headers)
        request.pop("cookies", None)  # none are generated; per-request cookies are deprecated
        answer = api.request(**request)
        tally.record(case.operation.label, request, answer.status_code, answer.text)

    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 17  # every route is documented
    for operation in operations:
        _run_operation(operation, GenerationMode.POSITIVE, POSITIVE_EXAMPLES, call)
        if _has_inputs_to_negate(operation):
            _run_operation(operation, GenerationMode.NEGATIVE, NEGATIVE_EXAMPLES, call)

    assert not tally.server_errors, "\n".join(tally.server_errors)
    assert tally.total >= MIN_REQUESTS, tally.statuses
    assert tally.statuses[200] > 50 and tally.statuses[400] > 50, (
        tally.statuses
    )  # both sides reached
    assert audit.verify(server_engine) is None


def _push(api: TestClient, doctor: FuzzStation, body: bytes) -> Any:
    return api.post("/sync/push", content=body,
                    headers={**doctor.headers, "Content-Type": "application/json"})  # fmt: skip


def test_mutated_push_batches_find_no_server_error(
    api: TestClient, ward: ward_support.TestWard, server_engine: Engine
) -> None:
    rng = random.Random(FUZZ_SEED)
    doctor = station(api, ward.doctor, "ws-fuzz")
    tally, results = Tally(), collections.Counter[str]()
    sent_ids: list[str] = []
    for number in range(MIN_REQUESTS):
        batch = ward_batch(doctor)[: rng.randint(1, 8)]
        if number % 10 == 0:  # now and then an untouched batch, so later ones find real records
            body = encode({"events": batch})
        elif rng.random() < 0.08:
            body = broken_body(rng, batch)
        else:
            body = encode({"events": mutate_batch(rng, batch, sent_ids)})
        answer = _push(api, doctor, body)
        tally.record(f"push #{number}", body[:600], answer.status_code, answer.text)
        if answer.status_code == 200:
            for result in answer.json()["results"]:
                results[result["status"]] += 1
        sent_ids.extend(e["event_id"] for e in batch[:2])
        del sent_ids[:-50]

    assert not tally.server_errors, "\n".join(tally.server_errors)
    assert tally.total == MIN_REQUESTS
    assert results["accepted"] > 500 and results["rejected"] > 500, (results, tally.statuses)
    assert tally.statuses[400] > 10, tally.statuses
    assert audit.verify(server_engine) is None


def test_the_mutation_fuzzer_is_reproducible() -> None:
    doctor = FuzzStation("author", "ws", {}, signing.new_private_key())
    batch = ward_batch(doctor)
    first = [encode(mutate_batch(random.Random(7), batch, ["x"])) for _ in range(3)]
    again = [encode(mutate_batch(random.Random(7), batch, ["x"])) for _ in range(3)]
    assert first == again

"""The poll's fast path (workstation.server.pull_route) takes only what it can read exactly;
everything else goes on to the FastAPI route, which answers it (errors included) as before."""

from __future__ import annotations

import pytest

from workstation.server.pull_route import bearer, parameters


@pytest.mark.parametrize(
    ("query", "expected"),
    [(b"", (0, 1000)), (b"after=12", (12, 1000)), (b"after=12&limit=5000", (12, 5000)),
     (b"limit=1&after=0", (0, 1))],
)  # fmt: skip
def test_plain_parameters_are_read(query: bytes, expected: tuple[int, int]) -> None:
    assert parameters(query) == expected


@pytest.mark.parametrize(
    "query",
    [b"after=-1", b"after=1e3", b"after=", b"after", b"limit=0", b"limit=5001", b"after=1&after=2",
     b"after=%31", b"cursor=1", b"after=99999999999999999999", b"after=9223372036854775808"],
)  # fmt: skip
def test_anything_else_is_left_to_the_route(query: bytes) -> None:
    assert parameters(query) is None


def test_the_bearer_token_is_read_as_the_app_reads_it() -> None:
    assert bearer([(b"host", b"x"), (b"authorization", b"Bearer  abc ")]) == "abc"
    assert bearer([(b"authorization", b"Basic abc")]) is None
    assert bearer([]) is None

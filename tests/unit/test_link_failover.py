"""The station's link over several server addresses: a down address is passed over at once,
the link stays with the one that answered, and only a whole round of failures waits."""

from __future__ import annotations

import httpx
import pytest

from offline_cache.link import Offline, ServerLink, server_addresses

A, B = "http://cw-a.hospital.example:8765", "http://cw-b.hospital.example:8765"


def _link(down: set[str], seen: list[str], waits: list[float], attempts: int = 4) -> ServerLink:
    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.host)
        if request.url.host in down:
            raise httpx.ConnectError("connection refused", request=request)
        return httpx.Response(200, json={"host": request.url.host})

    return ServerLink(f"{A} {B}", transport=httpx.MockTransport(answer), attempts=attempts,
                      sleep=waits.append)  # fmt: skip


def test_addresses_are_read_from_spaces_or_commas() -> None:
    assert server_addresses(f" {A}/, {B}\n") == [A, B]
    with pytest.raises(ValueError, match="no server address"):
        ServerLink("  ")


def test_a_down_address_is_passed_over_at_once_and_the_link_stays_with_the_other() -> None:
    seen: list[str] = []
    waits: list[float] = []
    link = _link({"cw-a.hospital.example"}, seen, waits)
    assert link.request("GET", "/sync/hello") == {"host": "cw-b.hospital.example"}
    assert link.request("GET", "/sync/hello") == {"host": "cw-b.hospital.example"}
    assert seen == ["cw-a.hospital.example", "cw-b.hospital.example", "cw-b.hospital.example"]
    assert waits == []  # no backoff before trying the second address


def test_only_a_whole_round_of_failures_waits_and_then_offline_names_every_address() -> None:
    seen: list[str] = []
    waits: list[float] = []
    link = _link({"cw-a.hospital.example", "cw-b.hospital.example"}, seen, waits, attempts=4)
    with pytest.raises(Offline) as raised:
        link.request("GET", "/sync/hello")
    assert seen == ["cw-a.hospital.example", "cw-b.hospital.example"] * 2
    assert len(waits) == 1  # after the first round; the last attempt does not wait
    assert "cw-a.hospital.example" in str(raised.value) and "cw-b" in str(raised.value)

"""Group commit (server.group_commit): what is handed in while a batch runs is taken together in
the next batch, in hand-in order; each caller gets its own outcome, its own failure only."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from workstation.server.group_commit import GroupCommit


class _Gated:
    """A batch function whose first batch waits until the test lets it go."""

    def __init__(self, fail: str | None = None):
        self.batches: list[list[str]] = []
        self.entered, self.release = threading.Event(), threading.Event()
        self.fail = fail

    def __call__(self, batch: list[str]) -> list[Any]:
        self.batches.append(list(batch))
        if len(self.batches) == 1:
            self.entered.set()
            assert self.release.wait(10)
        if self.fail is not None and self.fail in batch:
            raise OSError("the commit failed")
        return [ValueError(item) if item.startswith("bad") else item.upper() for item in batch]


def _run(group: GroupCommit[str, str], gated: _Gated, later: list[str]) -> dict[str, Any]:
    """Submit "first", then `later` from threads while the first batch runs; each outcome."""
    outcomes: dict[str, Any] = {}

    def submit(item: str) -> None:
        try:
            outcomes[item] = group.submit(item)
        except Exception as exc:  # noqa: BLE001 - the outcome under test
            outcomes[item] = exc

    threads = [threading.Thread(target=submit, args=("first",))]
    threads[0].start()
    assert gated.entered.wait(10)
    for item in later:
        threads.append(threading.Thread(target=submit, args=(item,)))
        threads[-1].start()
        handed_in = len(threads) - 1
        with group.turn:  # handed in, in this order, while the first batch runs
            assert group.turn.wait_for(lambda n=handed_in: group.waiting() == n, 10)
    gated.release.set()
    for thread in threads:
        thread.join(10)
    return outcomes


def test_items_handed_in_during_a_batch_share_the_next_one_each_with_its_own_outcome() -> None:
    gated = _Gated()
    group: GroupCommit[str, str] = GroupCommit(gated, limit=10)
    outcomes = _run(group, gated, ["b", "bad-c", "d"])
    assert gated.batches == [["first"], ["b", "bad-c", "d"]]
    assert outcomes["first"] == "FIRST" and outcomes["b"] == "B" and outcomes["d"] == "D"
    assert isinstance(outcomes["bad-c"], ValueError)  # raised in its own caller only


def test_a_failed_batch_fails_every_item_of_it_and_no_other() -> None:
    gated = _Gated(fail="c")
    group: GroupCommit[str, str] = GroupCommit(gated, limit=10)
    outcomes = _run(group, gated, ["b", "c"])
    assert outcomes["first"] == "FIRST"
    assert isinstance(outcomes["b"], OSError) and isinstance(outcomes["c"], OSError)
    assert group.submit("after") == "AFTER"  # the group goes on


@pytest.mark.parametrize(
    ("limit", "expected"), [(2, [["b", "c"], ["d"]]), (1, [["b"], ["c"], ["d"]])]
)
def test_a_batch_holds_at_most_its_limit(limit: int, expected: list[list[str]]) -> None:
    gated = _Gated()
    group: GroupCommit[str, str] = GroupCommit(gated, limit=limit)
    _run(group, gated, ["b", "c", "d"])
    assert gated.batches == [["first"], *expected]


def test_an_item_heavier_than_the_limit_goes_alone() -> None:
    gated = _Gated()
    group: GroupCommit[str, str] = GroupCommit(gated, limit=3, weight=len)
    _run(group, gated, ["bbbb", "c", "d"])
    assert gated.batches == [["first"], ["bbbb"], ["c", "d"]]

"""Group commit: work handed in by many threads at once, applied together in one transaction.

A thread that hands in an item while no batch is being applied becomes the leader: it takes every
item waiting (in hand-in order, up to a limit) and applies them at once; the others wait, and
each returns its own item's outcome only once the batch it was in is done (committed). While one
batch commits, the next gathers, so the busier the server, the more items share one commit: the
server-wide write lock is taken and a durable commit paid once per batch, not once per item.
Used by station pushes (sync.push) and the HL7 inbound (hl7_inbound.Inbox)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


@dataclass
class _Slot(Generic[T]):
    item: T
    done: bool = False
    outcome: Any = None  # the item's result, or the exception its caller raises


class NoOutcome(RuntimeError):
    """The batch gave no outcome for an item (a fault of the batch function)."""


class GroupCommit(Generic[T, R]):
    """Applies items handed in by many threads in shared batches. `take_batch` gets a batch in
    hand-in order and returns each item's outcome, in the same order: a result, or an exception
    that item's caller raises (its own failure, which must not have touched the others). When
    `take_batch` raises, every item of the batch raises it (nothing of the batch was kept).
    A batch holds items up to `limit` in total `weight`, and always at least one."""

    def __init__(self, take_batch: Callable[[list[T]], Sequence[R | BaseException]], *,
                 limit: int, weight: Callable[[T], int] = lambda _item: 1):  # fmt: skip
        self._take_batch, self._limit, self._weight = take_batch, limit, weight
        self.turn = threading.Condition()  # guards the queue and the lead; notified on hand-in
        self._waiting: list[_Slot[T]] = []
        self._leading = False

    def waiting(self) -> int:
        """How many items wait for a batch (call it holding `turn`)."""
        return len(self._waiting)

    def submit(self, item: T) -> R:
        """The item's outcome once the batch it was applied in is done; raises its failure."""
        mine = _Slot(item)
        with self.turn:
            self._waiting.append(mine)
            self.turn.notify_all()
        while True:
            with self.turn:
                while not mine.done and self._leading:
                    self.turn.wait()
                if mine.done:
                    break
                self._leading = True
                batch = self._next_batch()
            self._lead(batch)
        if isinstance(mine.outcome, BaseException):
            raise mine.outcome
        return mine.outcome  # type: ignore[no-any-return]

    def _next_batch(self) -> list[_Slot[T]]:
        total, count = 0, 0
        for slot in self._waiting:
            total += self._weight(slot.item)
            if count and total > self._limit:
                break
            count += 1
        batch, self._waiting = self._waiting[:count], self._waiting[count:]
        return batch

    def _lead(self, batch: list[_Slot[T]]) -> None:
        outcomes: Sequence[Any] = ()
        failure: BaseException | None = None
        try:
            outcomes = self._take_batch([slot.item for slot in batch])
        except BaseException as exc:  # noqa: BLE001 - every item of the batch gets the failure
            failure = exc
        finally:
            with self.turn:
                for n, slot in enumerate(batch):
                    slot.outcome = (outcomes[n] if failure is None and n < len(outcomes)
                                    else failure or NoOutcome("no outcome for this item"))  # fmt: skip
                    slot.done = True
                self._leading = False
                self.turn.notify_all()

"""The order state machine. Events that arrive late are facts: a transition that the
machine does not allow is applied as a no-op and flagged, never refused (sync rule 3)."""

from __future__ import annotations

from workstation.domain.enums import OrderKind, OrderStatus

_ALLOWED: dict[OrderStatus, frozenset[OrderStatus]] = {
    # co-signed (and approved) it becomes placed; it may be stopped before that
    OrderStatus.AWAITING_COSIGN: frozenset({OrderStatus.PLACED, OrderStatus.DISCONTINUED}),
    OrderStatus.PLACED: frozenset(
        {
            OrderStatus.VERIFIED,
            OrderStatus.REJECTED,
            OrderStatus.DISCONTINUED,
            OrderStatus.COMPLETED,
        }
    ),
    OrderStatus.VERIFIED: frozenset({OrderStatus.DISCONTINUED, OrderStatus.COMPLETED}),
    OrderStatus.REJECTED: frozenset(),
    OrderStatus.DISCONTINUED: frozenset(),
    OrderStatus.COMPLETED: frozenset(),
}


def can_transition(current: OrderStatus, target: OrderStatus) -> bool:
    """True when an order in `current` may move to `target`."""
    return target in _ALLOWED[current]


def initial_status(kind: OrderKind) -> OrderStatus:
    """Every order starts as placed; only medication orders wait for pharmacy verification."""
    del kind
    return OrderStatus.PLACED


def is_active(status: OrderStatus | str) -> bool:
    """An order still in force (it may produce due doses or tasks)."""
    return OrderStatus(status) in (OrderStatus.PLACED, OrderStatus.VERIFIED)

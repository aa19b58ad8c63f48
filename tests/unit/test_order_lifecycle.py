"""The order state machine: allowed transitions, terminal states, what counts as active."""

from __future__ import annotations

import itertools

import pytest

from workstation.domain.enums import OrderKind, OrderStatus
from workstation.domain.order_lifecycle import can_transition, initial_status, is_active

S = OrderStatus
ALLOWED = {
    (S.PLACED, S.VERIFIED),
    (S.PLACED, S.REJECTED),
    (S.PLACED, S.DISCONTINUED),
    (S.PLACED, S.COMPLETED),
    (S.VERIFIED, S.DISCONTINUED),
    (S.VERIFIED, S.COMPLETED),
    (S.AWAITING_COSIGN, S.PLACED),  # co-signed (处方管理办法 ch. 2)
    (S.AWAITING_COSIGN, S.DISCONTINUED),
}


@pytest.mark.parametrize(("current", "target"), list(itertools.product(S, S)))
def test_transition_table(current, target):
    assert can_transition(current, target) is ((current, target) in ALLOWED)


@pytest.mark.parametrize("terminal", [S.REJECTED, S.DISCONTINUED, S.COMPLETED])
def test_terminal_states_go_nowhere(terminal):
    assert not any(can_transition(terminal, target) for target in S)


def test_no_state_returns_to_itself():
    assert not any(can_transition(status, status) for status in S)


@pytest.mark.parametrize("kind", list(OrderKind))
def test_every_order_starts_placed(kind):
    assert initial_status(kind) is S.PLACED


@pytest.mark.parametrize(
    ("status", "active"),
    [("placed", True), ("verified", True), ("rejected", False), ("discontinued", False),
     ("completed", False), (S.VERIFIED, True)],
)  # fmt: skip
def test_is_active(status, active):
    assert is_active(status) is active


def test_is_active_refuses_an_unknown_status():
    with pytest.raises(ValueError):
        is_active("paused")

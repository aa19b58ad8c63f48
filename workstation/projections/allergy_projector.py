"""AllergyCheckOverridden folds into no table: the override (order, step, reason) stays in the
event log, where the server's allergy hold (workstation.server.allergy_hold) reads it and the
audit shows it. Without a handler the fold of a batch holding one failed (KeyError)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from workstation.events.envelope import Event


def _kept_in_log(fold: Any, e: Event) -> None:
    """Nothing to fold: the event log is the record."""


def allergy_handlers() -> dict[str, Callable[[Any, Event], None]]:
    """The handler of AllergyCheckOverridden."""
    return {"AllergyCheckOverridden": _kept_in_log}

"""The server's proof of a witnessed record: the second person named on a skin-test result
(皮试双人核对) or a controlled drug's destruction (双人销毁, 医疗机构麻醉药品、第一类精神药品管理规定)
must be another active user of a role that may witness it. The station checked their password;
the server checks that the name it was given is a real, different, fitting person."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from workstation.events.envelope import Event
from workstation.security.policy import clinical_role

WITNESS_ROLES: dict[str, frozenset[str]] = {
    "SkinTestRecorded": frozenset({"nurse"}),
    "ControlledDrugDestroyed": frozenset({"nurse", "pharmacist"}),
}


def witness_ids(batch: Iterable[Event]) -> set[str]:
    """The witnesses a batch names (the users its checks must read besides the authors)."""
    return {str(e.payload.get("witness_id")) for e in batch
            if e.type in WITNESS_ROLES and e.payload.get("witness_id")}  # fmt: skip


def witness_problem(users: Mapping[str, Any], event: Event) -> str | None:
    """Why the event's witness is not acceptable, or None (also for an event with no witness rule)."""
    roles = WITNESS_ROLES.get(event.type)
    if roles is None:
        return None
    witness_id = event.payload.get("witness_id")
    if witness_id == event.author_id:
        return "the witness must be another person than the author"
    witness = users.get(str(witness_id))
    if witness is None:
        return "the witness is not an active user"
    if clinical_role(str(witness.role)) not in roles:
        return f"a {witness.role} may not witness a {event.type}"
    return None

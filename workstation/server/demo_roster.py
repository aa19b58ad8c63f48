"""Who the demo's users are, for the first-run dialog: name, role and wards beside each password."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, select

from workstation.server.auth import all_users
from workstation.server.db import reader
from workstation.server.models import wards

# The order a newcomer reads the list in: the ward's clinicians first, the back office last.
ROLE_ORDER = ("physician", "trainee_physician", "nurse", "pharmacist", "lab", "admin",
              "privacy_officer", "head_nurse", "department_director", "medical_affairs")  # fmt: skip


@dataclass(frozen=True, slots=True)
class DemoUser:
    """One demo login: user name and password, and who logs in with it (role, wards in both
    languages, empty for a user bound to no ward)."""

    username: str
    password: str
    display_name: str
    role: str
    wards_en: tuple[str, ...]
    wards_zh: tuple[str, ...]


def demo_roster(engine: Engine, passwords: dict[str, str]) -> list[DemoUser]:
    """The demo users that have a known password, by role (clinicians first), ward and name."""
    with reader(engine) as conn:
        people = list(all_users(conn).values())
        names = {r.ward_id: (r.name_en, r.name_zh) for r in conn.execute(select(wards))}
    roster = [
        DemoUser(
            username=u.username,
            password=passwords[u.username],
            display_name=u.display_name,
            role=u.role,
            wards_en=tuple(names.get(w, (w, w))[0] for w in u.wards),
            wards_zh=tuple(names.get(w, (w, w))[1] for w in u.wards),
        )
        for u in people
        if u.username in passwords
    ]
    return sorted(roster, key=_reading_order)


def _reading_order(user: DemoUser) -> tuple[int, tuple[str, ...], str]:
    rank = ROLE_ORDER.index(user.role) if user.role in ROLE_ORDER else len(ROLE_ORDER)
    return (rank, user.wards_en, user.username)

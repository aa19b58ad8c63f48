"""Professional titles and prescribing rights of users, kept by the medical affairs office (医务科).

- Title: 住院医师 resident, 主治医师 attending, 副主任医师 associate_chief, 主任医师 chief, and trainee
  (进修/实习: no 处方权 of their own, 处方管理办法 2007 ch. 2); nurse grades 护士 .. 主任护师.
- Antibiotic tier right: at most what the title allows (抗菌药物临床应用管理办法 2012 Art. 24).
- 麻醉药品和第一类精神药品处方权 after training and an examination (处方管理办法 Art. 11): doctors only.
- Antibiotic approver: a designated consultant who approves special-tier use (管理办法 Art. 27).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select, update

from workstation.clinical.checks.model import ANTIBIOTIC_TIERS, DOCTOR_TITLES
from workstation.clinical.checks.prescribing import NURSE_GRADES, TITLES, tier_cap_problem
from workstation.security.policy import clinical_role
from workstation.server.models import users

_KEEP: Any = object()  # "leave as it is"


def rights_of(row: Any) -> dict[str, Any]:
    """A user row's title and rights, as the station and the push checks read them."""
    mapping = row._mapping
    return {
        "title": mapping.get("title"),
        "antibiotic_tier": mapping.get("antibiotic_tier"),
        "narcotic_right": bool(mapping.get("narcotic_right")),
        "antibiotic_approver": bool(mapping.get("antibiotic_approver")),
    }


class RightsProblem(ValueError):
    """Why rights may not be held together, with a stable code the station words in its user's
    language (ui.refusals) and the rule in English for the log."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def rights_problem(role: str, rights: dict[str, Any]) -> RightsProblem | None:
    """Why these rights may not be held together (by this role), or None."""
    title, tier = rights.get("title"), rights.get("antibiotic_tier")
    if title is not None and title not in TITLES:
        return RightsProblem("invalid", f"unknown title {title!r}; one of {', '.join(TITLES)}")
    if tier is not None and tier not in ANTIBIOTIC_TIERS:
        return RightsProblem(
            "invalid", f"unknown antibiotic tier {tier!r}; one of {', '.join(ANTIBIOTIC_TIERS)}"
        )
    role = clinical_role(role)
    doctor = role in ("physician", "trainee_physician") and title in DOCTOR_TITLES
    if not doctor and (tier or rights.get("narcotic_right") or rights.get("antibiotic_approver")):
        return RightsProblem(
            "rights_not_a_doctor", "only a doctor with a doctor's title holds prescribing rights"
        )
    if title in NURSE_GRADES and role != "nurse":
        return RightsProblem("rights_nurse_grade", f"the title {title} is a nurse's grade")
    if role == "trainee_physician" and title not in (None, "trainee"):
        return RightsProblem("rights_trainee_title", "a trainee physician's title is trainee")
    problem = tier_cap_problem(str(title), tier) if tier else None
    if problem:
        return RightsProblem("rights_tier_above_title", problem)
    if rights.get("antibiotic_approver") and title not in ("associate_chief", "chief"):
        return RightsProblem("rights_approver_title",
                             "a designated antibiotic consultant is a 副主任医师 or 主任医师 (Art. 27)")  # fmt: skip
    return None


def set_rights(conn: Connection, username: str, *, title: Any = _KEEP, antibiotic_tier: Any = _KEEP,
               narcotic_right: Any = _KEEP, antibiotic_approver: Any = _KEEP) -> dict[str, Any]:  # fmt: skip
    """Change a user's title and rights (only the ones given); RightsProblem when not allowed,
    ValueError for an unknown user."""
    row = conn.execute(select(users).where(users.c.username == username)).first()
    if row is None:
        raise ValueError(f"no user {username!r}")
    changes = {name: value for name, value in (
        ("title", title), ("antibiotic_tier", antibiotic_tier), ("narcotic_right", narcotic_right),
        ("antibiotic_approver", antibiotic_approver)) if value is not _KEEP}  # fmt: skip
    rights = rights_of(row) | changes
    problem = rights_problem(row.role, rights)
    if problem:
        raise problem
    conn.execute(update(users).where(users.c.user_id == row.user_id).values(**rights))
    return rights

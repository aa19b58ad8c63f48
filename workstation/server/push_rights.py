"""The server re-checks who may sign an order (the station's word is not taken):

- an `OrderPlaced` whose author lacks a right the order needs must say so in its `signoff`, so that
  it waits for a co-signature (处方管理办法 2007 ch. 2: trainees; Art. 11: 麻醉/精一 without the
  narcotic right; 抗菌药物临床应用管理办法 2012 Art. 24-26: an antibiotic above the tier right) —
  or, for the tier alone, carry an emergency override (越级使用, Art. 28); a special-tier antibiotic
  must say it waits for the consultant's approval (Art. 27). Otherwise it is refused, so it never
  reaches the MAR or the pharmacy.
- `OrderCosigned` only by a licensed doctor, not the author, holding every right the order needs.
- `AntibioticApproved` only by a designated consultant (`antibiotic_approver`), not the author.
Rights are read from the users table (workstation.server.user_rights); the drug's tier and class
from the formulary in force (the pharmacy's published snapshot, else the shipped one).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from typing import Any

import orjson
from sqlalchemy import Connection, select

from workstation.clinical.checks.model import Prescriber
from workstation.clinical.checks.prescribing import (
    MISSING_TIER,
    OrderNeeds,
    missing_rights,
    prescriber_for,
)
from workstation.events.envelope import Event
from workstation.projections import tables as t
from workstation.resources import resource
from workstation.server import refdata
from workstation.server.auth import User

RIGHTS_TYPES = frozenset({"OrderPlaced", "OrderCosigned", "AntibioticApproved"})
Refusal = tuple[str, str]


@cache
def _shipped_drugs() -> dict[str, dict[str, Any]]:
    document = json.loads(resource("formulary", "formulary.json").read_text(encoding="utf-8"))
    return {d["code"]: d for d in document["drugs"]}


_LAST_READ: dict[str, tuple[bytes, dict[str, dict[str, Any]]]] = {}  # its bytes, parsed


def formulary_entries(conn: Connection) -> dict[str, dict[str, Any]]:
    """Drug code -> formulary entry of the formulary in force (shared: read only). The stored
    snapshot's bytes are read every time; they are parsed again only when they differ from the
    last ones read (parsing the ~0.5 MB formulary cost a push with an order some 5 ms)."""
    raw = refdata.snapshot_bytes(conn, "formulary")
    if raw is None:
        return _shipped_drugs()
    last = _LAST_READ.get("formulary")
    if last is not None and last[0] == raw:
        return last[1]
    content = orjson.loads(raw)
    if not isinstance(content, Mapping):
        return _shipped_drugs()
    entries = {d["code"]: d for d in content.get("drugs") or []}
    _LAST_READ["formulary"] = (raw, entries)
    return entries


def prescriber(user: User) -> Prescriber | None:
    """The user as a prescriber (checks.prescribing.prescriber_for)."""
    return prescriber_for(user.role, user.rights)


class RightsCheck:
    """What one push batch needs to judge rights: the formulary, loaded once if at all."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._drugs: dict[str, dict[str, Any]] | None = None

    def needs(self, drug_code: str | None) -> OrderNeeds:
        """What ordering the drug needs."""
        if drug_code is None:
            return OrderNeeds()
        if self._drugs is None:
            self._drugs = formulary_entries(self.conn)
        return OrderNeeds.of(self._drugs.get(drug_code))

    def refusal(self, event: Event, author: User, accepted: list[Event]) -> Refusal | None:
        """(code, message) when the author may not record this event so, else None."""
        if event.type == "OrderPlaced":
            return self._placed(event, author)
        if event.type in ("OrderCosigned", "AntibioticApproved"):
            order = _order(self.conn, event.payload["order_id"], event.patient_id, accepted)
            if order is None:
                return None  # the fold flags it: a fact about an order this chart lacks
            if event.type == "OrderCosigned":
                return self._cosigned(author, order)
            return _approved(author, order)
        return None

    def _placed(self, event: Event, author: User) -> Refusal | None:
        who = prescriber(author)
        if who is None:
            return None
        needs = self.needs((event.payload.get("medication") or {}).get("drug_code"))
        lacking = set(missing_rights(who, needs, licensed=author.licensed))
        signoff = event.payload.get("signoff") or {}
        declared = set(signoff.get("missing") or [])
        if signoff.get("emergency"):  # stands in for the tier's co-signature until completed
            declared |= {MISSING_TIER}
        if not lacking <= declared:
            return ("needs_cosign", f"the author lacks {', '.join(sorted(lacking - declared))}:"
                    " the order must wait for a co-signature")  # fmt: skip
        if needs.needs_approval and not signoff.get("needs_approval"):
            return ("needs_approval", "a special-tier antibiotic waits for a designated "
                    "consultant's approval (Art. 27)")  # fmt: skip
        return None

    def _cosigned(self, author: User, order: Mapping[str, Any]) -> Refusal | None:
        who = prescriber(author)
        if who is None or not author.licensed or who.title == "trainee":
            return ("forbidden", "only a licensed doctor may co-sign an order")
        if order["placed_by"] == author.user_id:
            return ("forbidden", "the author cannot co-sign their own order")
        lacking = missing_rights(who, self.needs(order["drug_code"]), licensed=True)
        if lacking:
            return ("forbidden", f"the co-signer also lacks {', '.join(lacking)}")
        return None


def _approved(author: User, order: Mapping[str, Any]) -> Refusal | None:
    if not author.rights.get("antibiotic_approver"):
        return ("forbidden", "only a designated antibiotic consultant may approve (Art. 27)")
    if order["placed_by"] == author.user_id:
        return ("forbidden", "the prescriber cannot approve their own special-tier order")
    return None


def _order(conn: Connection, order_id: str, patient_id: str | None,
           accepted: list[Event]) -> dict[str, Any] | None:  # fmt: skip
    """The order's author and drug, from this batch or the projection of the same chart."""
    for e in accepted:
        if e.event_id == order_id and e.type == "OrderPlaced" and e.patient_id == patient_id:
            return {"placed_by": e.author_id,
                    "drug_code": (e.payload.get("medication") or {}).get("drug_code")}  # fmt: skip
    o = t.orders.c
    row = conn.execute(select(o.placed_by, o.drug_code)
                       .where(o.order_id == order_id, o.patient_id == patient_id)).first()  # fmt: skip
    return dict(row._mapping) if row else None

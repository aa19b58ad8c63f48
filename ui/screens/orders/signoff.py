"""Order sign-off on the station: the `signoff` each basket order carries, from the logged-in
user's title and rights (kept offline with the cached login), and which alerts it settles.

An order its author may not sign alone (处方管理办法 2007 ch. 2; 抗菌药物临床应用管理办法 2012
Art. 24-26) is not refused on the station: it is signed as "awaiting co-signature" and a licensed
doctor with the right co-signs it (Ctrl+Shift+O); the server checks the same rules again."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from offline_cache.session import Session
from ui.screens.orders.entry import DraftOrder
from workstation.clinical.checks.model import Prescriber
from workstation.clinical.checks.prescribing import prescriber_for, signoff_payload
from workstation.clinical.formulary import Formulary


def session_prescriber(session: Session | None) -> Prescriber | None:
    """The logged-in user as a prescriber, None for a non-doctor (or nobody)."""
    if session is None:
        return None
    return prescriber_for(session.role, session.rights)


def with_signoff(
    draft: DraftOrder, session: Session | None, formulary: Formulary,
    *, emergency: Mapping[str, str] | None = None, culture_sent: bool | None = None,
) -> dict[str, Any]:  # fmt: skip
    """The draft's OrderPlaced payload with the sign-off the author's rights call for."""
    payload = draft.payload()
    prescriber = session_prescriber(session)
    if prescriber is None or session is None:
        return payload
    drug = formulary.by_code(draft.parsed.drug.code) if draft.parsed is not None else None
    signoff = signoff_payload(prescriber, drug.entry if drug else None, licensed=session.licensed,
                              culture_sent=culture_sent, emergency=emergency)  # fmt: skip
    return payload | {"signoff": signoff} if signoff else payload


def awaits(payload: Mapping[str, Any]) -> bool:
    """Whether a signed payload will wait for a co-signature or an approval."""
    signoff = payload.get("signoff") or {}
    return bool(signoff.get("missing") or signoff.get("needs_approval")) and not signoff.get(
        "emergency"
    )

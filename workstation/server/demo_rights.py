"""The demo's ordering rights: titles and rights of the demo doctors and nurses, a designated
antibiotic consultant, and orders that show each rule on the respiratory ward — a trainee's
meropenem awaiting co-signature (处方管理办法 2007 ch. 2), an attending's vancomycin co-signed and
approved by the consultant (抗菌药物临床应用管理办法 2012 Art. 24-27), and an emergency override
(越级使用, Art. 28) left open for more than 24 hours."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine

from workstation.clock import parse_iso
from workstation.server import refdata
from workstation.server.auth import User, add_user
from workstation.server.db import writer
from workstation.server.demo_events import DemoLog
from workstation.server.user_rights import set_rights

CONSULTANT = "abx.consultant"
# username -> (title, antibiotic tier, narcotic right, antibiotic approver)
RIGHTS = {
    "card.physician": ("attending", "restricted", True, False),
    "resp.physician": ("attending", "restricted", True, False),
    "trainee": ("trainee", None, False, False),
    CONSULTANT: ("associate_chief", "special", True, True),
    "card.nurse": ("supervisor_nurse", None, False, False),
    "resp.nurse": ("senior_nurse", None, False, False),
    "card.head_nurse": ("associate_chief_nurse", None, False, False),
    "card.director": ("chief", "special", True, True),
}


def add_rights_staff(engine: Engine) -> dict[str, str]:
    """Give the demo staff titles and rights and add the antibiotic consultant; their passwords."""
    password = secrets.token_urlsafe(12)
    with writer(engine) as conn:
        add_user(conn, username=CONSULTANT, password=password, display_name="许明 Xu Ming (感染科)",
                 role="physician", wards=["CARD", "RESP"])  # fmt: skip
        for username, (title, tier, narcotic, approver) in RIGHTS.items():
            set_rights(conn, username, title=title, antibiotic_tier=tier, narcotic_right=narcotic,
                       antibiotic_approver=approver)  # fmt: skip
        refdata.publish_directory(conn)
    return {CONSULTANT: password}


def _medication(drug: str, name: str, dose: float, unit: str, frequency: str) -> dict[str, Any]:
    return {"order_kind": "medication", "description": f"{name} {dose:g}{unit} ivgtt {frequency}",
            "code": drug, "medication": {"drug_code": drug, "drug_name": name, "dose_value": dose,
                                         "dose_unit": unit, "route": "ivgtt", "frequency": frequency}}  # fmt: skip


def _resp_inpatients(log: DemoLog) -> list[tuple[str, datetime]]:
    """(patient, admitted at) of the respiratory ward's patients still in, oldest first."""
    admitted: dict[str, datetime] = {}
    for e in log.wire_events():
        if e["type"] == "PatientAdmitted" and e["payload"]["ward_id"] == "RESP":
            admitted[e["patient_id"]] = parse_iso(e["payload"]["admitted_at"])
        elif e["type"] in ("PatientDischarged", "PatientTransferred"):
            admitted.pop(e["patient_id"], None)
    return sorted(admitted.items(), key=lambda item: item[1])


_MEROPENEM = ("meropenem", "美罗培南", 1, "g", "q8h")
_VANCOMYCIN = ("vancomycin", "万古霉素", 1, "g", "q12h")


def _signoff(missing: list[str], **more: Any) -> dict[str, Any]:
    return {"signoff": {"missing": missing, "antibiotic_tier": "special", "needs_approval": True,
                        **more}}  # fmt: skip


def record_rights_orders(log: DemoLog, users: dict[str, User]) -> None:
    """The three orders of the rights rules, on the respiratory ward's longest-staying patients."""
    patients = _resp_inpatients(log)
    if len(patients) < 3 or CONSULTANT not in users:  # (a directory made without this module)
        return
    ids = {name: users[name].user_id for name in ("trainee", "resp.physician", CONSULTANT,
                                                   "pharmacist")}  # fmt: skip
    (third, third_in), (second, second_in), (first, first_in) = patients[:3]
    # a trainee's meropenem, awaiting a co-signature and the consultant's approval
    at = max(log.now - timedelta(hours=2), first_in + timedelta(minutes=40))
    log.add(at, "OrderPlaced", author=ids["trainee"], patient_id=first, payload=_medication(
        *_MEROPENEM) | _signoff(["cosign", "antibiotic-tier"], culture_sent=True))  # fmt: skip
    # an attending's vancomycin, co-signed and approved by the consultant, then verified
    at = max(log.now - timedelta(hours=20), second_in + timedelta(hours=1))
    order_id = log.add(at, "OrderPlaced", author=ids["resp.physician"], patient_id=second,
                       payload=_medication(*_VANCOMYCIN) | _signoff(["antibiotic-tier"], culture_sent=True))  # fmt: skip
    for minutes, kind, who, extra in ((60, "OrderCosigned", CONSULTANT, {}),
                                      (65, "AntibioticApproved", CONSULTANT, {"note": "MRSA 血培养阳性"}),
                                      (90, "OrderVerified", "pharmacist", {})):  # fmt: skip
        if order_id:
            log.add(at + timedelta(minutes=minutes), kind, author=ids[who], patient_id=second,
                    payload={"order_id": order_id, **extra})  # fmt: skip
    # an emergency override (Art. 28) that went ahead at once and was never completed
    at = max(log.now - timedelta(hours=30), third_in + timedelta(hours=1))
    emergency = {"indication": "感染性休克，疑多重耐药菌", "purpose": "treatment"}
    order_id = log.add(at, "OrderPlaced", author=ids["resp.physician"], patient_id=third,
                       payload=_medication(*_MEROPENEM) | _signoff(["antibiotic-tier"], culture_sent=False, emergency=emergency))  # fmt: skip
    if order_id:
        log.add(
            at + timedelta(minutes=25),
            "OrderVerified",
            author=ids["pharmacist"],
            patient_id=third,
            payload={"order_id": order_id},
        )

"""Co-signing and approving an order waiting for it, and signing a verbal order afterwards
(Ctrl+Shift+O on the patient's orders).

A licensed doctor holding the rights the order needs co-signs a trainee's order or one above its
author's right (处方管理办法 2007 ch. 2; 抗菌药物临床应用管理办法 2012 Art. 24-26); a designated
consultant approves a special-tier antibiotic (Art. 27); the doctor who gave a verbal order in a
rescue signs it afterwards (病历书写基本规范 2010 Art. 26, 抢救结束后即刻据实补记). The same key
does whichever is due and the current user may do; the server checks it again. `sign_off` runs
on the worker lane."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QObject, Signal
from sqlalchemy import select

from offline_cache.workstation import Workstation
from ui.workers import Workers
from workstation.clinical.checks.prescribing import OrderNeeds, missing_rights, prescriber_for
from workstation.projections.order_sheet_tables import order_sheet, order_sheet_marks
from workstation.projections.rights_tables import order_signoffs


class SignOffRefused(ValueError):
    """The current user may not co-sign or approve this order; the message says why."""


def _signoff_row(ws: Workstation, order_id: str) -> Any:
    with ws.store.reading() as conn:
        return conn.execute(
            select(order_signoffs).where(order_signoffs.c.order_id == order_id)
        ).first()


def due_action(row: Any, *, user_id: str, role: str, rights: dict[str, Any], licensed: bool) -> str:
    """ "OrderCosigned" or "AntibioticApproved" for the signature due that this user may give;
    SignOffRefused otherwise."""
    if row is None:
        raise SignOffRefused("This order waits for no co-signature.")
    if row.placed_by == user_id:
        raise SignOffRefused("The author cannot co-sign or approve their own order.")
    if row.needs_cosign and row.cosigned_by is None:
        prescriber = prescriber_for(role, rights)
        needs = OrderNeeds(row.antibiotic_tier, "controlled-drug" in (row.missing or ""))
        if prescriber is None or not licensed or missing_rights(prescriber, needs):
            raise SignOffRefused(
                "Only a licensed doctor holding the rights this order needs can co-sign it."
            )
        return "OrderCosigned"
    if row.needs_approval and row.approved_by is None:
        if not rights.get("antibiotic_approver"):
            raise SignOffRefused(
                "Only a designated antibiotic consultant can approve a special-tier order."
            )
        return "AntibioticApproved"
    raise SignOffRefused("This order is already co-signed and approved.")


def _verbal(ws: Workstation, order_id: str) -> tuple[str | None, bool]:
    """Who gave the order verbally (None: not a verbal order) and whether they have signed it."""
    sheet, marks = order_sheet.c, order_sheet_marks.c
    with ws.store.reading() as conn:
        given_by = conn.execute(
            select(sheet.verbal_from).where(sheet.order_id == order_id)
        ).scalar()
        signed = conn.execute(
            select(marks.mark_id).where(
                marks.order_id == order_id, marks.mark == "verbal_signed", marks.voided.is_(False)
            )  # fmt: skip
        ).first()
    return given_by, signed is not None


def verbal_signature_due(verbal: tuple[str | None, bool], *, user_id: str, role: str) -> bool:
    """Whether this user now signs the order as the doctor who gave it verbally."""
    given_by, signed = verbal
    if not given_by or signed:
        return False
    if role not in ("physician", "trainee_physician") or given_by != user_id:
        raise SignOffRefused("Only the doctor who gave this verbal order signs it.")
    return True


def sign_off(ws: Workstation, patient_id: str, order: dict[str, Any]) -> str:
    """Record the signature due on the order (verbal, co-signature or approval); its event type."""
    session = ws.sessions.current
    if session is None:
        raise SignOffRefused("Nobody is logged in.")
    order_id = str(order["order_id"])
    if verbal_signature_due(_verbal(ws, order_id), user_id=session.user_id, role=session.role):
        ws.record("VerbalOrderSigned", patient_id=patient_id, payload={"order_id": order_id})
        return "VerbalOrderSigned"
    kind = due_action(_signoff_row(ws, order_id), user_id=session.user_id, role=session.role,
                      rights=session.rights, licensed=session.licensed)  # fmt: skip
    ws.record(kind, patient_id=patient_id, payload={"order_id": order_id})
    return kind


class OrderSignOff(QObject):
    """Ctrl+Shift+O on the selected order of the patient's order list."""

    sig_chart_changed = Signal()
    sig_message = Signal(str)

    def __init__(self, workstation: Workstation, workers: Workers, parent: QObject | None = None):
        super().__init__(parent)
        self.workstation, self.workers = workstation, workers

    def sign_off(self, patient_id: str | None, order: dict[str, Any] | None) -> None:
        """Co-sign or approve the order (saved on this computer, synced later)."""
        if patient_id is None or order is None:
            self.sig_message.emit(self.tr("Choose an order in the list first (F6, arrows)."))
            return
        description = escape(str(order["description"]))
        self.workers.run(sign_off, self.workstation, patient_id, order,
                         done=lambda kind: self._done(kind, description),
                         failed=lambda error: self.sig_message.emit(str(error)))  # fmt: skip

    def _done(self, kind: str, description: str) -> None:
        text = {
            "OrderCosigned": self.tr("Co-signed: %1"), "AntibioticApproved": self.tr("Approved: %1"),
        }.get(kind, self.tr("Verbal order signed: %1"))  # fmt: skip
        self.sig_message.emit(text.replace("%1", description))
        self.sig_chart_changed.emit()

"""Building an HL7 v2 order message (ORM^O01) for the LIS or the PACS, and reading its ACK, with
python-hl7 (`hl7`): segments are filled field by field, each value escaped by the library.

ORM^O01 rather than OML^O21: one structure serves the LIS and the PACS alike, and it is the order
message Chinese LIS and PACS vendors accept everywhere (OML^O21, v2.5's laboratory order, is not
yet); the laboratory test is coded in OBR-4 with its LOINC code first and the ward's own code as
the alternate, so an LIS that speaks either finds it. A new order is ORC-1 `NW`, a
discontinuation `CA` of the same placer order number (ORC-2, the order's id). MSH-10 is stable
per order and action, so a message sent again after a dropped connection is the same message."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

import hl7
import hl7.exceptions

from workstation.hl7v2.message import DEFAULT_OFFSET

ACTIONS = ("NW", "CA")  # HL7 table 0119: new order, cancel order request
SEX_CODES = {"female": "F", "male": "M"}


@dataclass(frozen=True, slots=True)
class OrderFacts:
    """What the message says: the patient as the hospital knows them, the visit and the order."""

    order_id: str
    action: str  # NW | CA
    kind: str  # lab | imaging
    code: str  # the ward's catalogue code
    description: str
    loinc: str | None
    urgent: bool
    placed_at: str  # ISO 8601 UTC
    placed_by: str
    record_number: str
    authority: str
    name: str
    sex: str
    birth_date: str  # YYYY-MM-DD
    ward_id: str
    bed: str
    attending_id: str | None = None
    reason: str = ""  # a cancel's reason (ORC-16)


def control_id(order_id: str, action: str) -> str:
    """MSH-10 for one order and action: the same every time it is built (at most 20 characters,
    the field's length in v2.5), so the LIS can tell a resend from a new message."""
    digest = hashlib.sha256(f"{order_id}|{action}".encode()).hexdigest()[:18]
    return f"{action[0]}{digest}".upper()


def _hl7_time(at: str) -> str:
    return datetime.fromisoformat(at).astimezone(DEFAULT_OFFSET).strftime("%Y%m%d%H%M%S%z")


def _put(message: hl7.Message, segment: str, value: str, number: int,
         component: int | None = None) -> None:  # fmt: skip
    """One component, escaped by the library for the separators (non-ASCII text stays as it is:
    MSH-18 says UTF-8)."""
    specials = set(str(message.separators[1:])) | {str(message.esc), "\r"}
    escaped = "".join(message.escape(c) if c in specials else c for c in value)
    if component is None:
        message.segment(segment).assign_field(escaped, number)
    else:
        message.segment(segment).assign_field(escaped, number, 1, component)


def order_message(facts: OrderFacts, *, receiver: str, facility: str, now: str) -> str:
    """The ORM^O01 (v2.5, UTF-8) for one order and action, as text with CR segment ends."""
    if facts.action not in ACTIONS:
        raise ValueError(f"unknown order control {facts.action!r}")
    message = hl7.parse("MSH|^~\\&|\rPID|\rPV1|\rORC|\rOBR|")
    header = (("WORKSTATION", 3), ("WARD", 4), (receiver, 5), (facility, 6),
              (_hl7_time(now), 7), (control_id(facts.order_id, facts.action), 10), ("P", 11),
              ("2.5", 12), ("AL", 15), ("NE", 16), ("UNICODE UTF-8", 18))  # fmt: skip
    for value, number in header:
        _put(message, "MSH", value, number)
    for value, component in (("ORM", 1), ("O01", 2), ("ORM_O01", 3)):
        _put(message, "MSH", value, 9, component)
    _patient(message, facts)
    _order(message, facts)
    return str(message)


def _patient(message: hl7.Message, facts: OrderFacts) -> None:
    _put(message, "PID", "1", 1)
    for value, component in ((facts.record_number, 1), (facts.authority, 4), ("MR", 5)):
        _put(message, "PID", value, 3, component)
    _put(message, "PID", facts.name, 5)
    _put(message, "PID", facts.birth_date.replace("-", ""), 7)
    _put(message, "PID", SEX_CODES.get(facts.sex, "U"), 8)
    _put(message, "PV1", "1", 1)
    _put(message, "PV1", "I", 2)
    _put(message, "PV1", facts.ward_id, 3, 1)
    _put(message, "PV1", facts.bed, 3, 3)
    if facts.attending_id:
        _put(message, "PV1", facts.attending_id, 7)


def _order(message: hl7.Message, facts: OrderFacts) -> None:
    priority = "S" if facts.urgent else "R"  # HL7 table 0027: stat, routine
    _put(message, "ORC", facts.action, 1)
    _put(message, "ORC", facts.order_id, 2)
    _put(message, "ORC", _hl7_time(facts.placed_at), 9)
    _put(message, "ORC", facts.placed_by, 12)
    if facts.reason:
        _put(message, "ORC", facts.reason[:200], 16, 2)
    _put(message, "OBR", "1", 1)
    _put(message, "OBR", facts.order_id, 2)
    test = [(facts.code, 1), (facts.description, 2), ("L", 3)]
    if facts.loinc:  # LOINC first, the ward's code as the alternate (CWE-4..6)
        test = [(facts.loinc, 1), (facts.description, 2), ("LN", 3),
                (facts.code, 4), (facts.description, 5), ("L", 6)]  # fmt: skip
    for value, component in test:
        _put(message, "OBR", value, 4, component)
    _put(message, "OBR", priority, 5)
    _put(message, "OBR", _hl7_time(facts.placed_at), 6)
    _put(message, "OBR", facts.placed_by, 16)
    _put(message, "OBR", "LAB" if facts.kind == "lab" else "RAD", 24)  # table 0074


@dataclass(frozen=True, slots=True)
class Acknowledgement:
    """An ACK as read: MSA-1 (AA, AE, AR; CA, CE, CR in enhanced mode), MSA-2 and the text."""

    code: str
    acked_control_id: str
    text: str

    @property
    def accepted(self) -> bool:
        """The receiver took the message."""
        return self.code in ("AA", "CA")

    @property
    def final(self) -> bool:
        """An AE/CE is an error in the message: sending it again would not help. AR/CR (the
        receiver cannot take it now) is retried."""
        return self.code in ("AA", "CA", "AE", "CE")


def read_ack(text: str) -> Acknowledgement:
    """The ACK's MSA (and ERR-8 when MSA-3 is empty); ValueError when it is not an ACK."""
    try:
        parsed = hl7.parse(text.replace("\n", "\r").strip("\r"))
        msa = parsed.segment("MSA")
    except (KeyError, IndexError, ValueError, hl7.exceptions.HL7Exception) as exc:
        raise ValueError(f"not an HL7 ACK: {exc}") from exc
    code = _value(parsed, "MSA.1")
    if code not in ("AA", "AE", "AR", "CA", "CE", "CR"):
        raise ValueError(f"MSA-1 is not an acknowledgement code: {code!r}")
    del msa
    words = _value(parsed, "MSA.3") or _value(parsed, "ERR.8")
    return Acknowledgement(code, _value(parsed, "MSA.2"), words)


def _value(parsed: hl7.Message, where: str) -> str:
    try:
        return str(parsed.unescape(str(parsed[where]))).strip()
    except (KeyError, IndexError):
        return ""

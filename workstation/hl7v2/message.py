"""Reading an HL7 v2 message off the wire and answering it, with python-hl7 (`hl7`).

The character set is MSH-18 (UTF-8 when absent; GB18030 and GBK, which Chinese HIS often send,
are read as GB18030, its superset). Only the MSH segment is read before the charset is known:
it is ASCII in every charset HL7 allows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import hl7

from workstation.clock import iso

# MSH-18 values (HL7 table 0211 and what HIS vendors write) -> Python codec.
CHARSETS = {
    "": "utf-8", "UNICODE UTF-8": "utf-8", "UTF-8": "utf-8", "UTF8": "utf-8",
    "ASCII": "ascii", "8859/1": "latin-1",
    "GB 18030-2000": "gb18030", "GB18030": "gb18030", "GB 18030": "gb18030", "GBK": "gb18030",
    "GB2312": "gb18030", "CNS 11643-1992": "big5",
}  # fmt: skip

# HL7 table 0357 error codes used in ERR-3.
REQUIRED_FIELD_MISSING, DATA_TYPE_ERROR, TABLE_VALUE_NOT_FOUND = "101", "102", "103"
UNSUPPORTED_MESSAGE_TYPE, UNKNOWN_KEY, APPLICATION_ERROR = "200", "204", "207"

# The hospital's local time when a timestamp carries no offset (the demo ward is in China).
DEFAULT_OFFSET = timezone(timedelta(hours=8))


class MessageProblem(ValueError):
    """A message that is wrong: the field it names goes into the ERR segment of an AE."""

    def __init__(self, field: str, message: str, code: str = DATA_TYPE_ERROR):
        super().__init__(f"{field}: {message}")
        self.field, self.code, self.reason = field, code, message

    def __reduce__(self) -> tuple[type[MessageProblem], tuple[str, str, str]]:
        # Pickled as its three parts (the parse process hands problems back to the listener).
        return MessageProblem, (self.field, self.reason, self.code)


@dataclass(slots=True)
class Received:
    """A decoded, parsed message and the header facts the server files it under.

    `parsed` is None for a message parsed in the listener's parse process (handed back without
    its python-hl7 tree, which costs more to pickle than to parse): `message` parses the text
    again on first use, `header` only its MSH segment (all an ACK needs). That process also
    builds the message's plain AA ACK (`accepted`, no text), the answer of most messages: its
    MSH-7 is the time the message was read, milliseconds before the commit it is sent after."""

    parsed: hl7.Message | None
    text: str
    charset: str
    sending_facility: str
    control_id: str
    message_type: str  # e.g. ADT^A01, ORU^R01
    head: hl7.Message | None = None
    accepted: str | None = None

    @property
    def key(self) -> str:
        """The idempotency key: sending facility and message control id."""
        return f"{self.sending_facility}|{self.control_id}"

    @property
    def message(self) -> hl7.Message:
        """The whole message, parsed (again, once, when it was parsed in another process)."""
        if self.parsed is None:
            self.parsed = hl7.parse(self.text)
        return self.parsed

    @property
    def header(self) -> hl7.Message:
        """The message itself when parsed here; else its MSH segment alone."""
        if self.parsed is not None:
            return self.parsed
        if self.head is None:
            self.head = hl7.parse(self.text.split("\r", 1)[0])
        return self.head

    def detached(self) -> Received:
        """This message without its tree, with its plain AA (as the parse process hands it)."""
        return Received(None, self.text, self.charset, self.sending_facility, self.control_id,
                        self.message_type, accepted=ack(self, "AA"))  # fmt: skip


def _charset(raw: bytes) -> tuple[str, str]:
    header = raw.replace(b"\n", b"\r").split(b"\r", 1)[0].decode("latin-1")
    if not header.startswith("MSH"):
        raise MessageProblem("MSH", "the message does not begin with an MSH segment", "100")
    return _declared(segment_field(hl7.parse(header).segment("MSH"), 18))


def _declared(declared: str) -> tuple[str, str]:
    """MSH-18 as filed and its Python codec; MessageProblem for a charset not taken here."""
    codec = CHARSETS.get(declared.upper())
    if codec is None:
        raise MessageProblem("MSH-18", f"unknown character set {declared!r}", TABLE_VALUE_NOT_FOUND)
    return declared or "UNICODE UTF-8", codec


def _lines(text: str) -> str:
    return text.replace("\r\n", "\r").replace("\n", "\r").strip("\r")


def receive(raw: bytes) -> Received:
    """Decode (by MSH-18) and parse one message; MessageProblem when that cannot be done.

    Most messages are UTF-8 (MSH-18 empty or UTF-8): such a message is decoded and parsed once,
    its MSH-18 read from the parsed header. Any other (GB18030, ASCII...) or one that is not
    valid UTF-8 has its header read first and is decoded by the charset it declares."""
    if raw.startswith(b"MSH"):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            fast = _as_utf8(_lines(text))
            if fast is not None:
                return fast
    declared, codec = _charset(raw)
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError as exc:
        raise MessageProblem(
            "MSH-18", f"the message is not valid {declared}: {exc.reason}"
        ) from exc
    return parse_text(_lines(text), declared)


def _as_utf8(text: str) -> Received | None:
    """The message parsed, when it declares UTF-8 (or nothing); None for anything else, or any
    problem (the careful path reads it again and names the problem as it always does)."""
    try:
        received = parse_text(text, "")
        declared = segment_field(received.message.segment("MSH"), 18)
    except MessageProblem:
        return None
    if CHARSETS.get(declared.upper()) != "utf-8":
        return None
    return Received(received.message, text, declared or "UNICODE UTF-8",
                    received.sending_facility, received.control_id,
                    received.message_type)  # fmt: skip


def parse_text(text: str, declared: str) -> Received:
    """Parse a decoded message (as kept in the interface queue); MessageProblem when it cannot."""
    try:
        message = hl7.parse(text)
        msh = message.segment("MSH")
    except (KeyError, IndexError, ValueError) as exc:
        raise MessageProblem("MSH", f"cannot parse the message: {exc}", "100") from exc
    control_id = segment_field(msh, 10)
    if not control_id:
        raise MessageProblem("MSH-10", "the message control id is empty", REQUIRED_FIELD_MISSING)
    kind = f"{segment_field(msh, 9, 1)}^{segment_field(msh, 9, 2)}".strip("^")
    return Received(message, text, declared, segment_field(msh, 4), control_id[:64], kind)


def field(message: hl7.Message, where: str) -> str:
    """The text at an accessor such as PID.3.1.4 (PID-3, component 1... ), '' when absent."""
    try:
        return str(message[where]).strip()
    except (KeyError, IndexError):
        return ""


def segment_field(segment: hl7.Segment, number: int, component: int = 1, repeat: int = 1) -> str:
    """One component of one field of a segment, unescaped; '' when absent."""
    try:
        value = segment.extract_field(1, number, repeat, component)
    except (IndexError, KeyError):
        return ""
    return str(value).strip()


def timestamp(value: str, where: str) -> str:
    """An HL7 TS (YYYYMMDD[HHMM[SS[.S]]][+ZZZZ]) as an ISO 8601 UTC time."""
    try:
        parsed = hl7.parse_datetime(value)
    except ValueError as exc:
        raise MessageProblem(where, f"not an HL7 timestamp: {value!r}") from exc
    if parsed is None:
        raise MessageProblem(where, "a time is required", REQUIRED_FIELD_MISSING)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=DEFAULT_OFFSET)
    return iso(parsed)


def calendar_date(value: str, where: str) -> str:
    """An HL7 date (YYYYMMDD...) as YYYY-MM-DD."""
    try:
        return datetime.strptime(value[:8], "%Y%m%d").date().isoformat()
    except ValueError as exc:
        raise MessageProblem(where, f"not an HL7 date: {value!r}") from exc


def ack(
    received: Received | None, code: str, *, text: str = "", problem: MessageProblem | None = None
) -> str:
    """The ACK (MSA-1 AA, AE or AR) for a message; with an ERR segment naming the field of a
    problem. Without a parsed message (its MSH unreadable) a bare ACK with an empty MSA-2."""
    if (
        received is not None
        and received.accepted is not None
        and code == "AA"
        and not text
        and problem is None
    ):
        return received.accepted
    source = (
        received.header if received is not None else hl7.parse("MSH|^~\\&|||||||ACK^ACK^ACK|||2.5")
    )
    answer = source.create_ack(ack_code=code, application="WORKSTATION", facility="WARD")
    msa = answer.segment("MSA")
    if text:
        msa.assign_field(answer.escape(text[:80]), 3)
    if problem is not None:
        answer.append(_err(answer, problem))
    return str(answer)


def _err(answer: hl7.Message, problem: MessageProblem) -> hl7.Segment:
    segment_id, _, number = problem.field.partition("-")
    err = answer.create_segment([answer.create_field(["ERR"])])
    err.assign_field(segment_id, 2, 1, 1)
    err.assign_field("1", 2, 1, 2)
    err.assign_field(number.split(".")[0] if number else "", 2, 1, 3)
    err.assign_field(problem.code, 3, 1, 1)
    err.assign_field("E", 4)
    err.assign_field(answer.escape(problem.reason[:200]), 8)
    return err

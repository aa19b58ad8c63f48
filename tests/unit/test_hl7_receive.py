"""Reading a message off the wire: a UTF-8 message is parsed once, any other charset is decoded
by the MSH-18 it declares, and a problem names the same field whichever path read it."""

from __future__ import annotations

import pytest

from tests.support.hl7_day import adt
from workstation.hl7v2 import mapping, message
from workstation.hl7v2.message import MessageProblem


def test_a_utf8_message_keeps_its_rare_characters_and_files_its_charset() -> None:
    received = message.receive(adt("U1", "A01", "R1", name="𠀋^䶮").encode("utf-8"))
    assert received.charset == "UNICODE UTF-8" and mapping.read(received).name == "𠀋䶮"
    declared = message.receive(adt("U2", "A01", "R1", charset="UNICODE UTF-8").encode("utf-8"))
    assert declared.charset == "UNICODE UTF-8" and declared.key == "HIS|U2"


def test_a_gb18030_message_is_decoded_as_it_declares_even_when_its_bytes_read_as_utf8() -> None:
    received = message.receive(adt("G1", "A01", "R1", charset="GB18030").encode("gb18030"))
    assert received.charset == "GB18030" and mapping.read(received).name == "张三"
    ascii_only = message.receive(adt("G2", "A01", "R1", name="LI^SI", charset="GB18030").encode())
    assert ascii_only.charset == "GB18030"


@pytest.mark.parametrize(
    ("raw", "field", "words"),
    [
        (adt("", "A01", "R1", charset="EBCDIC").encode(), "MSH-18", "unknown character set"),
        (adt("A1", "A01", "R1", charset="ASCII").encode("utf-8"), "MSH-18", "not valid ASCII"),
        (adt("", "A01", "R1").encode(), "MSH-10", "control id is empty"),
        (b"PID|1||R1\r", "MSH", "does not begin"),
    ],
)
def test_a_problem_names_the_same_field_whichever_path_read_it(
    raw: bytes, field: str, words: str
) -> None:
    with pytest.raises(MessageProblem) as problem:
        message.receive(raw)
    assert problem.value.field == field and words in problem.value.reason

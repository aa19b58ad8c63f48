"""The ORM^O01 the ward sends: read back by python-hl7, names intact, separators escaped, the
LOINC code first in OBR-4, MSH-10 the same for the same order and action."""

from __future__ import annotations

from dataclasses import replace

import hl7
import pytest

from workstation.hl7v2.outbound import OrderFacts, control_id, order_message, read_ack

FACTS = OrderFacts(
    order_id="01a24f49-75d5-7ea8-8134-d650a2d099ad", action="NW", kind="lab", code="MG",
    description="Magnesium | serum ^ 镁", loinc="2601-3", urgent=True,
    placed_at="2026-12-07T02:02:00.000Z", placed_by="u-doc", record_number="MRN-9",
    authority="HOSP", name="张𪚥", sex="female", birth_date="1948-05-06", ward_id="CARD",
    bed="3", attending_id="u-att",
)  # fmt: skip


def _read(facts: OrderFacts = FACTS) -> hl7.Message:
    text = order_message(facts, receiver="LIS", facility="HOSP", now="2026-12-07T02:03:00.000Z")
    return hl7.parse(text)


def _value(message: hl7.Message, where: str) -> str:
    return str(message.unescape(str(message[where])))


def test_the_order_message_reads_back_field_by_field() -> None:
    message = _read()
    assert [_value(message, f"MSH.9.1.{n}") for n in (1, 2, 3)] == ["ORM", "O01", "ORM_O01"]
    assert _value(message, "MSH.18") == "UNICODE UTF-8"
    assert _value(message, "MSH.7") == "20261207100300+0800"  # the hospital's time, with offset
    assert (_value(message, "PID.3.1.1"), _value(message, "PID.3.1.4")) == ("MRN-9", "HOSP")
    assert (_value(message, "PID.5"), _value(message, "PID.8")) == ("张𪚥", "F")
    assert (_value(message, "PV1.3.1.1"), _value(message, "PV1.3.1.3")) == ("CARD", "3")
    assert (_value(message, "ORC.1"), _value(message, "ORC.2")) == ("NW", FACTS.order_id)
    assert _value(message, "OBR.4.1.1") == "2601-3" and _value(message, "OBR.4.1.3") == "LN"
    assert _value(message, "OBR.4.1.4") == "MG" and _value(message, "OBR.5") == "S"
    assert _value(message, "OBR.4.1.2") == "Magnesium | serum ^ 镁"  # escaped, not split


def test_msh_10_is_stable_per_order_and_action_and_fits_the_field() -> None:
    first, again = _read(), _read()
    assert _value(first, "MSH.10") == _value(again, "MSH.10") == control_id(FACTS.order_id, "NW")
    cancel = _read(replace(FACTS, action="CA", reason="duplicate"))
    assert _value(cancel, "MSH.10") != _value(first, "MSH.10")
    assert _value(cancel, "ORC.1") == "CA" and len(_value(cancel, "MSH.10")) <= 20


def test_acks_are_read_and_anything_else_is_refused() -> None:
    ack = read_ack(
        "MSH|^~\\&|LIS|H|WORKSTATION|WARD|20261207||ACK^O01|A1|P|2.5\rMSA|AE|N1|bad code"
    )
    assert (ack.code, ack.acked_control_id, ack.text, ack.final, ack.accepted) == (
        "AE", "N1", "bad code", True, False)  # fmt: skip
    assert not read_ack("MSH|^~\\&|L|H|W|W|1||ACK|A2|P|2.5\rMSA|AR|N1").final
    with pytest.raises(ValueError):
        read_ack("MSH|^~\\&|L|H|W|W|1||ACK|A3|P|2.5\rMSA|XX|N1")
    with pytest.raises(ValueError):
        read_ack("PID|1")

"""The controlled drugs' own facts (麻醉药品, 第一类精神药品): an empty ampoule or used patch given
back before the next dispense, and what is left of a dose destroyed before a witness.

Both follow 医疗机构麻醉药品、第一类精神药品管理规定 (卫医发〔2005〕438号): the pharmacy takes back
the empty ampoule or used patch of the previous dispense before it dispenses again, and a dose's
remainder is destroyed by two people and recorded. Every movement is listed in the special
register (专册登记, 麻醉药品和精神药品管理条例 Art. 41): clinical.controlled_register.
"""

from __future__ import annotations

from workstation.events.fields import Field, number, optional, text, uuid_ref
from workstation.events.vocabulary import EventType


def controlled_types() -> list[EventType]:
    """Event types of controlled drugs: empty-ampoule return and witnessed destruction."""
    return [
        EventType("EmptyAmpouleReturned", {
            "drug_code": Field(text(64)),
            "quantity": Field(number(positive=True)),  # ampoules or patches given back
            "unit": Field(text(16)),
            "lot": optional(text(64)),  # the lot of the empty ampoules (原批号)
            "order_id": optional(uuid_ref),
        }),
        EventType("ControlledDrugDestroyed", {
            "drug_code": Field(text(64)),
            "amount": Field(number(positive=True)),  # what was left and destroyed
            "unit": Field(text(16)),
            "witness_id": Field(text(64)),  # the second person present (双人销毁)
            "lot": optional(text(64)),
            "order_id": optional(uuid_ref),
            "method": optional(text(200)),
        }),
    ]  # fmt: skip

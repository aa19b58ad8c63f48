"""The skin test's own fact (皮试结果): the result a nurse read, checked by a second nurse.

A positive result is folded into the chart as an allergy as well (projections.controlled_projector),
so the allergy check, the banner and every later order see it. The second nurse's credential is
checked on the station like a high-alert dose's witness (offline_cache.session.verify_cosigner);
the witness may not be the author (a rule of the payload and the author, checked on both sides).
"""

from __future__ import annotations

from workstation.clinical.controlled import SKIN_TEST_RESULTS
from workstation.events.fields import Field, one_of, optional, text, timestamp, uuid_ref
from workstation.events.vocabulary import EventType


def skin_test_types() -> list[EventType]:
    """Event types of skin tests: the result recorded with its second nurse."""
    return [
        EventType("SkinTestRecorded", {
            "substance": Field(text(100)),  # the formulary's skin-test substance, e.g. penicillin
            "result": Field(one_of(SKIN_TEST_RESULTS)),
            "read_at": Field(timestamp),  # when the wheal was read (20 minutes after the test)
            "witness_id": Field(text(64)),  # the second nurse (双人核对)
            "order_id": optional(uuid_ref),  # the skin-test order, when there is one
            "drug_code": optional(text(64)),  # the drug the test was made for
            "reaction": optional(text(500)),
        }),
    ]  # fmt: skip

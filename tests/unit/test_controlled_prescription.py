"""The controlled drugs' prescription forms: quantities in words and one day's quantity."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from workstation.clinical.formulary import default_formulary
from workstation.clinical.schedule import AdministrationTimes
from workstation.reports.context import Hospital, PrintContext
from workstation.reports.controlled_rx import (
    chinese_amount,
    english_amount,
    narcotic_prescription,
    one_day_quantity,
    psychotropic_prescription,
)


@pytest.mark.parametrize(("value", "zh", "en"), [
    (1, "壹", "one"), (6, "陆", "six"), (10, "壹拾", "ten"), (12, "壹拾贰", "twelve"),
    (105, "壹佰零伍", "one hundred five"), (1200, "壹仟贰佰", "one thousand two hundred"),
    (0.5, "零点伍", "zero point five"), (2.5, "贰点伍", "two point five"),
])  # fmt: skip
def test_quantities_in_words(value: float, zh: str, en: str) -> None:
    assert chinese_amount(value) == zh and english_amount(value) == en


def morphine(**changes: object) -> dict:
    return {"order_id": "0190b8e2-7c3a-7d1e-9f00-0000000000a1", "order_kind": "medication",
            "drug_code": "morphine", "dose_value": 10, "dose_unit": "mg", "route": "sc",
            "frequency": "q4h", "prn": False, "status": "verified", "voided": False,
            "placed_at": "2026-12-06T08:00:00.000Z", "placed_by": "doc", "description": "m"} | changes  # fmt: skip


def test_one_days_quantity_is_the_doses_of_a_day_in_whole_units() -> None:
    formulary = default_formulary()
    assert one_day_quantity(morphine(), formulary) == (6.0, "amp")
    assert one_day_quantity(morphine(frequency="st"), formulary) == (1.0, "amp")


@pytest.mark.parametrize("lang", ["zh_CN", "en_US"])
def test_both_forms_print_in_both_languages(lang: str) -> None:
    ctx = PrintContext(lang=lang, printed_by="p", printed_at=datetime(2026, 12, 7, tzinfo=UTC),
                       hospital=Hospital.load(), times=AdministrationTimes.load())  # fmt: skip
    chart = {"patient": {"patient_id": "p", "record_number": "1", "name": "张三", "sex": "male",
                         "birth_date": "1950-01-01", "ward_id": "W", "bed": "1"},
             "orders": [morphine(), morphine(order_id="0190b8e2-7c3a-7d1e-9f00-0000000000a2",
                                             drug_code="midazolam", dose_value=2, frequency="st")],
             "allergies": []}  # fmt: skip
    for pdf in (narcotic_prescription(ctx, chart), psychotropic_prescription(ctx, chart)):
        assert pdf.startswith(b"%PDF") and len(pdf) > 2000

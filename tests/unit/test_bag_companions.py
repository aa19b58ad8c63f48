"""A drug given in one bag with others is shown with them: the nurse sees the whole bag."""

from __future__ import annotations

from workstation.clinical.order_group import bag_companions

BAG = {
    "drug_code": "furosemide", "drug_name": "呋塞米", "dose_value": 20.0, "dose_unit": "mg",
    "group": {
        "carrier": {"code": "ns", "volume_ml": 250},
        "members": [{"drug_code": "potassium_chloride_inj", "drug_name": "氯化钾",
                     "dose_value": 1.0, "dose_unit": "g", "route": "ivgtt", "frequency": "qd"}],
    },
}  # fmt: skip


def test_the_other_drugs_and_the_carrier_follow_the_first_drug() -> None:
    assert bag_companions(BAG, "zh") == " + 氯化钾 1 g + 0.9%氯化钠注射液 250ml"
    assert bag_companions(BAG, "en").endswith(" + 0.9% sodium chloride 250 mL")


def test_a_single_drug_has_no_companions() -> None:
    assert bag_companions({"drug_code": "furosemide", "group": None}, "zh") == ""
    assert bag_companions({"drug_code": "furosemide"}, "en") == ""

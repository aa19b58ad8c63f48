"""The 目录's antisera (issue 11 item 0): the equine sera need a skin test (皮试) before use, and a
positive one points to the label's desensitisation; the human tetanus immunoglobulin needs none."""

from __future__ import annotations

import pytest

from workstation.clinical.checks import MedicationOrder, PatientContext, check_order


def _skin(code: str, dose: float, unit: str, route: str, on_file: dict[str, str]):
    order = MedicationOrder(code, dose, unit, route, "st", 1)
    return [a for a in check_order(order, PatientContext(skin_tests=on_file))
            if a.category == "skin-test"]  # fmt: skip


@pytest.mark.parametrize(
    ("code", "dose", "unit", "route", "substance"),
    [
        ("tetanus_antitoxin", 1500, "IU", "im", "tetanus antitoxin"),
        ("rabies_antiserum", 2400, "IU", "infil", "rabies antiserum"),
        ("snake_antivenom", 6000, "U", "iv", "snake antivenom"),
    ],
)
def test_an_equine_serum_waits_for_its_skin_test(code, dose, unit, route, substance) -> None:
    [pending] = _skin(code, dose, unit, route, {})
    assert pending.severity == "info" and f"needs a {substance} skin test" in pending.message
    assert _skin(code, dose, unit, route, {substance: "negative"}) == []
    [positive] = _skin(code, dose, unit, route, {substance: "positive"})
    assert positive.severity == "critical" and "desensitisation" in positive.message
    assert "脱敏注射法" in positive.message_zh


def test_the_human_immunoglobulin_needs_no_skin_test_and_its_ceiling_is_checked() -> None:
    assert _skin("tetanus_immunoglobulin", 250, "IU", "im", {}) == []
    order = MedicationOrder("tetanus_immunoglobulin", 10000, "IU", "im", "st", 1)
    assert any(a.category == "dose-single" for a in check_order(order, PatientContext()))


def test_procaine_needs_its_skin_test_and_lobeline_keeps_its_pharmacopoeia_ceiling() -> None:
    [pending] = _skin("procaine", 100, "mg", "infil", {})
    assert pending.severity == "info" and "procaine skin test" in pending.message
    usual = MedicationOrder("lobeline", 3, "mg", "iv", "st", 1)
    assert not [a for a in check_order(usual, PatientContext()) if a.severity != "info"]
    over = MedicationOrder("lobeline", 9, "mg", "iv", "st", 1)  # 极量 6 mg a dose IV
    assert any(a.category == "dose-single" for a in check_order(over, PatientContext()))

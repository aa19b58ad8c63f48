"""Routes the wards write for local products and regional anaesthesia: epidural, local
infiltration, eye, ear and nose — parsed, worded, dispensed and checked."""

from __future__ import annotations

import pytest

from workstation.clinical.checks import PatientContext, check_order
from workstation.clinical.checks.scenarios import sentence_parser
from workstation.clinical.dispense_forms import dispense_units, form_families
from workstation.clinical.formulary import DrugForm, default_formulary
from workstation.clinical.high_alert import is_high_alert
from workstation.clinical.knowledge import default_knowledge
from workstation.clinical.order_sentence import parse_order
from workstation.clinical.order_words import route_text
from workstation.events.order_sheet_events import DISCHARGE_ROUTES
from workstation.events.vocabulary import ROUTES


@pytest.mark.parametrize(("sentence", "code", "route"), [
    ("布比卡因 25mg 硬膜外 st", "bupivacaine", "epidural"),
    ("bupivacaine 25 mg epidural st", "bupivacaine", "epidural"),
    ("罗哌卡因 75mg 硬膜外给药 st", "ropivacaine", "epidural"),
    ("利多卡因 100mg 局部浸润 st", "lidocaine_local", "infil"),
    ("lidocaine 100mg infiltration st", "lidocaine_local", "infil"),
    ("利多卡因 100mg 静注 st", "lidocaine_iv", "iv"),
])  # fmt: skip
def test_the_route_is_read_and_picks_the_product(sentence: str, code: str, route: str) -> None:
    parsed = parse_order(sentence, default_formulary())
    assert (parsed.drug.code, parsed.route) == (code, route)


def test_the_new_routes_are_route_codes_worded_in_both_languages() -> None:
    for code in ("epidural", "infil", "eye", "ear", "nasal"):
        assert code in ROUTES
        assert route_text("zh_CN", code) != code
    assert (
        route_text("zh_CN", "epidural") == "硬膜外给药" and route_text("en", "eye") == "to the eye"
    )
    assert {"eye", "ear", "nasal"} <= DISCHARGE_ROUTES and "epidural" not in DISCHARGE_ROUTES


def test_an_epidural_dose_is_dispensed_in_ampoules() -> None:
    bupivacaine = default_formulary().by_code("bupivacaine")
    assert bupivacaine is not None
    assert dispense_units(bupivacaine, 37.5, "mg", "epidural") == ("amp", 1.0)


def test_an_eye_or_ear_product_is_its_own_family() -> None:
    drops = DrugForm("eye drops 8 mL", "滴眼液 8 mL", 20, "mg", "bottle", 8)
    assert form_families(drops) == frozenset({"ophthalmic"})
    ear = DrugForm("ear drops 5 mL", "滴耳液 5 mL", 15, "mg", "bottle", 5)
    assert form_families(ear) == frozenset({"otic"})


def test_epidural_local_anaesthetic_is_high_alert_and_infiltration_is_not() -> None:
    formulary = default_formulary()
    assert is_high_alert({"drug_code": "bupivacaine", "route": "epidural"}, formulary)
    assert not is_high_alert({"drug_code": "bupivacaine", "route": "infil"}, formulary)


@pytest.mark.parametrize(("sentence", "alerted"), [
    ("布比卡因 200mg 硬膜外 st", True),  # above 150 mg in 4 hours (BNF / Marcaine SmPC)
    ("布比卡因 50mg 硬膜外 st", False),
    ("利多卡因 300mg 局部浸润 st", True),  # above 200 mg without adrenaline (BNF)
    ("利多卡因 100mg 局部浸润 st", False),
])  # fmt: skip
def test_the_local_anaesthetic_ceiling_is_checked(sentence: str, alerted: bool) -> None:
    kb = default_knowledge()
    alerts = check_order(sentence_parser(kb)(sentence), PatientContext(age_years=50), kb)
    dose_alerts = [a for a in alerts if a.category.startswith("dose") and a.severity != "info"]
    assert bool(dose_alerts) is alerted, [a.message for a in alerts]

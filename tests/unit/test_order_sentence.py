"""The order-sentence parser over a table of real-world sentences: English, Chinese, pinyin
initials, full-width input, and malformed sentences with the message each must give."""

from __future__ import annotations

import contextlib
import time

import pytest

from workstation.clinical.formulary import default_formulary
from workstation.clinical.frequencies import FREQUENCY_TABLE, doses_per_day, frequency_code
from workstation.clinical.order_sentence import OrderSentenceError, ParsedOrder, parse_order
from workstation.events.fields import check_fields
from workstation.events.vocabulary import FREQUENCIES, MEDICATION_FIELDS

# sentence -> (drug code, dose value, dose unit, route, frequency, duration days, prn indication)
# prn is True when the frequency is prn or an indication is given.
PARSES: list[tuple[str, str, float, str, str, str, int | None, str | None]] = [  # fmt: skip
    # the sentences of the brief
    ("amox 500mg po tid 7d", "amoxicillin", 500, "mg", "po", "tid", 7, None),
    ("阿莫西林 0.5g 口服 tid 7天", "amoxicillin", 0.5, "g", "po", "tid", 7, None),
    ("amxl 0.5g po tid", "amoxicillin", 0.5, "g", "po", "tid", None, None),
    ("硝酸甘油 0.5mg 舌下 st", "nitroglycerin", 0.5, "mg", "sl", "st", None, None),
    ("furosemide 40 mg iv bid", "furosemide", 40, "mg", "iv", "bid", None, None),
    ("KCl 10% 10ml ivgtt qd", "potassium_chloride_inj", 10, "mL", "ivgtt", "qd", None, None),
    ("insulin glargine 10 U sc qn", "insulin_glargine", 10, "U", "sc", "qn", None, None),
    ("paracetamol 500mg po q6h prn fever", "paracetamol", 500, "mg", "po", "q6h", None, "fever"),
    ("头孢曲松 2g 静滴 每日一次 5天", "ceftriaxone", 2, "g", "ivgtt", "qd", 5, None),
    ("阿司匹林 100mg 口服 每日一次", "aspirin", 100, "mg", "po", "qd", None, None),
    ("atorvastatin 20 mg po qn", "atorvastatin", 20, "mg", "po", "qn", None, None),
    # spacing, case, full width, Latin dots, duration spellings
    ("amox 500 mg po tid 7 days", "amoxicillin", 500, "mg", "po", "tid", 7, None),
    ("AMOX 500MG PO TID X7D", "amoxicillin", 500, "mg", "po", "tid", 7, None),
    ("Amoxicillin 500mg p.o. t.i.d. for 7 days", "amoxicillin", 500, "mg", "po", "tid", 7, None),
    ("ａｍｏｘ　５００ｍｇ　ｐｏ　ｔｉｄ　×７天", "amoxicillin", 500, "mg", "po", "tid", 7, None),
    ("amox 500mg po tid x 7d", "amoxicillin", 500, "mg", "po", "tid", 7, None),
    ("阿莫西林 0.5克 口服 每日三次 共7天", "amoxicillin", 0.5, "g", "po", "tid", 7, None),
    ("阿莫西林胶囊0.5g口服每日三次共7天", "amoxicillin", 0.5, "g", "po", "tid", 7, None),
    ("阿莫西林，0.5g，口服，一日3次，×7天", "amoxicillin", 0.5, "g", "po", "tid", 7, None),
    ("amox 500mg po tid 2 weeks", "amoxicillin", 500, "mg", "po", "tid", 14, None),
    ("amox 500mg po tid 1周", "amoxicillin", 500, "mg", "po", "tid", 7, None),
    ("amox 500mg tid po", "amoxicillin", 500, "mg", "po", "tid", None, None),
    ("amox po tid 500mg", "amoxicillin", 500, "mg", "po", "tid", None, None),
    ("阿莫西林 口服 0.5g tid", "amoxicillin", 0.5, "g", "po", "tid", None, None),
    ("amox 500mg po three times daily", "amoxicillin", 500, "mg", "po", "tid", None, None),
    ("amox 500mg orally tds", "amoxicillin", 500, "mg", "po", "tid", None, None),
    # pinyin initials
    ("tbqs 2g ivgtt qd", "ceftriaxone", 2, "g", "ivgtt", "qd", None, None),
    ("aspl 100mg po qd", "aspirin", 100, "mg", "po", "qd", None, None),
    ("fsm 20mg iv st", "furosemide", 20, "mg", "iv", "st", None, None),
    ("lbgl 75mg 口服 qd", "clopidogrel", 75, "mg", "po", "qd", None, None),
    ("atftt 20mg po qn", "atorvastatin", 20, "mg", "po", "qn", None, None),
    ("ejsg 0.5g po bid", "metformin", 0.5, "g", "po", "bid", None, None),
    ("gjyds 12u 皮下 qn", "insulin_glargine", 12, "U", "sc", "qn", None, None),
    ("xsgy 0.5mg sl st", "nitroglycerin", 0.5, "mg", "sl", "st", None, None),
    ("mlpn 1g ivgtt q8h", "meropenem", 1, "g", "ivgtt", "q8h", None, None),
    ("wgms 1g ivgtt q12h", "vancomycin", 1, "g", "ivgtt", "q12h", None, None),
    # English names, aliases and brands
    ("augmentin 625mg po tid 5d", "amoxicillin_clavulanate", 625, "mg", "po", "tid", 5, None),
    ("ASA 100mg po qd", "aspirin", 100, "mg", "po", "qd", None, None),
    ("NTG 0.5mg SL prn chest pain", "nitroglycerin", 0.5, "mg", "sl", "prn", None, "chest pain"),
    ("lasix 40mg IV stat", "furosemide", 40, "mg", "iv", "st", None, None),
    ("lantus 10 units sc at bedtime", "insulin_glargine", 10, "U", "sc", "qn", None, None),
    ("ceftriaxone 2 g ivgtt once daily 5 days", "ceftriaxone", 2, "g", "ivgtt", "qd", 5, None),
    ("pip-tazo 4.5g ivgtt q8h 14d", "piperacillin_tazobactam", 4.5, "g", "ivgtt", "q8h", 14, None),
    ("enoxaparin 40mg sc daily", "enoxaparin", 40, "mg", "sc", "qd", None, None),
    ("heparin 5000 units sc q12h", "heparin", 5000, "U", "sc", "q12h", None, None),
    ("warfarin 3mg po qd", "warfarin", 3, "mg", "po", "qd", None, None),
    ("metronidazole 400mg po tid 7d", "metronidazole", 400, "mg", "po", "tid", 7, None),
    ("sildenafil 50mg po qd", "sildenafil", 50, "mg", "po", "qd", None, None),
    ("rosuvastatin 10mg po qn", "rosuvastatin", 10, "mg", "po", "qn", None, None),
    ("diclofenac 75mg po q6h", "diclofenac", 75, "mg", "po", "q6h", None, None),
    ("rivaroxaban 20mg po qd", "rivaroxaban", 20, "mg", "po", "qd", None, None),
    ("valsartan 80mg po qd", "valsartan", 80, "mg", "po", "qd", None, None),
    ("spironolactone 20mg po qd", "spironolactone", 20, "mg", "po", "qd", None, None),
    ("metoclopramide 10mg iv tid", "metoclopramide", 10, "mg", "iv", "tid", None, None),
    ("omeprazole 20mg po qd", "omeprazole", 20, "mg", "po", "qd", None, None),
    ("ampicillin 1g iv q6h 5d", "ampicillin", 1, "g", "iv", "q6h", 5, None),
    ("salbutamol 2.5mg neb q6h", "salbutamol", 2.5, "mg", "neb", "q6h", None, None),
    ("ipratropium 500mcg neb tid", "ipratropium", 500, "mcg", "neb", "tid", None, None),
    ("levothyroxine 50μg po qd", "levothyroxine", 50, "mcg", "po", "qd", None, None),
    ("levothyroxine 50 ug po qm", "levothyroxine", 50, "mcg", "po", "qm", None, None),
    ("methotrexate 10mg po qw", "methotrexate", 10, "mg", "po", "qw", None, None),
    ("morphine 5mg sc q4h prn pain", "morphine", 5, "mg", "sc", "q4h", None, "pain"),
    ("tramadol 50mg po prn for pain", "tramadol", 50, "mg", "po", "prn", None, "pain"),
    ("diclofenac 50mg pr qn", "diclofenac", 50, "mg", "pr", "qn", None, None),
    ("tiotropium 18mcg inh qd", "tiotropium", 18, "mcg", "inh", "qd", None, None),
    ("enoxaparin 1 mg sc q12h", "enoxaparin", 1, "mg", "sc", "q12h", None, None),
    ("aspirin 300mg po st", "aspirin", 300, "mg", "po", "st", None, None),
    ("amiodarone 150mg iv st", "amiodarone", 150, "mg", "iv", "st", None, None),
    ("dexamethasone 5mg im qd", "dexamethasone", 5, "mg", "im", "qd", None, None),
    ("paracetamol 1,000 mg po q6h", "paracetamol", 1000, "mg", "po", "q6h", None, None),
    # Chinese
    ("呋塞米 20mg 静推 st", "furosemide", 20, "mg", "iv", "st", None, None),
    ("速尿 40mg 静注 每日两次", "furosemide", 40, "mg", "iv", "bid", None, None),
    ("甘精胰岛素 10单位 皮下注射 每晚", "insulin_glargine", 10, "U", "sc", "qn", None, None),
    ("门冬胰岛素 6u ih tid", "insulin_aspart", 6, "U", "sc", "tid", None, None),
    ("诺和锐30 12u ih bid", "insulin_aspart_30", 12, "U", "sc", "bid", None, None),
    ("注射用头孢曲松钠 2g 静脉滴注 qd", "ceftriaxone", 2, "g", "ivgtt", "qd", None, None),
    ("盐酸胺碘酮 200mg 口服 每日一次", "amiodarone", 200, "mg", "po", "qd", None, None),
    ("10%氯化钾 10ml 静滴 qd", "potassium_chloride_inj", 10, "mL", "ivgtt", "qd", None, None),
    ("氯化钾缓释片 1g 口服 tid", "potassium_chloride_oral", 1, "g", "po", "tid", None, None),
    ("氯化钾 1g 口服 每日三次", "potassium_chloride_oral", 1, "g", "po", "tid", None, None),
    ("青霉素 480万u 静滴 bid", "benzylpenicillin", 4_800_000, "U", "ivgtt", "bid", None, None),
    ("地西泮 5mg 口服 睡前", "diazepam", 5, "mg", "po", "qn", None, None),
    ("苯海拉明 50mg 口服 qn", "diphenhydramine", 50, "mg", "po", "qn", None, None),
    ("布地奈德 1mg 雾化吸入 bid", "budesonide_neb", 1, "mg", "neb", "bid", None, None),
    ("沙丁胺醇 100mcg 吸入 prn 气喘时", "salbutamol", 100, "mcg", "inh", "prn", None, "气喘时"),
    ("吗啡 5mg 皮下 必要时 疼痛时", "morphine", 5, "mg", "sc", "prn", None, "疼痛时"),
    (
        "对乙酰氨基酚 0.5g 口服 必要时 体温>38.5℃时",
        "paracetamol",
        0.5,
        "g",
        "po",
        "prn",
        None,
        "体温>38.5°c时",
    ),
    ("双氯芬酸钠栓 50mg 塞肛 必要时 疼痛时", "diclofenac", 50, "mg", "pr", "prn", None, "疼痛时"),
    ("甲硝唑 0.5g 静滴 每8小时一次 7天", "metronidazole", 0.5, "g", "ivgtt", "q8h", 7, None),
    ("万古霉素 1g 静滴 每12小时 共14天", "vancomycin", 1, "g", "ivgtt", "q12h", 14, None),
    ("肝素钠 5000单位 皮下 q12h", "heparin", 5000, "U", "sc", "q12h", None, None),
    ("依诺肝素 40mg 皮下 每日一次", "enoxaparin", 40, "mg", "sc", "qd", None, None),
    ("甲氨蝶呤 10mg 口服 每周一次", "methotrexate", 10, "mg", "po", "qw", None, None),
    ("泮托拉唑 40mg 静滴 每日两次", "pantoprazole", 40, "mg", "ivgtt", "bid", None, None),
    (
        "硝酸甘油 0.5mg 舌下含服 必要时 胸痛时",
        "nitroglycerin",
        0.5,
        "mg",
        "sl",
        "prn",
        None,
        "胸痛时",
    ),
    ("左氧氟沙星 0.5g 静滴 qd 共5天", "levofloxacin", 0.5, "g", "ivgtt", "qd", 5, None),
    ("阿托伐他汀钙 20mg 口服 每晚一次", "atorvastatin", 20, "mg", "po", "qn", None, None),
    ("维生素K1 10mg 肌注 qd", "phytomenadione", 10, "mg", "im", "qd", None, None),
    ("硫酸镁 2.5g 静滴 隔日一次", "magnesium_sulfate", 2.5, "g", "ivgtt", "qod", None, None),
    ("美托洛尔 25mg 口服 bid", "metoprolol", 25, "mg", "po", "bid", None, None),
    ("二甲双胍 0.5g 口服 一日两次", "metformin", 0.5, "g", "po", "bid", None, None),
    ("莫西沙星 0.4g 静滴 每日1次", "moxifloxacin", 0.4, "g", "ivgtt", "qd", None, None),
    ("地塞米松 5mg 静推 立即", "dexamethasone", 5, "mg", "iv", "st", None, None),
    ("奥美拉唑 20毫克 口服 每天一次", "omeprazole", 20, "mg", "po", "qd", None, None),
    ("门冬胰岛素 8单位 皮下注射 三餐前", "insulin_aspart", 8, "U", "sc", "tid", None, None),
    ("二甲双胍 0.5g 口服 tid 餐后", "metformin", 0.5, "g", "po", "tid", None, None),
    ("10%氯化钾 15ml 口服 tid", "potassium_chloride_oral", 15, "mL", "po", "tid", None, None),
    ("50% glucose 40ml iv st", "glucose_50", 40, "mL", "iv", "st", None, None),
    # unit, route and frequency typed without spaces after the number
    ("倍他乐克47.5mgpoqd", "metoprolol", 47.5, "mg", "po", "qd", None, None),
    ("头孢曲松2givgttqd", "ceftriaxone", 2, "g", "ivgtt", "qd", None, None),
    ("vancomycin 1givgttq12h", "vancomycin", 1, "g", "ivgtt", "q12h", None, None),
    # a salt's Chinese name without its salt (左甲状腺素钠 -> 左甲状腺素)
    ("左甲状腺素 50mcg po qd", "levothyroxine", 50, "mcg", "po", "qd", None, None),
]


@pytest.mark.parametrize(
    ("sentence", "code", "value", "unit", "route", "frequency", "days", "indication"), PARSES
)
def test_sentence_parses(
    sentence: str, code: str, value: float, unit: str, route: str, frequency: str,
    days: int | None, indication: str | None,
) -> None:  # fmt: skip
    order = parse_order(sentence, default_formulary())
    assert (order.drug.code, order.dose_value, order.dose_unit) == (code, value, unit)
    assert (order.route, order.frequency, order.duration_days) == (route, frequency, days)
    assert order.prn == (frequency == "prn" or indication is not None)
    assert order.prn_indication == indication


def test_the_table_is_large_and_mixed() -> None:
    chinese = [row for row in PARSES if any("\u4e00" <= ch <= "\u9fff" for ch in row[0])]
    assert len(PARSES) + len(ERRORS) >= 80 and len(chinese) >= 30


# sentence -> (part, words the message must contain)
ERRORS: list[tuple[str, str, str]] = [
    ("", "drug", "empty order"),
    ("   ", "drug", "empty order"),
    ("500mg po tid", "drug", "must start with the drug name"),
    ("amoxi 500mg po tid", "drug", "unknown drug 'amoxi'; did you mean"),
    ("amoxycilin 500mg po tid", "drug", "阿莫西林 (Amoxicillin)"),
    ("frusemid 40mg iv bid", "drug", "unknown drug 'frusemid'; did you mean 呋塞米 (Furosemide)"),
    ("xyzzy 5mg po qd", "drug", "unknown drug 'xyzzy'"),
    ("amox po tid", "dose", "dose missing"),
    ("amox 500 po tid", "unit", "dose unit missing after 500"),
    ("amox 500ml po tid", "unit", "dose unit mL does not fit 阿莫西林 (Amoxicillin), dosed in mg"),
    ("insulin glargine 10mg sc qn", "unit", "does not fit"),
    ("amox 0mg po tid", "dose", "more than zero"),
    ("amox 500mg 1g po tid", "dose", "two doses written"),
    ("amox 500mg pp tid", "route", "unknown route 'pp'; did you mean po"),
    ("amox 500mg po tdi", "frequency", "unknown frequency 'tdi'; did you mean tid"),
    ("amox 500mg po q5h", "frequency", "unknown frequency 'q5h': use q2h, q4h, q6h, q8h or q12h"),
    ("amox 500mg po", "frequency", "frequency missing"),
    ("amox 500mg po tid bid", "frequency", "two frequencies written: tid and bid"),
    ("furosemide 40mg bid", "route", "route missing: 呋塞米 (Furosemide) can be given"),
    ("furosemide 40mg iv po bid", "route", "two routes written: iv and po"),
    ("amox 500mg po tid 7d 5d", "duration", "two durations written"),
    ("amox 500mg po tid 400d", "duration", "1 to 365 days"),
    ("kcl 1g tid", "drug", "'kcl' could be 氯化钾注射液"),
    ("amox 500mg po tid please", "sentence", "not understood: 'please'"),
    ("amox 500mg po tid mg", "dose", "unit 'mg' without a number"),
    ("amox 500mg po tdi prn", "frequency", "unknown frequency 'tdi'"),
    ("NTG 0.4mg sl q5min prn chest pain", "frequency", "unknown frequency 'q5min'"),
]


@pytest.mark.parametrize(("sentence", "part", "words"), ERRORS)
def test_malformed_sentence_says_what_is_wrong(sentence: str, part: str, words: str) -> None:
    with pytest.raises(OrderSentenceError) as caught:
        parse_order(sentence, default_formulary())
    assert caught.value.part == part
    assert words in str(caught.value)


def test_unknown_drug_error_carries_suggestions() -> None:
    with pytest.raises(OrderSentenceError) as caught:
        parse_order("amoxi 500mg po tid", default_formulary())
    assert "阿莫西林 (Amoxicillin)" in caught.value.suggestions


def test_warnings_for_assumed_route_foreign_route_concentration_and_prn() -> None:
    formulary = default_formulary()
    assumed = parse_order("aspirin 100mg qd", formulary)
    assert assumed.route == "po" and "route not written" in assumed.warnings[0]
    foreign = parse_order("KCl 10% 10ml iv st", formulary)
    assert "not listed for route iv" in foreign.warnings[0]
    strength = parse_order("KCl 15% 10ml ivgtt st", formulary)
    assert "15% does not match" in strength.warnings[0]
    assert "without an indication" in parse_order("paracetamol 1g po prn", formulary).warnings[0]
    assert parse_order("amox 500mg po tid 7d", formulary).warnings == ()


def test_tablets_are_read_as_the_strength() -> None:
    order = parse_order("aspirin 1片 po qd", default_formulary())
    assert (order.dose_value, order.dose_unit) == (100, "mg")
    assert order.warnings == ("1 tab read as 100 mg",)


def test_parsed_order_is_a_valid_medication_payload() -> None:
    order = parse_order("paracetamol 500mg po q6h prn fever", default_formulary())
    assert check_fields(order.medication_payload(), MEDICATION_FIELDS) == []
    assert order.doses_per_day == 4
    assert order.as_json()["prn_indication"] == "fever"


@pytest.mark.parametrize(
    ("sentence", "code", "value", "unit", "in_base", "base_unit"),
    [
        ("KCl 20 mmol ivgtt qd", "potassium_chloride_inj", 20, "mmol", 1.4925, "g"),
        ("氯化钾注射液 13.4毫摩尔 静滴 st", "potassium_chloride_inj", 13.4, "mmol", 10, "mL"),
        ("kflhj 13.4mmol po tid", "potassium_chloride_oral", 13.4, "mmol", 1, "g"),
        ("依诺肝素 4000IU sc qd", "enoxaparin", 4000, "IU", 40, "mg"),
        ("yngsn 6000 iu 皮下注射 q12h", "enoxaparin", 6000, "IU", 60, "mg"),
    ],
)  # fmt: skip
def test_molar_and_activity_doses_convert_through_the_formulary_factor(
    sentence: str, code: str, value: float, unit: str, in_base: float, base_unit: str
) -> None:
    order = parse_order(sentence, default_formulary())
    assert (order.drug.code, order.dose_value, order.dose_unit) == (code, value, unit)
    assert order.drug.dose_in(value, unit, base_unit) == pytest.approx(in_base, rel=1e-3)
    assert check_fields(order.medication_payload(), MEDICATION_FIELDS) == []


def test_molar_dose_of_a_drug_without_a_factor_is_still_a_unit_mismatch() -> None:
    with pytest.raises(OrderSentenceError, match="dose unit mmol does not fit") as caught:
        parse_order("amox 5 mmol po tid", default_formulary())
    assert caught.value.part == "unit"


def test_every_vocabulary_frequency_has_words_and_a_daily_count() -> None:
    assert set(FREQUENCY_TABLE) == set(FREQUENCIES)
    for code in FREQUENCIES:
        assert frequency_code(code) == code
        assert any("\u4e00" <= ch <= "\u9fff" for w in FREQUENCY_TABLE[code].words for ch in w)
    assert (
        doses_per_day("q8h") == 3 and doses_per_day("qod") == 0.5 and doses_per_day("prn") is None
    )
    assert frequency_code("每日两次") == "bid" and frequency_code("睡前") == "qn"
    assert frequency_code("Q.I.D.") == "qid" and frequency_code("每4小时") == "q4h"
    assert frequency_code("每两小时一次") == "q2h" and frequency_code("q2h") == "q2h"
    assert doses_per_day("q2h") == 12


def test_fast_enough_for_every_keystroke() -> None:
    formulary = default_formulary()
    sentences = [row[0] for row in PARSES]
    for sentence in sentences:  # warm caches
        parse_order(sentence, formulary)
    started = time.perf_counter()
    for sentence in sentences:
        parse_order(sentence, formulary)
    average_ms = (time.perf_counter() - started) * 1000 / len(sentences)
    assert average_ms < 2, f"{average_ms:.3f} ms per sentence"


def test_every_prefix_typed_so_far_parses_or_raises_the_parser_error() -> None:
    """While typing, each keystroke gives an order or an OrderSentenceError, never a crash."""
    formulary = default_formulary()
    for sentence in [row[0] for row in PARSES] + [row[0] for row in ERRORS]:
        for end in range(len(sentence) + 1):
            with contextlib.suppress(OrderSentenceError):
                assert isinstance(parse_order(sentence[:end], formulary), ParsedOrder)


def test_a_compound_infusion_line_orders_the_drug_with_its_carrier() -> None:
    order = parse_order("NS 100ml + 头孢曲松 2g ivgtt qd", default_formulary())
    assert (order.drug.code, order.dose_value, order.dose_unit) == ("ceftriaxone", 2, "g")
    assert order.as_json()["diluent"] == {
        "code": "ns", "volume_ml": 100, "name": "0.9% sodium chloride 100 mL"
    }  # fmt: skip
    assert order.warnings == (
        "carrier fluid 0.9% sodium chloride 100 mL: kept in the order's description, "
        "not as a structured field",
    )
    assert check_fields(order.medication_payload(), MEDICATION_FIELDS) == []


def test_the_order_description_carries_the_carrier_fluid() -> None:
    from ui.screens.orders.entry import describe

    order = parse_order("5%GS 250ml + 10%氯化钾 7.5ml ivgtt qd", default_formulary())
    assert describe(order).endswith("7.5 mL ivgtt qd + 5% glucose 250 mL")
    assert describe(order, "zh_CN").endswith("+ 5%葡萄糖注射液 250ml")


@pytest.mark.parametrize(("sentence", "ends"), [
    ("阿莫西林 0.5g 口服 tid 饭后 皮试", "po tid; 饭后 皮试"),
    ("头孢唑林 2g ivgtt st 术前30分钟", "ivgtt st; 术前30分钟"),
    ("氨氯地平 5mg po qd 8am 自备", "po qd; 8am 自备"),  # the patient's own: not dispensed
    ("NS 100ml + 头孢曲松 2g ivgtt qd over 30 min", "+ 0.9% sodium chloride 100 mL, over 30 min"),
    ("NS 50ml + 胺碘酮 300mg 泵入 st 5ml/h", "+ 0.9% sodium chloride 50 mL, 5 mL/h"),
])  # fmt: skip
def test_the_signed_order_keeps_the_instructions_and_the_rate(sentence: str, ends: str) -> None:
    """They have no field of the medication object: the nurse reads them in the description."""
    from ui.screens.orders.entry import describe

    order = parse_order(sentence, default_formulary())
    assert describe(order).endswith(ends), describe(order)
    assert order.as_json().get("instructions") == (list(order.instructions) or None)


@pytest.mark.parametrize(("sentence", "part", "words"), [
    ("头孢曲松 2g + 甲硝唑 0.5g ivgtt q8h", "drug", "one order per drug"),
    ("NS 100ml + ivgtt qd", "drug", "only a carrier fluid"),
    ("NS 100ml + GS 100ml + 头孢曲松 2g ivgtt qd", "sentence", "two carrier fluids"),
    ("morphine 2-4mg iv q4h prn pain", "dose", "dose range '2-4mg'"),
    ("enoxaparin 1mg/kg sc q12h", "dose", "weight-based dose '1mg/kg': write this patient's dose in mg"),
    ("胺碘酮 0.2g tid po 后改 0.2g qd", "sentence", "a second order follows '后改'"),
    ("阿托伐他汀 1片 口服 qn", "dose", "it comes as 20 mg and 40 mg"),
])  # fmt: skip
def test_compound_range_weight_and_sequence_refusals(sentence: str, part: str, words: str) -> None:
    with pytest.raises(OrderSentenceError) as caught:
        parse_order(sentence, default_formulary())
    assert caught.value.part == part and words in str(caught.value)


def test_puffs_of_a_metered_inhaler_are_read_as_its_strength() -> None:
    order = parse_order("沙丁胺醇气雾剂 2喷 吸入 prn 喘息时", default_formulary())
    assert (order.dose_value, order.dose_unit, order.prn_indication) == (200, "mcg", "喘息时")
    assert order.warnings[0] == "2 puff read as 200 mcg"


@pytest.mark.parametrize("sentence", [
    "klms 0.5g po bid", "klms 0.3g po q8h", "blf 0.3g po bid", "blf 10mg po tid",
])  # fmt: skip
def test_initials_of_two_look_alike_drugs_ask_even_when_the_dose_fits_one(sentence: str) -> None:
    with pytest.raises(OrderSentenceError, match="could be") as refused:
        parse_order(sentence, default_formulary())
    assert len(refused.value.suggestions) == 2


def test_a_dose_both_drugs_are_stocked_in_still_asks() -> None:
    with pytest.raises(OrderSentenceError, match="could be 维生素K1"):
        parse_order("wss 10mg im qd", default_formulary())


@pytest.mark.parametrize(("sentence", "frequency"), [
    ("阿托伐他汀 20mg 口服 qd 睡前", "qn"),
    ("atorvastatin 20mg po qhs qd", "qn"),
    ("泼尼松 30mg 口服 每日一次 晨起", "qm"),
])  # fmt: skip
def test_once_daily_with_a_time_of_day_is_that_time(sentence: str, frequency: str) -> None:
    assert parse_order(sentence, default_formulary()).frequency == frequency


@pytest.mark.parametrize(
    "sentence", ["aciclovir 400mg po 5 times daily", "阿昔洛韦 0.4g 口服 每日5次"]
)
def test_more_doses_a_day_than_the_vocabulary_has_are_refused(sentence: str) -> None:
    with pytest.raises(OrderSentenceError, match="unknown frequency") as caught:
        parse_order(sentence, default_formulary())
    assert caught.value.part == "frequency"

"""Names as doctors type them: a combination in any separator and either order, brand names,
salts after the name; a name that stands for two drugs asks instead of guessing."""

from __future__ import annotations

import pytest

from workstation.clinical.formulary import combination_spellings, default_formulary
from workstation.clinical.order_sentence import parse_order
from workstation.clinical.sentence_drug import OrderSentenceError


@pytest.mark.parametrize(("sentence", "code"), [
    ("piperacillin-tazobactam 4.5g ivgtt q8h", "piperacillin_tazobactam"),
    ("Piperacillin / Tazobactam 4.5g ivgtt q8h", "piperacillin_tazobactam"),
    ("piperacillin and tazobactam 4.5g ivgtt q8h", "piperacillin_tazobactam"),
    ("哌拉西林/他唑巴坦 4.5g 静滴 q8h", "piperacillin_tazobactam"),
    ("哌拉西林-他唑巴坦 4.5g 静滴 q8h", "piperacillin_tazobactam"),
    ("amoxicillin-clavulanate 625mg po tid", "amoxicillin_clavulanate"),
    ("trimethoprim-sulfamethoxazole 960mg po bid", "co_trimoxazole"),
    ("沙库巴曲/缬沙坦 50mg 口服 bid", "sacubitril_valsartan"),
    ("imipenem and cilastatin 0.5g ivgtt q6h", "imipenem_cilastatin"),
    ("拜阿司匹灵 100mg 口服 qd", "aspirin"),
    ("波立维 75mg 口服 qd", "clopidogrel"),
    ("立普妥 20mg 口服 qn", "atorvastatin"),
    ("来得时 10u 皮下 qn", "insulin_glargine"),
    ("优甲乐 50ug 口服 qd", "levothyroxine"),
    ("clopidogrel bisulfate 75mg po qd", "clopidogrel"),
    ("esomeprazole magnesium 40mg po qd", "esomeprazole"),
])  # fmt: skip
def test_the_name_is_read_as_typed(sentence: str, code: str) -> None:
    assert parse_order(sentence, default_formulary()).drug.code == code


def test_a_combination_spelling_never_lands_on_another_drug() -> None:
    formulary = default_formulary()
    for drug in formulary:
        for key in (drug.name_en.lower(), *drug.aliases):
            for spelling in combination_spellings(key.lower()):
                assert [d.code for d in formulary.lookup(spelling)] == [drug.code], spelling


def test_a_prefix_with_a_hyphen_is_not_split() -> None:
    assert combination_spellings("co-trimoxazole") == set()
    assert combination_spellings("l-thyroxine") == set()
    assert "tazobactam/piperacillin" in combination_spellings("piperacillin/tazobactam")


def test_an_ambiguous_name_asks_with_the_candidates() -> None:
    with pytest.raises(OrderSentenceError) as raised:
        parse_order("klms 0.25g bid", default_formulary())
    assert len(raised.value.suggestions) == 2


def test_a_class_word_for_several_formulary_drugs_asks_which() -> None:
    """`低分子肝素` is enoxaparin, nadroparin or dalteparin: order entry asks, never picks one."""
    with pytest.raises(OrderSentenceError) as raised:
        parse_order("低分子肝素 4000IU ih qd", default_formulary())
    assert raised.value.part == "drug" and len(raised.value.suggestions) == 3
    # 低分子量肝素钙 is a product class of its own in China, not nadroparin alone: it asks too
    with pytest.raises(OrderSentenceError) as raised:
        parse_order("低分子肝素钙 4100IU ih qd", default_formulary())
    assert raised.value.part == "drug"


def test_dropping_a_salt_never_makes_an_inorganic_salt_a_prefix() -> None:
    """氯化钾 keeps its name: `氯化` alone names nothing (the salt is the drug)."""
    assert default_formulary().lookup("氯化") == ()
    assert [d.code for d in default_formulary().lookup("华法林")] == ["warfarin"]


def test_a_name_without_its_salt_names_that_drug_alone() -> None:
    formulary = default_formulary()
    for drug in formulary:
        base = drug.name_zh[:-1]
        if drug.name_zh.endswith(("钠", "钾", "钙", "镁")) and formulary.lookup(base):
            assert [d.code for d in formulary.lookup(base)] == [drug.code], base

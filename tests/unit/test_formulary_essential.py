"""The formulary against the 国家基本药物目录 (2018), chemical and biological part: every item is
in the formulary by its generic name or on the exclusion list with a reason."""

from __future__ import annotations

import copy
import json

from workstation.clinical.essential_medicines import (
    EXCLUSION_KINDS,
    PENDING_KINDS,
    coverage,
    essential_medicines_document,
    pending_kinds,
)
from workstation.clinical.formulary import default_formulary, formulary_from_document
from workstation.resources import resource


def test_the_list_names_its_source_and_says_it_is_unverified() -> None:
    document = essential_medicines_document()
    assert "国卫药政发〔2018〕31号" in document["source"]
    assert document["verified_against_pdf"] is False and "417" in document["transcription"]
    names = [item["name_zh"] for item in document["items"]]
    assert len(names) == len(set(names))
    assert all(item["forms"] and item["name_en"] and item["section"] for item in document["items"])


def test_every_item_is_in_the_formulary_or_excluded_with_a_reason() -> None:
    result = coverage(default_formulary(), essential_medicines_document())
    assert result.missing == ()
    assert len(result.covered) + len(result.excluded) == len(
        essential_medicines_document()["items"]
    )


def test_an_exclusion_is_reasoned_and_not_stale() -> None:
    document = essential_medicines_document()
    items = {item["name_zh"] for item in document["items"]}
    result = coverage(default_formulary(), document)
    for entry in document["not_in_formulary"]:
        assert entry["name_zh"] in items, entry
        assert entry["kind"] in EXCLUSION_KINDS and len(entry["reason"]) > 40, entry
        assert entry["name_zh"] not in result.covered, f"stale exclusion: {entry['name_zh']}"
        assert (entry.get("pending_kind") in PENDING_KINDS) == (entry["kind"] == "pending"), entry


def test_the_counts_of_the_comparison() -> None:
    """Covered, excluded out of scope, and pending by reason (the anticancer drugs dosed per m²
    the dropper bottles and sprays with a label at hand, the antisera, the tubes whose label
    copies give strength, tube size and frequency, and the tablets and capsules whose label copy
    gives strength and dose joined the formulary)."""
    document = essential_medicines_document()
    result = coverage(default_formulary(), document)
    counts = (len(result.covered), result.count("out_of_scope"), result.count("pending"))
    assert counts == (388, 13, 33)
    assert pending_kinds(document) == {"no_label": 28, "container_size": 5}
    added = {
        "环磷酰胺",
        "顺铂",
        "多西他赛",
        "利妥昔单抗",
        "亚叶酸钙",
        "噻吗洛尔",
        "糠酸莫米松",
        "破伤风抗毒素",
        "抗蛇毒血清",
        "莫匹罗星",
        "尿素",
        "阿托品眼用凝胶",
        "麻黄碱",
        "氧氟沙星",
        "可的松",
        "左氧氟沙星滴眼液",
        "维生素D2",
        "双氢青蒿素哌喹",
        "丙酸睾酮",
        "颠茄",
        "地芬尼多",
        "垂体后叶注射液",
        "乙酰胺",
        "山莨菪碱",
        "联苯双酯",
        "阿昔洛韦滴眼液",
        "口服补液盐",
        "甘草酸二铵",
        "埃克替尼",
    }
    assert added <= set(result.covered)


def test_a_drug_leaving_the_formulary_shows_as_missing() -> None:
    formulary_document = json.loads(resource("formulary", "formulary.json").read_text("utf-8"))
    trimmed = copy.deepcopy(formulary_document)
    trimmed["drugs"] = [d for d in trimmed["drugs"] if d["code"] != "digoxin"]
    result = coverage(formulary_from_document(trimmed), essential_medicines_document())
    assert result.missing == ("地高辛",)


def test_a_repeated_form_is_not_covered_by_its_parent_drug() -> None:
    document = essential_medicines_document()
    result = coverage(default_formulary(), document)
    repeats = {
        item["name_zh"]: item["repeat_of"] for item in document["items"] if item.get("repeat_of")
    }
    assert repeats["红霉素眼膏"] == "红霉素" and "红霉素" in result.covered
    assert "红霉素眼膏" not in result.covered  # the formulary has no eye ointment of it
    assert result.covered["左氧氟沙星滴眼液"] == ("levofloxacin_eye",)  # its own product

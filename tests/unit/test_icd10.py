"""The ICD-10 and ICD-9-CM-3 reference lists the front sheet is coded from."""

from __future__ import annotations

import pytest

from workstation.clinical.icd9cm3 import ProcedureCodeError, default_procedures
from workstation.clinical.icd10 import (
    Icd10Error,
    default_catalogue,
    normalise,
    who_codable,
    who_root,
)
from workstation.resources import resource


def test_every_shipped_chinese_title_names_a_codable_who_code() -> None:
    lines = resource("reference", "icd10_zh.tsv").read_text("utf-8").splitlines()
    codes = [line.split("\t")[0] for line in lines if line and not line.startswith("#")]
    assert len(codes) > 40
    assert [c for c in codes if not who_codable(c)] == []


def test_codes_are_normalised_and_only_leaves_are_codable() -> None:
    catalogue = default_catalogue()
    assert normalise("i210") == "I21.0"
    assert catalogue.get("i210") is not None
    assert catalogue.get("I21") is None  # a category with subcategories is not specific enough
    assert catalogue.get("I10") is not None  # a category without subdivisions is
    assert catalogue.get("Q99.99") is None
    with pytest.raises(Icd10Error):
        catalogue.require("XYZ")


def test_search_by_code_chinese_name_pinyin_initials_and_english() -> None:
    catalogue = default_catalogue()
    assert [d.code for d in catalogue.search("I21")][:2] == ["I21.0", "I21.1"]
    assert "J18.9" in [d.code for d in catalogue.search("肺炎")]
    assert "J18.9" in [d.code for d in catalogue.search("fywtz")]  # 肺炎，未特指
    assert "J18.9" in [d.code for d in catalogue.search("pneumonia, unspecified")]
    assert catalogue.get("J18.9").name("zh") == "肺炎，未特指"  # type: ignore[union-attr]


def test_a_clinical_edition_row_must_sit_under_a_who_code() -> None:
    catalogue = default_catalogue().with_clinical_edition(
        [{"code": "I21.000x001", "name_zh": "急性前壁心肌梗死"}]
    )
    assert who_root("I21.000x001") == "I21.0"
    assert catalogue.require("I21.000x001").name("zh") == "急性前壁心肌梗死"
    assert [d.code for d in catalogue.search("jxqbxjgs")] == ["I21.000x001"]
    with pytest.raises(Icd10Error, match="row 2"):
        default_catalogue().with_clinical_edition([{"code": "U99.000", "name_zh": "x"}])


def test_procedures_come_from_the_icd9cm3_list() -> None:
    procedures = default_procedures()
    assert procedures.require("36.07").name_en.startswith("Insertion of drug-eluting coronary")
    assert "00.66" in [p.code for p in procedures.search("coronary angioplasty")]
    with pytest.raises(ProcedureCodeError):
        procedures.require("36.99x")
    local = procedures.with_clinical_edition(
        [{"code": "36.0700x001", "name_zh": "冠状动脉药物洗脱支架置入术"}]
    )
    assert local.require("36.0700x001").name("zh") == "冠状动脉药物洗脱支架置入术"

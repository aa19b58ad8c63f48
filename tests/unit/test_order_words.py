"""One localisation of an order and a result, for screens and printouts alike: the drug by its
formulary name, the sig in words, lab and imaging orders and results by their code, in the
reader's language whatever language they were recorded in."""

from __future__ import annotations

from workstation.clinical.lab_names import lab_name, study_name
from workstation.clinical.order_words import dose_text, order_text, sig_text

NAMES = {"aspirin": ("Aspirin", "阿司匹林")}
ASPIRIN = {"order_kind": "medication", "drug_code": "aspirin", "drug_name": "阿司匹林",
           "dose_value": 100, "dose_unit": "mg", "route": "po", "frequency": "qd"}  # fmt: skip


def _name(lang: str):  # noqa: ANN202
    return lambda order: NAMES[order["drug_code"]][1 if lang.startswith("zh") else 0]


def test_a_medication_order_reads_in_the_readers_words() -> None:
    assert order_text(ASPIRIN, "en", name=_name("en")) == "Aspirin  100 mg  oral  once daily"
    assert order_text(ASPIRIN, "zh_CN", name=_name("zh_CN")) == "阿司匹林  100 mg  口服  每日一次"
    prn = ASPIRIN | {"frequency": "prn", "prn_indication": "pain"}
    assert sig_text(prn, "zh_CN") == "100 mg  口服"  # the reason follows, not "必要时 必要时"


def test_lab_and_imaging_orders_by_their_catalogue_name() -> None:
    lab = {"order_kind": "lab", "code": "RFT", "description": "肾功能+电解质"}
    panel = {"order_kind": "lab", "code": "BMP", "description": "肾功能+电解质"}  # the demo lab's
    echo = {"order_kind": "imaging", "code": "ECHO", "description": "Echo"}
    assert order_text(lab, "en", name=_name("en")).startswith("Renal function")
    assert study_name(panel, "en") == "Renal function and electrolytes"
    assert study_name(echo, "zh_CN") == "超声心动图"
    unknown = {"order_kind": "lab", "code": "NEW-PANEL", "description": "新检查"}
    nursing = {"order_kind": "nursing", "code": "CBC", "description": "二级护理"}
    assert study_name(unknown, "en") == "新检查"  # a code not listed keeps its words
    assert order_text(nursing, "en", name=_name("en")) == "二级护理"  # the doctor's own words


def test_a_result_is_named_by_its_code() -> None:
    potassium = {"test_code": "K", "test_name": "血钾", "value": "5.4"}
    assert lab_name(potassium, "en") == "Potassium" and lab_name(potassium, "zh_CN") == "钾"
    assert lab_name({"test_code": "XYZ", "test_name": "Something"}, "zh_CN") == "Something"


def test_a_tube_is_applied_thinly_not_a_tube_each_time() -> None:
    # 莫匹罗星软膏 1支 外用 tid: the 1 is the tubes supplied; each application is a thin layer
    # (适量), so no screen or label may read "1 tube, three times a day"
    cream = {"order_kind": "medication", "drug_code": "mupirocin-oint", "drug_name": "莫匹罗星软膏",
             "dose_value": 1, "dose_unit": "tube", "route": "top", "frequency": "tid"}  # fmt: skip
    assert sig_text(cream, "zh_CN") == "适量（共 1 支）  外用  每日三次"
    assert sig_text(cream, "en") == "apply thinly (1 tube supplied)  topical  three times daily"
    assert dose_text(cream | {"dose_value": 2}, "en") == "apply thinly (2 tubes supplied)"
    assert dose_text(cream) == "1 tube"  # the amount as written, where a column says 数量

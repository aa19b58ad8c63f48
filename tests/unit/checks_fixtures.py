"""A small formulary for the order-check tests (limits are fixture values, not clinical advice)."""

from __future__ import annotations

from workstation.clinical.formulary import formulary_from_document
from workstation.clinical.knowledge import Knowledge, load_knowledge

_FIXTURE_SOURCE = "test fixture"


_TABLET = {
    "form_en": "tablet",
    "form_zh": "片",
    "strength": 10,
    "unit": "mg",
    "dispense_unit": "tab",
}


def _drug(code: str, atc: str, zh: str, **extra: object) -> dict[str, object]:
    return {"code": code, "name_en": code.replace("_", " ").title(), "name_zh": zh, "atc": atc,
            "pinyin": "x", "forms": [_TABLET], "routes": ["po", "iv", "sc", "sl", "neb"],
            "default_dose": 10, "default_unit": "mg", "default_frequency": "qd",
            "aliases": [], "classes": [], "max_single_dose": None, "max_daily_dose": None,
            "renal": None, "pregnancy": None, "older_adults": None, "high_alert": False,
            **extra}  # fmt: skip


DRUGS = [
    _drug("warfarin", "B01AA03", "华法林"),
    _drug("metronidazole", "J01XD01", "甲硝唑"),
    _drug("amoxicillin", "J01CA04", "阿莫西林", aliases=["amox"]),
    _drug("ampicillin", "J01CA01", "氨苄西林"),
    _drug("ceftriaxone", "J01DD04", "头孢曲松"),
    _drug("meropenem", "J01DH02", "美罗培南"),
    _drug("cotrimoxazole", "J01EE01", "复方磺胺甲噁唑"),
    _drug(
        "furosemide",
        "C03CA01",
        "呋塞米",
        max_single_dose={"value": 100, "unit": "mg", "source": _FIXTURE_SOURCE},
        max_daily_dose={"value": 200, "unit": "mg", "source": _FIXTURE_SOURCE},
    ),
    _drug(
        "insulin_regular",
        "A10AB01",
        "普通胰岛素",
        high_alert=True,
        max_single_dose={"value": 20, "unit": "IU", "source": _FIXTURE_SOURCE},
    ),
    _drug(
        "gentamicin",
        "J01GB03",
        "庆大霉素",
        max_daily_dose={"value": 5, "unit": "mg/kg", "source": _FIXTURE_SOURCE},
    ),
    _drug("aspirin", "B01AC06", "阿司匹林"),
    _drug("clopidogrel", "B01AC04", "氯吡格雷"),
    _drug("omeprazole", "A02BC01", "奥美拉唑"),
    _drug("pantoprazole", "A02BC02", "泮托拉唑"),
    _drug("atorvastatin", "C10AA05", "阿托伐他汀"),
    _drug("rosuvastatin", "C10AA07", "瑞舒伐他汀"),
    _drug("sildenafil", "G04BE03", "西地那非"),
    _drug("nitroglycerin", "C01DA02", "硝酸甘油"),
    _drug("spironolactone", "C03DA01", "螺内酯"),
    _drug("enalapril", "C09AA02", "依那普利"),
    _drug(
        "valsartan",
        "C09CA03",
        "缬沙坦",
        pregnancy={"risk": "avoid", "advice": "fetotoxic", "source": _FIXTURE_SOURCE},
    ),
    _drug(
        "rivaroxaban",
        "B01AF01",
        "利伐沙班",
        renal={"egfr_below": 50, "action": "reduce", "advice": "15 mg", "source": _FIXTURE_SOURCE},
    ),
    _drug("metformin", "A10BA02", "二甲双胍"),
    _drug("diphenhydramine", "R06AA02", "苯海拉明"),
    _drug("omeprazole_iv", "A02BC01", "注射用奥美拉唑"),
    _drug("metoclopramide", "A03FA01", "甲氧氯普胺"),
    _drug("propranolol", "C07AA05", "普萘洛尔"),
    _drug("bisoprolol", "C07AB07", "比索洛尔"),
    _drug("paracetamol", "N02BE01", "对乙酰氨基酚"),
    _drug("ibuprofen", "M01AE01", "布洛芬"),
    _drug("enoxaparin", "B01AB05", "依诺肝素"),
    _drug("morphine", "N02AA01", "吗啡"),
    _drug("furosemide_po", "C03CA01", "呋塞米片"),
    _drug("budesonide_neb", "R03BA02", "布地奈德混悬液"),
    _drug("methylprednisolone", "H02AB04", "甲泼尼龙"),
    _drug("levofloxacin", "J01MA12", "左氧氟沙星"),
    _drug("sulfasalazine", "A07EC01", "柳氮磺吡啶"),
    _drug("methotrexate", "L04AX03", "甲氨蝶呤"),
]


def fixture_knowledge() -> Knowledge:
    """The shipped knowledge files with the fixture formulary."""
    return load_knowledge(formulary=formulary_from_document({"drugs": DRUGS}))

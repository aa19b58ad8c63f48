"""An order in words, in one language: the drug's formulary name, the dose, the route and the
frequency written out (口服 每日一次 / oral once daily), as the printouts and every screen show it.

The one localisation of an order: printouts (workstation.reports) and screens (ui.terms) both
call it, so a screen never says "po qd" where the paper says 口服 每日一次, and an English
screen never shows the Chinese name recorded with a Chinese-named patient's order."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from workstation.clinical.lab_names import study_name

ROUTES: dict[str, tuple[str, str]] = {
    "po": ("口服", "oral"), "iv": ("静脉注射", "IV"), "ivgtt": ("静脉滴注", "IV infusion"),
    "im": ("肌内注射", "IM"), "sc": ("皮下注射", "subcut"), "ih": ("皮下注射", "subcut"),
    "sl": ("舌下含服", "sublingual"), "inh": ("吸入", "inhaled"), "pr": ("直肠给药", "rectal"),
    "top": ("外用", "topical"), "id": ("皮内注射", "intradermal"), "neb": ("雾化吸入", "nebulised"),
    "pv": ("阴道给药", "vaginal"), "ng": ("鼻饲", "via NG tube"),
    "epidural": ("硬膜外给药", "epidural"), "infil": ("局部浸润", "local infiltration"),
    "eye": ("滴眼", "to the eye"), "ear": ("滴耳", "to the ear"), "nasal": ("滴鼻", "intranasal"),
}  # fmt: skip

FREQUENCY_TEXT: dict[str, tuple[str, str]] = {
    "qd": ("每日一次", "once daily"), "bid": ("每日两次", "twice daily"),
    "tid": ("每日三次", "three times daily"), "qid": ("每日四次", "four times daily"),
    "q2h": ("每2小时一次", "every 2 hours"), "q4h": ("每4小时一次", "every 4 hours"), "q6h": ("每6小时一次", "every 6 hours"),
    "q8h": ("每8小时一次", "every 8 hours"), "q12h": ("每12小时一次", "every 12 hours"),
    "qn": ("每晚一次", "every night"), "qm": ("每晨一次", "every morning"),
    "qod": ("隔日一次", "every other day"), "qw": ("每周一次", "once weekly"),
    "st": ("立即", "at once"), "prn": ("必要时", "as needed"),
}  # fmt: skip

FOR_DAYS = ("共 {days} 天", "for {days} days")
PRN_WHEN = ("必要时：{why}", "As needed: {why}")

DrugNames = Mapping[str, tuple[str, str]]  # drug code -> (English, Chinese)


def chinese(lang: str) -> bool:
    """Whether a language code is Chinese ('zh_CN', 'zh')."""
    return lang.lower().startswith("zh")


def _pick(pair: tuple[str, str] | None, lang: str, code: str | None) -> str:
    return (pair[0] if chinese(lang) else pair[1]) if pair else (code or "")


def route_text(lang: str, code: str | None) -> str:
    """A route code in words (the code itself when unknown)."""
    return _pick(ROUTES.get(code or ""), lang, code)


def frequency_text(lang: str, code: str | None) -> str:
    """A frequency code in words (the code itself when unknown)."""
    return _pick(FREQUENCY_TEXT.get(code or ""), lang, code)


# A tube of cream or ointment is ordered by the tubes supplied (莫匹罗星软膏 1支 外用 tid) and
# applied as a thin layer each time (workstation.clinical.dispense_forms.is_supply): in words, the
# application first and the supply after, so "1 tube three times daily" is never read as a tube
# each time.
SUPPLY_DOSE = ("适量（共 {count:g} 支）", "apply thinly ({count:g} {tubes} supplied)")


def dose_text(order: Mapping[str, Any], lang: str | None = None) -> str:
    """'25 mg' from an order's dose value and unit. With a language, a tube order reads as what
    each application is: '适量（共 1 支）' / 'apply thinly (1 tube supplied)'."""
    value = order.get("dose_value")
    if value is None:
        return ""
    if lang is not None and order.get("dose_unit") == "tube":
        tubes = "tube" if value == 1 else "tubes"
        return _pick(SUPPLY_DOSE, lang, None).format(count=value, tubes=tubes)
    return f"{value:g} {order.get('dose_unit') or ''}".strip()


def drug_name(order: Mapping[str, Any], lang: str, names: DrugNames) -> str:
    """The formulary's name of an order's drug in the language (by `drug_code`), else the name
    recorded with the order (a drug since removed from the formulary)."""
    pair = names.get(str(order.get("drug_code") or ""))
    if pair is None:
        return str(
            order.get("drug_name") or order.get("drug_code") or order.get("description") or ""
        )
    return pair[1] if chinese(lang) else pair[0]


def is_medication(order: Mapping[str, Any]) -> bool:
    """An order with a drug to name (else its description is shown as written)."""
    return order.get("order_kind", "medication") == "medication" and bool(
        order.get("drug_name") or order.get("drug_code")
    )


def sig_text(order: Mapping[str, Any], lang: str) -> str:
    """The dose, route and frequency in words: '100 mg 口服 每日一次'."""
    words = [dose_text(order, lang), route_text(lang, order.get("route"))]
    if not order.get("prn_indication"):
        words.append(frequency_text(lang, order.get("frequency")))
    return "  ".join(w for w in words if w)


def order_text(
    order: Mapping[str, Any], lang: str, *, name: Callable[[Mapping[str, Any]], str]
) -> str:
    """An order in words: drug (as `name` gives it), dose, route, frequency, days and the as-needed
    reason; a lab or imaging order by its catalogue name in the language; another order's
    description as written (a nursing order is the doctor's own words)."""
    if not is_medication(order):
        return study_name(order, lang)
    line = f"{name(order)}  {sig_text(order, lang)}"
    if order.get("duration_days"):
        line += "  " + _pick(FOR_DAYS, lang, None).format(days=order["duration_days"])
    if order.get("prn_indication"):
        line += "  " + _pick(PRN_WHEN, lang, None).format(why=order["prn_indication"])
    return line

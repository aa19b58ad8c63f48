"""The controlled drugs' prescriptions (处方管理办法 2007, Annex 1 处方标准): the 麻醉药品和第一类精神药品
处方 on pale red paper with "麻、精一" in the top right corner, and the 第二类精神药品处方 on white paper
with "精二"; each item's quantity also in words (大写), as Annex 1 and Art. 5 ask for these drugs.
An inpatient 麻/精一 prescription holds one day's quantity (Art. 25)."""

from __future__ import annotations

import math
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from workstation.clinical.checks.context import order_from_row
from workstation.clinical.controlled import STRICT_CLASSES, controlled_class
from workstation.clinical.dispense_forms import NoFormForRoute, dispense_units
from workstation.clinical.formulary import Formulary, default_formulary
from workstation.reports.context import PrintContext, live
from workstation.reports.orders import _prescription_signatures, dose_text
from workstation.reports.page import build_pdf, identifiers, para, styles
from workstation.reports.rx_form import (
    NARCOTIC,
    PSYCHOTROPIC_2,
    UNIT_ZH,
    Paper,
    dispensed_form,
    rx_text,
    strength_text,
)
from workstation.reports.text import frequency_text, route_text

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_UNITS = ("", "拾", "佰", "仟")
_EN = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]  # fmt: skip
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
TEXT = {
    "strict_title": ("麻醉药品和第一类精神药品处方", "Prescription: narcotic and class 1 psychotropic drugs"),
    "psy2_title": ("第二类精神药品处方", "Prescription: class 2 psychotropic drugs"),
    "id_number": ("患者身份证明编号：________________", "Patient ID document no.: ________________"),
    "agent": ("代办人姓名及身份证明编号：________________", "Agent's name and ID no.: ________________"),
    "number": ("处方编号：{n}", "Prescription no.: {n}"),
    "quantity": ("共 {n} {unit}（{words}{unit}）", "Total {n} {unit} ({words} {unit})"),
    "one_day": ("住院患者逐日开具，每张处方为1日常用量（处方管理办法第二十五条）",
                "Inpatient: written day by day, one day's quantity (处方管理办法 Art. 25)"),
    "none": ("无此类药物医嘱", "No such medication orders in force"),
}  # fmt: skip


def chinese_amount(value: float) -> str:
    """A quantity in Chinese capital numerals (大写): 12 -> 壹拾贰, 0.5 -> 零点伍."""
    whole, _, fraction = f"{value:g}".partition(".")
    number, words = int(whole), ""
    digits = str(number)
    for place, ch in enumerate(digits):
        unit = _UNITS[len(digits) - place - 1]
        words += (_DIGITS[int(ch)] + unit) if ch != "0" else "零"
    words = words.rstrip("零").replace("零零", "零") or "零"
    while "零零" in words:
        words = words.replace("零零", "零")
    return words + ("点" + "".join(_DIGITS[int(c)] for c in fraction) if fraction else "")


def english_amount(value: float) -> str:
    """A quantity in English words (up to 9999): 12 -> twelve, 0.5 -> zero point five."""
    whole, _, fraction = f"{value:g}".partition(".")
    number, parts = int(whole), []
    if number >= 1000:
        parts.append(f"{_EN[number // 1000]} thousand")
        number %= 1000
    if number >= 100:
        parts.append(f"{_EN[number // 100]} hundred")
        number %= 100
    if number >= 20:
        parts.append(_TENS[number // 10] + (f"-{_EN[number % 10]}" if number % 10 else ""))
    elif number or not parts:
        parts.append(_EN[number])
    words = " ".join(parts)
    return words + (" point " + " ".join(_EN[int(c)] for c in fraction) if fraction else "")


def one_day_quantity(order: dict[str, Any], formulary: Formulary) -> tuple[float, str]:
    """(units, dispensing unit) of one day of an order: doses a day times units per dose."""
    drug = formulary.by_code(str(order.get("drug_code") or ""))
    if drug is None or order.get("dose_value") is None:
        return 1.0, ""
    try:  # the form the route implies: morphine po in tablets, iv in ampoules
        unit, per_dose = dispense_units(drug, float(order["dose_value"]),
                                        order.get("dose_unit") or "", order.get("route"))  # fmt: skip
    except NoFormForRoute:
        return 1.0, ""
    per_day = 1.0 if order.get("frequency") == "st" else (order_from_row(order).doses_per_day or 1)
    return float(math.ceil(per_dose * per_day)), unit


def _orders_of(chart: dict[str, Any], formulary: Formulary, strict: bool) -> list[dict[str, Any]]:
    found = []
    for order in live(chart["orders"]):
        drug = formulary.by_code(str(order.get("drug_code") or ""))
        drug_class = controlled_class(drug.entry if drug else None)
        wanted = drug_class in STRICT_CLASSES if strict else drug_class == "psychotropic_2"
        if (
            order["order_kind"] == "medication"
            and order["status"] in ("placed", "verified")
            and wanted
        ):
            found.append(order)
    return sorted(found, key=lambda o: o["placed_at"])


def _form(ctx: PrintContext, chart: dict[str, Any], *, strict: bool,
          formulary: Formulary | None) -> bytes:  # fmt: skip
    s, patient, zh = styles(ctx), chart["patient"], ctx.zh
    formulary = formulary or default_formulary()
    lang = 0 if zh else 1
    orders = _orders_of(chart, formulary, strict)
    title = TEXT["strict_title" if strict else "psy2_title"][lang]
    number = (orders[0]["order_id"][-8:] if orders else "—").upper()
    story: list[Flowable] = [
        Paper(NARCOTIC if strict else PSYCHOTROPIC_2),
        para(TEXT["number"][lang].format(n=number), s.small),
        para(f"{ctx.t('diagnosis')}：{patient.get('diagnosis') or ''}", s.body),
        para(TEXT["id_number"][lang], s.body),
        para(TEXT["agent"][lang], s.body),
        para(f"{ctx.t('date')}：{ctx.when(ctx.printed_at)[:10]}", s.body),
        Spacer(1, 3 * mm),
        para("Rp.", s.heading),
    ]
    if not orders:
        story.append(para(TEXT["none"][lang], s.body))
    for index, order in enumerate(orders, start=1):
        amount, unit = one_day_quantity(order, formulary)
        unit = UNIT_ZH.get(unit, unit) if zh else unit
        words = chinese_amount(amount) if zh else english_amount(amount)
        usage = ctx.t("usage", dose=dose_text(order), route=route_text(ctx.lang, order.get("route")),
                      freq=frequency_text(ctx.lang, order.get("frequency")))  # fmt: skip
        strength = rx_text(ctx, "strength", s=strength_text(ctx, dispensed_form(formulary, order)))
        story += [para(f"{index}. {ctx.drug_name(order)}    {strength}    "
                       + TEXT["quantity"][lang].format(n=f"{amount:g}", unit=unit, words=words), s.body),
                  para(usage, s.body)]  # fmt: skip
    if strict:
        story += [Spacer(1, 2 * mm), para(TEXT["one_day"][lang], s.small)]
    story += [Spacer(1, 10 * mm), _prescription_signatures(ctx, orders)]
    return build_pdf(ctx, story, title=title, banner=identifiers(ctx, patient))


def narcotic_prescription(ctx: PrintContext, chart: dict[str, Any],
                          formulary: Formulary | None = None) -> bytes:  # fmt: skip
    """麻醉药品和第一类精神药品处方: pale red, "麻、精一", quantities in words, one day each."""
    return _form(ctx, chart, strict=True, formulary=formulary)


def psychotropic_prescription(ctx: PrintContext, chart: dict[str, Any],
                              formulary: Formulary | None = None) -> bytes:  # fmt: skip
    """第二类精神药品处方: white, "精二", quantities in words."""
    return _form(ctx, chart, strict=False, formulary=formulary)
